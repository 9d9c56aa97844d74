package vn.evn.cashless.application.audit;

/**
 * What a verification found. When {@code verified}, every chained event was found unchanged: {@code events} of
 * them, up to {@code head}. Otherwise {@code position} is the first position with a problem, {@code events} the
 * number of events verified before it, and {@code storedLink}/{@code computedLink} the two links that differ
 * (for {@link Problem#CHANGED}).
 */
public record AuditChainVerdict(boolean verified, long events, AuditChainHead head, Long position, Problem problem,
                                String eventId, String storedLink, String computedLink, long millis) {

    public enum Problem {
        /** The event's row is there, but its link is not the stored one: the row (or the chain) was changed. */
        CHANGED,
        /** A chained position whose event row is gone. */
        REMOVED,
        /** An event row at a position below the head that the chain passed over: written around the rules. */
        INSERTED
    }

    static AuditChainVerdict verified(long events, AuditChainHead head, long millis) {
        return new AuditChainVerdict(true, events, head, null, null, null, null, null, millis);
    }

    static AuditChainVerdict failed(long events, AuditChainHead head, long position, Problem problem,
                                    String eventId, byte[] storedLink, byte[] computedLink, long millis) {
        return new AuditChainVerdict(false, events, head, position, problem, eventId,
                storedLink == null ? null : HashChain.hex(storedLink),
                computedLink == null ? null : HashChain.hex(computedLink), millis);
    }
}
