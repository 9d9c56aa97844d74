package vn.evn.cashless.domain.notice;

/** What a gateway answered when asked to send one message. */
public enum AttemptResult {
    /** It reached the customer (the gateway knew at once). */
    DELIVERED,
    /** It was taken for sending; a receipt says later whether it arrived. */
    ACCEPTED,
    /** Not now (a busy or unavailable gateway): worth trying again later on the same channel. */
    FAILED_TEMPORARY,
    /** Never on this channel (not a Zalo user, an unreachable number): the next channel is tried. */
    FAILED_PERMANENT
}
