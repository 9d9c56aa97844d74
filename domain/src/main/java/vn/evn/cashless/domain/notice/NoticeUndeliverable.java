package vn.evn.cashless.domain.notice;

import java.time.Instant;
import org.axonframework.serialization.Revision;
import vn.evn.cashless.domain.shared.CustomerEvent;

/**
 * Every channel failed (or the customer has none): the notice reached no one. {@code phoneFailed} says a channel to
 * the phone was among those that failed.
 */
@Revision("1")
public record NoticeUndeliverable(String notice, String bill, NoticeKind kind, String customer, String branch,
                                  String commune, String period, String reason, String phone, boolean phoneFailed,
                                  Instant at) implements CustomerEvent {
}
