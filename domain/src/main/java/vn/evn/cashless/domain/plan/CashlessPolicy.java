package vn.evn.cashless.domain.plan;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import vn.evn.cashless.domain.channel.ChannelKind;

/** Which channel kinds count as cashless when no plan says otherwise. */
public final class CashlessPolicy {

    public static final Set<ChannelKind> DEFAULT_KINDS =
            Collections.unmodifiableSet(EnumSet.of(ChannelKind.BANK, ChannelKind.E_WALLET));

    private CashlessPolicy() {
    }
}
