package vn.evn.cashless.domain.notice;

import static vn.evn.cashless.domain.shared.Rejections.rejectedWith;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.evn.cashless.domain.billing.BillId;
import vn.evn.cashless.domain.billing.BillingPeriod;
import vn.evn.cashless.domain.billing.Vnd;
import vn.evn.cashless.domain.channel.NotificationChannel;
import vn.evn.cashless.domain.customer.CustomerCode;
import vn.evn.cashless.domain.customer.PhoneNumber;
import vn.evn.cashless.domain.notice.NoticeStep.PhoneVerdict;
import vn.evn.cashless.domain.notice.NoticeStep.Stage;
import vn.evn.cashless.domain.organisation.BranchCode;
import vn.evn.cashless.domain.organisation.CommuneCode;
import vn.evn.cashless.domain.shared.ErrorCode;

class NoticeTest {

    private static final String CUSTOMER = "PA20BM0001234";
    private static final BillId BILL = BillId.of(CustomerCode.of(CUSTOMER), BillingPeriod.of("2021-06"));
    private static final NoticeId NOTICE = NoticeId.of(BILL, NoticeKind.BILL);
    private static final String ID = "PA20BM0001234-2021-06-BILL";
    private static final String PHONE = "0912345678";
    private static final LocalDate DUE = LocalDate.of(2021, 7, 15);
    private static final long AMOUNT = 1_234_567;
    private static final String TEXT = "EVN thông báo: tiền điện kỳ 06/2021 của khách hàng PA20BM0001234 là "
            + "1.234.567 đồng, hạn thanh toán 15/07/2021.";
    private static final int MAX_ATTEMPTS = 3;

    private static final NotificationChannel ZALO = NotificationChannel.ZALO;
    private static final NotificationChannel APP = NotificationChannel.APP;
    private static final NotificationChannel SMS = NotificationChannel.SMS;
    private static final List<NotificationChannel> ALL = List.of(ZALO, APP, SMS);

    private static final Instant QUEUED = Instant.parse("2021-06-05T01:00:00Z");
    private static final Instant FIRST = Instant.parse("2021-06-05T01:00:05Z");
    private static final Instant SECOND = Instant.parse("2021-06-05T01:00:40Z");
    private static final Instant THIRD = Instant.parse("2021-06-05T01:02:00Z");

    private static final String NOT_ZALO_USER = "not a Zalo user";
    private static final String BUSY = "HTTP 503 from the gateway";

    private FixtureConfiguration<Notice> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Notice.class);
    }

    private static QueueNotice queue(List<NotificationChannel> channels, String phone) {
        return new QueueNotice(NOTICE, BranchCode.of("BM"), CommuneCode.of("00991"), Vnd.of(AMOUNT), DUE, channels,
                phone == null ? null : PhoneNumber.of(phone), QUEUED);
    }

    private static NoticeQueued queued(List<NotificationChannel> channels, String phone) {
        return new NoticeQueued(ID, "PA20BM0001234-2021-06", NoticeKind.BILL, CUSTOMER, "BM", "00991", "2021-06",
                AMOUNT, DUE, channels, phone, TEXT, QUEUED);
    }

    private static NoticeQueued queued(List<NotificationChannel> channels) {
        return queued(channels, PHONE);
    }

    private static RecordNoticeAttempt answer(NotificationChannel channel, int attempt, AttemptResult result,
                                              String reason, Instant at) {
        return new RecordNoticeAttempt(NOTICE, channel, attempt, result, reason, at, MAX_ATTEMPTS);
    }

    private static RecordNoticeAttempt answer(NotificationChannel channel, int attempt, AttemptResult result) {
        return answer(channel, attempt, result, null, FIRST);
    }

    private static RecordNoticeReceipt receipt(NotificationChannel channel, boolean delivered, String reason) {
        return new RecordNoticeReceipt(NOTICE, channel, delivered, reason, SECOND);
    }

    private static NoticeSent sent(NotificationChannel channel, String to, int attempt, Instant at) {
        return new NoticeSent(ID, "PA20BM0001234-2021-06", NoticeKind.BILL, CUSTOMER, "BM", "00991", "2021-06",
                channel, to, attempt, at);
    }

    private static NoticeDelivered delivered(NotificationChannel channel, Instant at) {
        return new NoticeDelivered(ID, "PA20BM0001234-2021-06", NoticeKind.BILL, CUSTOMER, "BM", "00991", "2021-06",
                channel, at);
    }

    private static NoticeFailed failed(NotificationChannel channel, int attempt, String reason, boolean permanent,
                                       Instant at) {
        return new NoticeFailed(ID, "PA20BM0001234-2021-06", NoticeKind.BILL, CUSTOMER, "BM", "00991", "2021-06",
                channel, attempt, reason, permanent, at);
    }

    private static NoticeFellBack fellBack(NotificationChannel from, NotificationChannel to, Instant at) {
        return new NoticeFellBack(ID, "PA20BM0001234-2021-06", NoticeKind.BILL, CUSTOMER, "BM", "00991", "2021-06",
                from, to, at);
    }

    private static NoticeUndeliverable undeliverable(String reason, String phone, boolean phoneFailed, Instant at) {
        return new NoticeUndeliverable(ID, "PA20BM0001234-2021-06", NoticeKind.BILL, CUSTOMER, "BM", "00991",
                "2021-06", reason, phone, phoneFailed, at);
    }

    private static NoticeStep step(Stage stage, NotificationChannel channel, int attempt, boolean changed,
                                   PhoneVerdict verdict) {
        return new NoticeStep(ID, CUSTOMER, stage, channel, attempt, changed, verdict, PHONE);
    }

    /** An ended notice's step, whatever try it counts. */
    private static Matcher<NoticeStep> endedAs(Stage stage, NotificationChannel channel, PhoneVerdict verdict) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(NoticeStep step) {
                return step.notice().equals(ID) && step.customer().equals(CUSTOMER) && step.stage() == stage
                        && step.channel() == channel && step.changed() && step.verdict() == verdict
                        && PHONE.equals(step.phone());
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("a changed step " + stage + " on " + channel + ", phone " + verdict);
            }
        };
    }

    // Queueing

    @Test
    void queuesNoticeWithTheChannelsInOrderAndTheVietnameseText() {
        fixture.givenNoPriorActivity()
                .when(queue(ALL, PHONE))
                .expectSuccessfulHandlerExecution()
                .expectEvents(queued(ALL));
    }

    @Test
    void queuesReminderWithTheReminderText() {
        NoticeId reminder = NoticeId.of(BILL, NoticeKind.REMINDER);
        fixture.givenNoPriorActivity()
                .when(new QueueNotice(reminder, BranchCode.of("BM"), CommuneCode.of("00991"), Vnd.of(AMOUNT), DUE,
                        List.of(SMS), PhoneNumber.of(PHONE), QUEUED))
                .expectEvents(new NoticeQueued("PA20BM0001234-2021-06-REMINDER", "PA20BM0001234-2021-06",
                        NoticeKind.REMINDER, CUSTOMER, "BM", "00991", "2021-06", AMOUNT, DUE, List.of(SMS), PHONE,
                        "EVN nhắc: hóa đơn tiền điện kỳ 06/2021 của khách hàng PA20BM0001234 (1.234.567 đồng) "
                                + "chưa được thanh toán, hạn thanh toán 15/07/2021.", QUEUED));
    }

    @Test
    void noticeWithoutChannelsIsQueuedAndUndeliverableAtOnce() {
        fixture.givenNoPriorActivity()
                .when(queue(List.of(), null))
                .expectEvents(queued(List.of(), null),
                        undeliverable("no channel: no phone number and no ZALO or APP registration", null, false,
                                QUEUED));
    }

    @Test
    void noticeWithoutChannelsTakesNoAnswer() {
        fixture.given(queued(List.of(), null),
                        undeliverable("no channel: no phone number and no ZALO or APP registration", null, false,
                                QUEUED))
                .when(answer(SMS, 1, AttemptResult.DELIVERED))
                .expectNoEvents()
                .expectResultMessagePayload(
                        new NoticeStep(ID, CUSTOMER, Stage.UNDELIVERABLE, null, 1, false, PhoneVerdict.NONE, null));
    }

    // Answers

    @Test
    void deliveredAnswerRecordsSentAndDeliveredAndTheReachedPhone() {
        fixture.given(queued(ALL))
                .when(answer(ZALO, 1, AttemptResult.DELIVERED))
                .expectEvents(sent(ZALO, PHONE, 1, FIRST), delivered(ZALO, FIRST))
                .expectResultMessagePayload(step(Stage.DELIVERED, ZALO, 1, true, PhoneVerdict.REACHED));
    }

    @Test
    void acceptedAnswerRecordsSentAndWaitsForTheReceipt() {
        fixture.given(queued(ALL))
                .when(answer(ZALO, 1, AttemptResult.ACCEPTED))
                .expectEvents(sent(ZALO, PHONE, 1, FIRST))
                .expectResultMessagePayload(step(Stage.AWAIT_RECEIPT, ZALO, 1, true, PhoneVerdict.NONE));
    }

    @Test
    void appMessageGoesToTheCustomerCodeAndSaysNothingAboutThePhone() {
        fixture.given(queued(List.of(APP, SMS)))
                .when(answer(APP, 1, AttemptResult.DELIVERED))
                .expectEvents(sent(APP, CUSTOMER, 1, FIRST), delivered(APP, FIRST))
                .expectResultMessagePayload(step(Stage.DELIVERED, APP, 1, true, PhoneVerdict.NONE));
    }

    @Test
    void smsDeliveredAfterFallingBackReachedThePhone() {
        fixture.given(queued(List.of(APP, SMS)), failed(APP, 1, "not installed", true, FIRST),
                        fellBack(APP, SMS, FIRST))
                .when(answer(SMS, 1, AttemptResult.DELIVERED, null, SECOND))
                .expectEvents(sent(SMS, PHONE, 1, SECOND), delivered(SMS, SECOND))
                .expectResultMessagePayload(step(Stage.DELIVERED, SMS, 1, true, PhoneVerdict.REACHED));
    }

    @Test
    void temporaryFailureIsTriedAgainOnTheSameChannel() {
        fixture.given(queued(ALL))
                .when(new RecordNoticeAttempt(NOTICE, ZALO, 1, AttemptResult.FAILED_TEMPORARY, BUSY, FIRST, 2))
                .expectEvents(failed(ZALO, 1, BUSY, false, FIRST))
                .expectResultMessagePayload(step(Stage.SEND, ZALO, 2, true, PhoneVerdict.NONE));
    }

    @Test
    void nextTryAfterATemporaryFailureIsCountedOnTheSameChannel() {
        fixture.given(queued(ALL), failed(ZALO, 1, BUSY, false, FIRST))
                .when(answer(ZALO, 2, AttemptResult.DELIVERED, null, SECOND))
                .expectEvents(sent(ZALO, PHONE, 2, SECOND), delivered(ZALO, SECOND))
                .expectResultMessagePayload(step(Stage.DELIVERED, ZALO, 2, true, PhoneVerdict.REACHED));
    }

    @Test
    void temporaryFailureOfTheLastAllowedTryFallsBackToTheNextChannel() {
        fixture.given(queued(ALL), failed(ZALO, 1, BUSY, false, FIRST), failed(ZALO, 2, BUSY, false, SECOND))
                .when(answer(ZALO, 3, AttemptResult.FAILED_TEMPORARY, BUSY, THIRD))
                .expectEvents(failed(ZALO, 3, BUSY, false, THIRD), fellBack(ZALO, APP, THIRD))
                .expectResultMessagePayload(step(Stage.SEND, APP, 1, true, PhoneVerdict.NONE));
    }

    @Test
    void singleAllowedTryFallsBackOnTheFirstTemporaryFailure() {
        fixture.given(queued(ALL))
                .when(new RecordNoticeAttempt(NOTICE, ZALO, 1, AttemptResult.FAILED_TEMPORARY, BUSY, FIRST, 1))
                .expectEvents(failed(ZALO, 1, BUSY, false, FIRST), fellBack(ZALO, APP, FIRST))
                .expectResultMessagePayload(step(Stage.SEND, APP, 1, true, PhoneVerdict.NONE));
    }

    @Test
    void permanentFailureFallsBackToTheNextChannel() {
        fixture.given(queued(ALL))
                .when(answer(ZALO, 1, AttemptResult.FAILED_PERMANENT, NOT_ZALO_USER, FIRST))
                .expectEvents(failed(ZALO, 1, NOT_ZALO_USER, true, FIRST), fellBack(ZALO, APP, FIRST))
                .expectResultMessagePayload(step(Stage.SEND, APP, 1, true, PhoneVerdict.NONE));
    }

    @Test
    void fallingBackStartsCountingTriesAgain() {
        fixture.given(queued(ALL), failed(ZALO, 1, BUSY, false, FIRST))
                .when(answer(ZALO, 2, AttemptResult.FAILED_PERMANENT, NOT_ZALO_USER, SECOND))
                .expectEvents(failed(ZALO, 2, NOT_ZALO_USER, true, SECOND), fellBack(ZALO, APP, SECOND))
                .expectResultMessagePayload(step(Stage.SEND, APP, 1, true, PhoneVerdict.NONE));
    }

    @Test
    void fallingBackSkipsNoChannel() {
        fixture.given(queued(ALL), failed(ZALO, 1, NOT_ZALO_USER, true, FIRST), fellBack(ZALO, APP, FIRST))
                .when(answer(APP, 1, AttemptResult.FAILED_PERMANENT, "app not installed", SECOND))
                .expectEvents(failed(APP, 1, "app not installed", true, SECOND), fellBack(APP, SMS, SECOND))
                .expectResultMessagePayload(step(Stage.SEND, SMS, 1, true, PhoneVerdict.NONE));
    }

    @Test
    void lastChannelFailingMakesTheNoticeUndeliverableAndThePhoneNotReached() {
        fixture.given(queued(ALL), failed(ZALO, 1, NOT_ZALO_USER, true, FIRST), fellBack(ZALO, APP, FIRST),
                        failed(APP, 1, "app not installed", true, FIRST), fellBack(APP, SMS, FIRST))
                .when(answer(SMS, 1, AttemptResult.FAILED_PERMANENT, "unreachable", SECOND))
                .expectEvents(failed(SMS, 1, "unreachable", true, SECOND),
                        undeliverable("every channel failed: [ZALO, APP, SMS]", PHONE, true, SECOND))
                .expectResultMessagePayload(step(Stage.UNDELIVERABLE, SMS, 1, true, PhoneVerdict.NOT_REACHED));
    }

    @Test
    void temporaryFailuresToTheEndOfTheLastChannelMakeTheNoticeUndeliverable() {
        fixture.given(queued(List.of(SMS)), failed(SMS, 1, BUSY, false, FIRST), failed(SMS, 2, BUSY, false, SECOND))
                .when(answer(SMS, 3, AttemptResult.FAILED_TEMPORARY, BUSY, THIRD))
                .expectEvents(failed(SMS, 3, BUSY, false, THIRD),
                        undeliverable("every channel failed: [SMS]", PHONE, true, THIRD))
                .expectResultMessagePayloadMatching(endedAs(Stage.UNDELIVERABLE, SMS, PhoneVerdict.NOT_REACHED));
    }

    @Test
    void appOnlyNoticeFailingSaysNothingAboutThePhone() {
        fixture.given(queued(List.of(APP), null))
                .when(answer(APP, 1, AttemptResult.FAILED_PERMANENT, "app not installed", FIRST))
                .expectEvents(failed(APP, 1, "app not installed", true, FIRST),
                        undeliverable("every channel failed: [APP]", null, false, FIRST))
                .expectResultMessagePayload(
                        new NoticeStep(ID, CUSTOMER, Stage.UNDELIVERABLE, APP, 1, true, PhoneVerdict.NONE, null));
    }

    // Answers that are not the current try's

    @Test
    void answerForAnotherChannelChangesNothing() {
        fixture.given(queued(ALL))
                .when(answer(SMS, 1, AttemptResult.DELIVERED))
                .expectNoEvents()
                .expectResultMessagePayload(step(Stage.SEND, ZALO, 1, false, PhoneVerdict.NONE));
    }

    @Test
    void answerForAnEarlierTryChangesNothing() {
        fixture.given(queued(ALL), failed(ZALO, 1, BUSY, false, FIRST))
                .when(answer(ZALO, 1, AttemptResult.DELIVERED))
                .expectNoEvents()
                .expectResultMessagePayload(step(Stage.SEND, ZALO, 2, false, PhoneVerdict.NONE));
    }

    @Test
    void answerForALaterTryChangesNothing() {
        fixture.given(queued(ALL))
                .when(answer(ZALO, 2, AttemptResult.FAILED_PERMANENT, NOT_ZALO_USER, FIRST))
                .expectNoEvents()
                .expectResultMessagePayload(step(Stage.SEND, ZALO, 1, false, PhoneVerdict.NONE));
    }

    @Test
    void sameAnswerRecordedAgainWhileWaitingForTheReceiptChangesNothing() {
        fixture.given(queued(ALL), sent(ZALO, PHONE, 1, FIRST))
                .when(answer(ZALO, 1, AttemptResult.ACCEPTED))
                .expectNoEvents()
                .expectResultMessagePayload(step(Stage.AWAIT_RECEIPT, ZALO, 1, false, PhoneVerdict.NONE));
    }

    @Test
    void answerAfterDeliveryChangesNothingAndStillTellsThePhoneWasReached() {
        fixture.given(queued(ALL), sent(ZALO, PHONE, 1, FIRST), delivered(ZALO, FIRST))
                .when(answer(ZALO, 1, AttemptResult.DELIVERED))
                .expectNoEvents()
                .expectResultMessagePayload(step(Stage.DELIVERED, ZALO, 1, false, PhoneVerdict.REACHED));
    }

    @Test
    void answerAfterTheNoticeWasUndeliverableChangesNothing() {
        fixture.given(queued(List.of(SMS)), failed(SMS, 1, "unreachable", true, FIRST),
                        undeliverable("every channel failed: [SMS]", PHONE, true, FIRST))
                .when(answer(SMS, 1, AttemptResult.FAILED_PERMANENT, "unreachable", FIRST))
                .expectNoEvents()
                .expectResultMessagePayload(step(Stage.UNDELIVERABLE, SMS, 1, false, PhoneVerdict.NOT_REACHED));
    }

    // Receipts

    @Test
    void deliveredReceiptAfterAcceptanceRecordsDelivery() {
        fixture.given(queued(ALL), sent(ZALO, PHONE, 1, FIRST))
                .when(receipt(ZALO, true, null))
                .expectEvents(delivered(ZALO, SECOND))
                .expectResultMessagePayload(step(Stage.DELIVERED, ZALO, 1, true, PhoneVerdict.REACHED));
    }

    @Test
    void failedReceiptFallsBackToTheNextChannel() {
        fixture.given(queued(ALL), sent(ZALO, PHONE, 1, FIRST))
                .when(receipt(ZALO, false, NOT_ZALO_USER))
                .expectEvents(failed(ZALO, 1, NOT_ZALO_USER, true, SECOND), fellBack(ZALO, APP, SECOND))
                .expectResultMessagePayload(step(Stage.SEND, APP, 1, true, PhoneVerdict.NONE));
    }

    @Test
    void failedReceiptOnTheLastChannelMakesTheNoticeUndeliverable() {
        fixture.given(queued(List.of(SMS)), sent(SMS, PHONE, 1, FIRST))
                .when(receipt(SMS, false, "unreachable"))
                .expectEvents(failed(SMS, 1, "unreachable", true, SECOND),
                        undeliverable("every channel failed: [SMS]", PHONE, true, SECOND))
                .expectResultMessagePayload(step(Stage.UNDELIVERABLE, SMS, 1, true, PhoneVerdict.NOT_REACHED));
    }

    @Test
    void failedReceiptWithoutReasonIsRecordedWithOne() {
        fixture.given(queued(ALL), sent(ZALO, PHONE, 1, FIRST))
                .when(receipt(ZALO, false, "  "))
                .expectEvents(failed(ZALO, 1, "no reason given", true, SECOND), fellBack(ZALO, APP, SECOND));
    }

    @Test
    void sameDeliveredReceiptTwiceRecordsNothing() {
        fixture.given(queued(ALL), sent(ZALO, PHONE, 1, FIRST), delivered(ZALO, SECOND))
                .when(receipt(ZALO, true, null))
                .expectNoEvents()
                .expectResultMessagePayload(step(Stage.DELIVERED, ZALO, 1, false, PhoneVerdict.REACHED));
    }

    @Test
    void sameFailedReceiptTwiceRecordsNothing() {
        fixture.given(queued(ALL), sent(ZALO, PHONE, 1, FIRST), failed(ZALO, 1, NOT_ZALO_USER, true, SECOND),
                        fellBack(ZALO, APP, SECOND))
                .when(receipt(ZALO, false, NOT_ZALO_USER))
                .expectNoEvents()
                .expectResultMessagePayload(step(Stage.SEND, APP, 1, false, PhoneVerdict.NONE));
    }

    @Test
    void receiptForAChannelNoMessageWentByIsAConflict() {
        fixture.given(queued(ALL), sent(ZALO, PHONE, 1, FIRST))
                .when(receipt(SMS, true, null))
                .expectNoEvents()
                .expectException(rejectedWith(ErrorCode.NOTICE_RECEIPT_CONFLICT));
    }

    @Test
    void receiptForTheChannelBeingTriedProvesTheMessageWasSent() {
        fixture.given(queued(ALL), failed(ZALO, 1, BUSY, false, FIRST))
                .when(receipt(ZALO, true, null))
                .expectEvents(sent(ZALO, PHONE, 2, SECOND), delivered(ZALO, SECOND))
                .expectResultMessagePayload(step(Stage.DELIVERED, ZALO, 2, true, PhoneVerdict.REACHED));
    }

    @Test
    void receiptForTheChannelBeingTriedBeforeItsAnswerIsRecordedCounts() {
        fixture.given(queued(ALL))
                .when(receipt(ZALO, false, "unreachable"))
                .expectEvents(sent(ZALO, PHONE, 1, SECOND), failed(ZALO, 1, "unreachable", true, SECOND),
                        fellBack(ZALO, APP, SECOND));
    }

    @Test
    void failedReceiptAfterDeliveryIsAConflict() {
        fixture.given(queued(ALL), sent(ZALO, PHONE, 1, FIRST), delivered(ZALO, FIRST))
                .when(receipt(ZALO, false, "unreachable"))
                .expectNoEvents()
                .expectException(rejectedWith(ErrorCode.NOTICE_RECEIPT_CONFLICT));
    }

    @Test
    void deliveredReceiptAfterAFailureIsAConflict() {
        fixture.given(queued(ALL), sent(ZALO, PHONE, 1, FIRST), failed(ZALO, 1, NOT_ZALO_USER, true, SECOND),
                        fellBack(ZALO, APP, SECOND))
                .when(receipt(ZALO, true, null))
                .expectNoEvents()
                .expectException(rejectedWith(ErrorCode.NOTICE_RECEIPT_CONFLICT));
    }

    @Test
    void deliveredReceiptForAChannelThatFailedAtOnceIsAConflict() {
        fixture.given(queued(ALL), failed(ZALO, 1, NOT_ZALO_USER, true, FIRST), fellBack(ZALO, APP, FIRST))
                .when(receipt(ZALO, true, null))
                .expectException(rejectedWith(ErrorCode.NOTICE_RECEIPT_CONFLICT));
    }
}
