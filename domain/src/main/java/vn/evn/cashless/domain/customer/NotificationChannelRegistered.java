package vn.evn.cashless.domain.customer;

import vn.evn.cashless.domain.shared.CustomerEvent;
import java.time.Instant;
import org.axonframework.serialization.Revision;
import vn.evn.cashless.domain.channel.NotificationChannel;

@Revision("1")
public record NotificationChannelRegistered(String customer, String branch, String commune,
                                            NotificationChannel channel, Instant registeredAt) implements CustomerEvent {
}
