package vn.evn.cashless.domain.billing;

import vn.evn.cashless.domain.shared.CustomerEvent;
import java.time.Instant;
import org.axonframework.serialization.Revision;
import vn.evn.cashless.domain.channel.ChannelKind;

/** A payment against a bill, as a channel reported it; carries all a read model needs. */
@Revision("1")
public record PaymentRecorded(String payment, String bill, String customer, String branch, String commune,
                              String period, long amount, ChannelKind kind, String provider, String externalRef,
                              Instant paidAt) implements CustomerEvent {
}
