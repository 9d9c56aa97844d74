package vn.evn.cashless.domain.notice;

import java.time.Instant;
import org.axonframework.serialization.Revision;
import vn.evn.cashless.domain.channel.NotificationChannel;
import vn.evn.cashless.domain.shared.CustomerEvent;

/** A channel gave up on the notice; the next one in the customer's order is tried. */
@Revision("1")
public record NoticeFellBack(String notice, String bill, NoticeKind kind, String customer, String branch,
                             String commune, String period, NotificationChannel fromChannel,
                             NotificationChannel toChannel, Instant at) implements CustomerEvent {
}
