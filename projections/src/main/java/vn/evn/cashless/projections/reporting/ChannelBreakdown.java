package vn.evn.cashless.projections.reporting;

import java.util.List;
import vn.evn.cashless.domain.channel.ChannelKind;

public record ChannelBreakdown(String branch, String period, List<ChannelKind> cashlessKinds, List<Channel> channels) {

    public record Channel(ChannelKind kind, String provider, long payments, long amount, boolean cashless) {
    }
}
