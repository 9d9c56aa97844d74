package vn.evn.cashless.domain.notice;

import java.time.Instant;
import org.axonframework.serialization.Revision;
import vn.evn.cashless.domain.channel.NotificationChannel;
import vn.evn.cashless.domain.shared.CustomerEvent;

/** The message reached the customer on one channel. */
@Revision("1")
public record NoticeDelivered(String notice, String bill, NoticeKind kind, String customer, String branch,
                              String commune, String period, NotificationChannel channel,
                              Instant deliveredAt) implements CustomerEvent {
}
