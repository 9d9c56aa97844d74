package vn.evn.cashless.domain.figures;

import java.util.List;
import vn.evn.cashless.domain.channel.ChannelKind;

/** A branch's counted payments over a period per channel kind and provider. */
public record ChannelBreakdown(String branch, String period, List<ChannelKind> cashlessKinds, List<Channel> channels) {

    public record Channel(ChannelKind kind, String provider, long payments, long amount, boolean cashless) {
    }
}
