package vn.evn.cashless.domain.billing;

import vn.evn.cashless.domain.shared.CustomerEvent;
import java.time.Instant;
import org.axonframework.serialization.Revision;
import vn.evn.cashless.domain.channel.ChannelKind;

/** A payment taken back; repeats the payment's facts so read models can subtract it without a look-up. */
@Revision("1")
public record PaymentReversed(String payment, String bill, String customer, String branch, String commune,
                              String period, long amount, ChannelKind kind, String provider, String externalRef,
                              Instant paidAt, String reason, Instant reversedAt) implements CustomerEvent {
}
