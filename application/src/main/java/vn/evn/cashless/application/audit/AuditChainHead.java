package vn.evn.cashless.application.audit;

/**
 * The newest link of the chain: what an auditor writes down, to compare with a later verification.
 *
 * @param position the global index of the last chained event (0 before the first)
 * @param link     its link ({@link HashChain#GENESIS} before the first)
 * @param events   how many events the chain covers up to there
 */
public record AuditChainHead(long position, byte[] link, long events) {

    public static final AuditChainHead EMPTY = new AuditChainHead(0, HashChain.GENESIS, 0);

    public String linkHex() {
        return HashChain.hex(link);
    }
}
