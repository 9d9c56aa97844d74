package vn.evn.cashless.api.security;

/** What a signed-in user may do; README "Security" lists the endpoints of each. */
public enum Role {
    /** Branch staff: organisation, customers, registrations, bills, payments entered by staff, reversals. */
    OPERATOR,
    /** A bank, e-wallet or collection partner: records its own payments and reads them back. */
    PROVIDER,
    /** Assigns plans. */
    PLANNER,
    /** Reads everything, the audit trail above all. */
    AUDITOR,
    /** Reads the read models; sees customers' phones masked. */
    VIEWER,
    /** Rebuilds read models and follows jobs. */
    ADMIN,
    /** A message gateway: reports whether the notices it took reached the customers. */
    GATEWAY
}
