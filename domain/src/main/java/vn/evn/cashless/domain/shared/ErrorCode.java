package vn.evn.cashless.domain.shared;

/**
 * Stable codes for every rejection the ledger can give. Clients switch on these, never on message text;
 * the HTTP layer maps each kind to one status.
 */
public enum ErrorCode {
    INVALID_VALUE(Kind.INVALID),

    UNAUTHENTICATED(Kind.UNAUTHENTICATED),
    ACCESS_DENIED(Kind.FORBIDDEN),

    BRANCH_NOT_FOUND(Kind.NOT_FOUND),
    COMMUNE_NOT_FOUND(Kind.NOT_FOUND),
    CUSTOMER_NOT_FOUND(Kind.NOT_FOUND),
    BILL_NOT_FOUND(Kind.NOT_FOUND),
    PAYMENT_NOT_FOUND(Kind.NOT_FOUND),
    PLAN_NOT_FOUND(Kind.NOT_FOUND),
    COMPANY_NOT_FOUND(Kind.NOT_FOUND),
    PAYMENT_CHANNEL_NOT_REGISTERED(Kind.NOT_FOUND),
    NOTIFICATION_CHANNEL_NOT_REGISTERED(Kind.NOT_FOUND),
    READ_MODEL_NOT_FOUND(Kind.NOT_FOUND),
    JOB_NOT_FOUND(Kind.NOT_FOUND),

    BRANCH_ALREADY_EXISTS(Kind.CONFLICT),
    COMMUNE_ALREADY_EXISTS(Kind.CONFLICT),
    CUSTOMER_ALREADY_EXISTS(Kind.CONFLICT),
    BILL_ALREADY_ISSUED(Kind.CONFLICT),
    PAYMENT_CHANNEL_ALREADY_REGISTERED(Kind.CONFLICT),
    NOTIFICATION_CHANNEL_ALREADY_REGISTERED(Kind.CONFLICT),
    PAYMENT_REFERENCE_CONFLICT(Kind.CONFLICT),
    PAYMENT_ALREADY_REVERSED(Kind.CONFLICT),
    CONCURRENT_MODIFICATION(Kind.CONFLICT),

    PAYMENT_ABOVE_OUTSTANDING(Kind.BUSINESS_RULE),
    COMMUNE_OF_ANOTHER_BRANCH(Kind.BUSINESS_RULE),
    TIME_BEFORE_FACT(Kind.BUSINESS_RULE);

    /** The families of rejection; each maps to one HTTP status. */
    public enum Kind { INVALID, UNAUTHENTICATED, FORBIDDEN, NOT_FOUND, CONFLICT, BUSINESS_RULE }

    private final Kind kind;

    ErrorCode(Kind kind) {
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
