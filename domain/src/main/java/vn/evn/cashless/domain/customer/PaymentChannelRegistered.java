package vn.evn.cashless.domain.customer;

import vn.evn.cashless.domain.shared.CustomerEvent;
import java.time.Instant;
import org.axonframework.serialization.Revision;
import vn.evn.cashless.domain.channel.ChannelKind;

@Revision("1")
public record PaymentChannelRegistered(String customer, String branch, String commune, ChannelKind kind,
                                       String provider, Instant registeredAt) implements CustomerEvent {
}
