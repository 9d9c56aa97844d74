package vn.evn.cashless.domain.figures;

import vn.evn.cashless.domain.channel.ChannelKind;

/** Non-reversed payments through one channel kind: how many, and how much. */
public record ChannelSums(ChannelKind kind, long payments, long amount) {
}
