package vn.evn.cashless.domain.notice;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.evn.cashless.domain.shared.InvalidValues.assertInvalid;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.evn.cashless.domain.billing.BillId;
import vn.evn.cashless.domain.billing.Vnd;
import vn.evn.cashless.domain.channel.NotificationChannel;
import vn.evn.cashless.domain.customer.PhoneNumber;
import vn.evn.cashless.domain.notice.NoticeStep.Stage;
import vn.evn.cashless.domain.organisation.BranchCode;
import vn.evn.cashless.domain.organisation.CommuneCode;

class NoticeCommandsTest {

    private static final NoticeId NOTICE = NoticeId.of(BillId.parse("PA20BM0001234-2021-06"), NoticeKind.BILL);
    private static final BranchCode BRANCH = BranchCode.of("BM");
    private static final CommuneCode COMMUNE = CommuneCode.of("00991");
    private static final Vnd AMOUNT = Vnd.of(500_000);
    private static final LocalDate DUE = LocalDate.of(2021, 7, 15);
    private static final PhoneNumber PHONE = PhoneNumber.of("0912345678");
    private static final List<NotificationChannel> SMS = List.of(NotificationChannel.SMS);
    private static final Instant AT = Instant.parse("2021-06-05T01:00:00Z");

    @Test
    void queueNoticeNeedsEverythingButThePhone() {
        assertInvalid("notice", () -> new QueueNotice(null, BRANCH, COMMUNE, AMOUNT, DUE, SMS, PHONE, AT));
        assertInvalid("branch", () -> new QueueNotice(NOTICE, null, COMMUNE, AMOUNT, DUE, SMS, PHONE, AT));
        assertInvalid("commune", () -> new QueueNotice(NOTICE, BRANCH, null, AMOUNT, DUE, SMS, PHONE, AT));
        assertInvalid("amount", () -> new QueueNotice(NOTICE, BRANCH, COMMUNE, null, DUE, SMS, PHONE, AT));
        assertInvalid("dueDate", () -> new QueueNotice(NOTICE, BRANCH, COMMUNE, AMOUNT, null, SMS, PHONE, AT));
        assertInvalid("queuedAt", () -> new QueueNotice(NOTICE, BRANCH, COMMUNE, AMOUNT, DUE, SMS, PHONE, null));
        assertThat(new QueueNotice(NOTICE, BRANCH, COMMUNE, AMOUNT, DUE, List.of(NotificationChannel.APP), null, AT)
                .phone()).isNull();
    }

    @Test
    void queueNoticeChecksItsChannels() {
        assertInvalid("channels", () -> new QueueNotice(NOTICE, BRANCH, COMMUNE, AMOUNT, DUE, null, PHONE, AT));
        assertInvalid("channels", () -> new QueueNotice(NOTICE, BRANCH, COMMUNE, AMOUNT, DUE, SMS, null, AT));
        assertInvalid("channels", () -> new QueueNotice(NOTICE, BRANCH, COMMUNE, AMOUNT, DUE,
                List.of(NotificationChannel.SMS, NotificationChannel.ZALO), PHONE, AT));
    }

    @Test
    void recordNoticeAttemptNeedsNoticeChannelResultAndTime() {
        assertInvalid("notice", () -> new RecordNoticeAttempt(null, NotificationChannel.SMS, 1,
                AttemptResult.DELIVERED, null, AT, 3));
        assertInvalid("channel", () -> new RecordNoticeAttempt(NOTICE, null, 1, AttemptResult.DELIVERED, null, AT, 3));
        assertInvalid("result", () -> new RecordNoticeAttempt(NOTICE, NotificationChannel.SMS, 1, null, null, AT, 3));
        assertInvalid("at", () -> new RecordNoticeAttempt(NOTICE, NotificationChannel.SMS, 1,
                AttemptResult.DELIVERED, null, null, 3));
    }

    @Test
    void triesAreCountedFromOne() {
        assertInvalid("attempt", () -> new RecordNoticeAttempt(NOTICE, NotificationChannel.SMS, 0,
                AttemptResult.DELIVERED, null, AT, 3));
        assertInvalid("attempt", () -> new RecordNoticeAttempt(NOTICE, NotificationChannel.SMS, 1,
                AttemptResult.DELIVERED, null, AT, 0));
        assertThat(new RecordNoticeAttempt(NOTICE, NotificationChannel.SMS, 1, AttemptResult.DELIVERED, null, AT, 1)
                .attempt()).isEqualTo(1);
    }

    @Test
    void failedAttemptKeepsItsReasonAsOneLine() {
        assertThat(attempt(AttemptResult.FAILED_TEMPORARY, " HTTP 503\r\nService Unavailable ").reason())
                .isEqualTo("HTTP 503 Service Unavailable");
        assertThat(attempt(AttemptResult.FAILED_PERMANENT, null).reason()).isEqualTo("no reason given");
    }

    @Test
    void successfulAttemptKeepsWhatItWasGiven() {
        assertThat(attempt(AttemptResult.DELIVERED, null).reason()).isNull();
        assertThat(attempt(AttemptResult.ACCEPTED, " queued\n").reason()).isEqualTo(" queued\n");
    }

    @Test
    void recordNoticeReceiptNeedsNoticeChannelAndTime() {
        assertInvalid("notice", () -> new RecordNoticeReceipt(null, NotificationChannel.SMS, true, null, AT));
        assertInvalid("channel", () -> new RecordNoticeReceipt(NOTICE, null, true, null, AT));
        assertInvalid("at", () -> new RecordNoticeReceipt(NOTICE, NotificationChannel.SMS, true, null, null));
    }

    @Test
    void failedReceiptKeepsItsReasonAsOneLine() {
        assertThat(new RecordNoticeReceipt(NOTICE, NotificationChannel.SMS, false, "unreachable\n", AT).reason())
                .isEqualTo("unreachable");
        assertThat(new RecordNoticeReceipt(NOTICE, NotificationChannel.SMS, false, "", AT).reason())
                .isEqualTo("no reason given");
        assertThat(new RecordNoticeReceipt(NOTICE, NotificationChannel.SMS, true, null, AT).reason()).isNull();
    }

    @Test
    void reasonIsOneLineOfAtMostTwoHundredCharacters() {
        assertThat(NoticeStep.reason(null)).isEqualTo("no reason given");
        assertThat(NoticeStep.reason(" \t\n")).isEqualTo("no reason given");
        assertThat(NoticeStep.reason("a\tb\u0000\u0007c")).isEqualTo("a b c");
        assertThat(NoticeStep.reason("x".repeat(200))).isEqualTo("x".repeat(200));
        assertThat(NoticeStep.reason("y".repeat(201))).isEqualTo("y".repeat(200));
    }

    @Test
    void onlyDeliveredAndUndeliverableNoticesHaveEnded() {
        assertThat(Stage.SEND.ended()).isFalse();
        assertThat(Stage.AWAIT_RECEIPT.ended()).isFalse();
        assertThat(Stage.DELIVERED.ended()).isTrue();
        assertThat(Stage.UNDELIVERABLE.ended()).isTrue();
    }

    private static RecordNoticeAttempt attempt(AttemptResult result, String reason) {
        return new RecordNoticeAttempt(NOTICE, NotificationChannel.SMS, 1, result, reason, AT, 3);
    }
}
