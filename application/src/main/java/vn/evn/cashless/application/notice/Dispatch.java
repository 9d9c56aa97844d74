package vn.evn.cashless.application.notice;

import java.time.LocalDate;
import vn.evn.cashless.domain.channel.NotificationChannel;
import vn.evn.cashless.domain.notice.NoticeChannels;
import vn.evn.cashless.domain.notice.NoticeId;

/**
 * A notice claimed for sending: a row of {@code notice_dispatch}.
 *
 * @param stage   {@code NEW} (to be queued) or {@code SEND}
 * @param phone   the phone the notice was queued with ({@code SEND} only)
 * @param text    the text it was queued with ({@code SEND} only)
 * @param channel the channel to try ({@code SEND} only)
 */
record Dispatch(NoticeId notice, String customer, String branch, String commune, long amount, LocalDate dueDate,
                String stage, String phone, String text, NotificationChannel channel, int attempt) {

    boolean isNew() {
        return "NEW".equals(stage);
    }

    Dispatch sending(String queuedPhone, String queuedText, NotificationChannel first) {
        return new Dispatch(notice, customer, branch, commune, amount, dueDate, "SEND", queuedPhone, queuedText,
                first, 1);
    }

    /** Where the message goes on its channel: the phone for Zalo and SMS, the customer's account in the app. */
    String recipient() {
        return NoticeChannels.toPhone(channel) ? phone : customer;
    }

    /** The same on every node and after every crash, so a gateway that honours it sends the message once. */
    String idempotencyKey() {
        return notice + "-" + channel;
    }
}
