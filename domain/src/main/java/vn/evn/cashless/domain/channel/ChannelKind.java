package vn.evn.cashless.domain.channel;

/**
 * Kênh thanh toán: the kind of channel a payment comes through. Which kinds count as cashless is a policy of the
 * plan, not a property of the kind; only the two cash kinds can never be registered for.
 */
public enum ChannelKind {
    BANK,
    E_WALLET,
    INTERMEDIARY,
    COUNTER,
    COLLECTOR;

    /** Cash paid at the branch's counter or to a collector at the door: nothing a customer registers for. */
    public boolean isCash() {
        return this == COUNTER || this == COLLECTOR;
    }
}
