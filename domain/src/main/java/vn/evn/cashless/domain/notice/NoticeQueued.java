package vn.evn.cashless.domain.notice;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.axonframework.serialization.Revision;
import vn.evn.cashless.domain.channel.NotificationChannel;
import vn.evn.cashless.domain.shared.CustomerEvent;

/** A notice is due for a customer: the channels to try, in order, and the text they will read. */
@Revision("1")
public record NoticeQueued(String notice, String bill, NoticeKind kind, String customer, String branch, String commune,
                           String period, long amount, LocalDate dueDate, List<NotificationChannel> channels,
                           String phone, String text, Instant queuedAt) implements CustomerEvent {
}
