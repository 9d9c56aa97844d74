package vn.evn.cashless.domain.notice;

import java.time.Instant;
import org.axonframework.serialization.Revision;
import vn.evn.cashless.domain.channel.NotificationChannel;
import vn.evn.cashless.domain.shared.CustomerEvent;

/** A gateway took the message for one channel (it may still report whether it arrived). */
@Revision("1")
public record NoticeSent(String notice, String bill, NoticeKind kind, String customer, String branch, String commune,
                         String period, NotificationChannel channel, String to, int attempt,
                         Instant sentAt) implements CustomerEvent {
}
