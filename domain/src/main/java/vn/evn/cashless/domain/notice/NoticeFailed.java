package vn.evn.cashless.domain.notice;

import java.time.Instant;
import org.axonframework.serialization.Revision;
import vn.evn.cashless.domain.channel.NotificationChannel;
import vn.evn.cashless.domain.shared.CustomerEvent;

/** One try on one channel failed: a temporary failure is tried again, a permanent one falls back. */
@Revision("1")
public record NoticeFailed(String notice, String bill, NoticeKind kind, String customer, String branch, String commune,
                           String period, NotificationChannel channel, int attempt, String reason, boolean permanent,
                           Instant failedAt) implements CustomerEvent {
}
