package vn.evn.cashless.domain.billing;

import static vn.evn.cashless.domain.shared.Rejections.rejectedWith;

import java.time.Instant;
import java.time.LocalDate;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.evn.cashless.domain.channel.ChannelKind;
import vn.evn.cashless.domain.channel.Provider;
import vn.evn.cashless.domain.customer.CustomerCode;
import vn.evn.cashless.domain.organisation.BranchCode;
import vn.evn.cashless.domain.organisation.CommuneCode;
import vn.evn.cashless.domain.shared.ErrorCode;

class BillTest {

    private static final String CUSTOMER = "PA20BM0001234";
    private static final BillId BILL = BillId.of(CustomerCode.of(CUSTOMER), BillingPeriod.of("2021-06"));
    private static final String BILL_ID = "PA20BM0001234-2021-06";
    private static final LocalDate DUE = LocalDate.of(2021, 7, 15);
    private static final long AMOUNT = 500_000;

    private static final Instant PAID = Instant.parse("2021-06-20T03:15:00Z");
    private static final Instant REVERSED = Instant.parse("2021-06-21T01:00:00Z");

    private static final BillIssued ISSUED =
            new BillIssued(BILL_ID, CUSTOMER, "BM", "00991", "2021-06", AMOUNT, DUE);
    private static final String MOMO_PAYMENT = id("MoMo", "MM-0001");

    private FixtureConfiguration<Bill> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Bill.class);
    }

    private static String id(String provider, String ref) {
        return PaymentId.of(Provider.of(provider), ExternalRef.of(ref)).toString();
    }

    private static RecordPayment pay(long amount, ChannelKind kind, String provider, String ref, Instant paidAt) {
        return new RecordPayment(BILL, Vnd.of(amount), kind, Provider.of(provider), ExternalRef.of(ref), paidAt, true);
    }

    private static RecordPayment payByMoMo(long amount) {
        return pay(amount, ChannelKind.E_WALLET, "MoMo", "MM-0001", PAID);
    }

    private static PaymentRecorded recorded(long amount, ChannelKind kind, String provider, String ref,
                                            Instant paidAt) {
        return new PaymentRecorded(id(provider, ref), BILL_ID, CUSTOMER, "BM", "00991", "2021-06", amount, kind,
                provider, ref, paidAt);
    }

    private static PaymentRecorded paidByMoMo(long amount) {
        return recorded(amount, ChannelKind.E_WALLET, "MoMo", "MM-0001", PAID);
    }

    private static PaymentReversed reversedMoMo(long amount, Instant at) {
        return new PaymentReversed(MOMO_PAYMENT, BILL_ID, CUSTOMER, "BM", "00991", "2021-06", amount,
                ChannelKind.E_WALLET, "MoMo", "MM-0001", PAID, "refunded by MoMo", at);
    }

    private static ReversePayment reverseMoMo(Instant at) {
        return new ReversePayment(BILL, PaymentId.parse(MOMO_PAYMENT), "refunded by MoMo", at);
    }

    // Issuing

    @Test
    void issuesBill() {
        fixture.givenNoPriorActivity()
                .when(new IssueBill(BILL, BranchCode.of("BM"), CommuneCode.of("00991"), Vnd.of(AMOUNT), DUE))
                .expectSuccessfulHandlerExecution()
                .expectEvents(ISSUED);
    }

    // Recording

    @Test
    void recordsPaymentWithinOutstandingAmount() {
        fixture.given(ISSUED)
                .when(payByMoMo(200_000))
                .expectEvents(paidByMoMo(200_000))
                .expectResultMessagePayload(new PaymentOutcome(MOMO_PAYMENT, false, PAID, "MoMo"));
    }

    @Test
    void acceptsPaymentOfExactlyTheOutstandingAmount() {
        fixture.given(ISSUED)
                .when(payByMoMo(AMOUNT))
                .expectEvents(paidByMoMo(AMOUNT))
                .expectResultMessagePayload(new PaymentOutcome(MOMO_PAYMENT, false, PAID, "MoMo"));
    }

    @Test
    void rejectsPaymentAboveOutstandingAmount() {
        fixture.given(ISSUED)
                .when(payByMoMo(AMOUNT + 1))
                .expectNoEvents()
                .expectException(rejectedWith(ErrorCode.PAYMENT_ABOVE_OUTSTANDING));
    }

    @Test
    void rejectsPaymentAboveWhatEarlierPaymentsLeftOutstanding() {
        fixture.given(ISSUED, paidByMoMo(400_000))
                .when(pay(100_001, ChannelKind.BANK, "Agribank", "AGR-77", PAID))
                .expectNoEvents()
                .expectException(rejectedWith(ErrorCode.PAYMENT_ABOVE_OUTSTANDING));
    }

    @Test
    void acceptsPaymentOfWhatEarlierPaymentsLeftOutstanding() {
        fixture.given(ISSUED, paidByMoMo(400_000))
                .when(pay(100_000, ChannelKind.BANK, "Agribank", "AGR-77", PAID))
                .expectEvents(recorded(100_000, ChannelKind.BANK, "Agribank", "AGR-77", PAID))
                .expectResultMessagePayload(new PaymentOutcome(id("Agribank", "AGR-77"), false, PAID,
                        "Agribank"));
    }

    @Test
    void rejectsAnyPaymentOnFullyPaidBill() {
        fixture.given(ISSUED, paidByMoMo(AMOUNT))
                .when(pay(1, ChannelKind.COUNTER, "BM", "Q-1", PAID))
                .expectNoEvents()
                .expectException(rejectedWith(ErrorCode.PAYMENT_ABOVE_OUTSTANDING));
    }

    // Resent notifications

    @Test
    void aResendSpellingTheProviderOtherwiseAnswersWithTheRecordedSpelling() {
        fixture.given(ISSUED, paidByMoMo(200_000))
                .when(pay(200_000, ChannelKind.E_WALLET, "MOMO", "MM-0001", PAID))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents()
                .expectResultMessagePayload(new PaymentOutcome(MOMO_PAYMENT, true, PAID, "MoMo"));
    }

    @Test
    void resentIdenticalNotificationReturnsSameIdAndAppliesNothing() {
        fixture.given(ISSUED, paidByMoMo(200_000))
                .when(payByMoMo(200_000))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents()
                .expectResultMessagePayload(new PaymentOutcome(MOMO_PAYMENT, true, PAID, "MoMo"));
    }

    @Test
    void resentIdenticalNotificationIsRecognisedOnFullyPaidBill() {
        fixture.given(ISSUED, paidByMoMo(AMOUNT))
                .when(payByMoMo(AMOUNT))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents()
                .expectResultMessagePayload(new PaymentOutcome(MOMO_PAYMENT, true, PAID, "MoMo"));
    }

    @Test
    void resentNotificationWithoutStatedTimeIsNotComparedOnTime() {
        RecordPayment resentWithoutTime = new RecordPayment(BILL, Vnd.of(200_000), ChannelKind.E_WALLET,
                Provider.of("MoMo"), ExternalRef.of("MM-0001"), PAID.plusSeconds(86_400), false);
        fixture.given(ISSUED, paidByMoMo(200_000))
                .when(resentWithoutTime)
                .expectNoEvents()
                .expectResultMessagePayload(new PaymentOutcome(MOMO_PAYMENT, true, PAID, "MoMo"));
    }

    @Test
    void resentNotificationWithReferencePaddedBySpacesIsTheSamePayment() {
        fixture.given(ISSUED, paidByMoMo(200_000))
                .when(pay(200_000, ChannelKind.E_WALLET, " MoMo ", " MM-0001 ", PAID))
                .expectNoEvents()
                .expectResultMessagePayload(new PaymentOutcome(MOMO_PAYMENT, true, PAID, "MoMo"));
    }

    @Test
    void sameReferenceWithDifferentAmountIsAConflict() {
        fixture.given(ISSUED, paidByMoMo(200_000))
                .when(payByMoMo(210_000))
                .expectNoEvents()
                .expectException(rejectedWith(ErrorCode.PAYMENT_REFERENCE_CONFLICT));
    }

    @Test
    void sameReferenceWithDifferentKindIsAConflict() {
        fixture.given(ISSUED, paidByMoMo(200_000))
                .when(pay(200_000, ChannelKind.BANK, "MoMo", "MM-0001", PAID))
                .expectNoEvents()
                .expectException(rejectedWith(ErrorCode.PAYMENT_REFERENCE_CONFLICT));
    }

    @Test
    void sameReferenceWithDifferentStatedTimeIsAConflict() {
        fixture.given(ISSUED, paidByMoMo(200_000))
                .when(pay(200_000, ChannelKind.E_WALLET, "MoMo", "MM-0001", PAID.plusSeconds(1)))
                .expectNoEvents()
                .expectException(rejectedWith(ErrorCode.PAYMENT_REFERENCE_CONFLICT));
    }

    @Test
    void resentNotificationSpellingTheProviderOtherwiseIsTheSamePayment() {
        fixture.given(ISSUED, paidByMoMo(200_000))
                .when(pay(200_000, ChannelKind.E_WALLET, "MOMO", "MM-0001", PAID))
                .expectNoEvents()
                .expectResultMessagePayload(new PaymentOutcome(MOMO_PAYMENT, true, PAID, "MoMo"));
    }

    @Test
    void sameReferenceFromAnotherProviderIsAnotherPayment() {
        fixture.given(ISSUED, paidByMoMo(200_000))
                .when(pay(200_000, ChannelKind.E_WALLET, "ZaloPay", "MM-0001", PAID))
                .expectEvents(recorded(200_000, ChannelKind.E_WALLET, "ZaloPay", "MM-0001", PAID))
                .expectResultMessagePayload(new PaymentOutcome(id("ZaloPay", "MM-0001"), false, PAID,
                        "ZaloPay"));
    }

    @Test
    void resentNotificationOfReversedPaymentDoesNotRecordItAgain() {
        fixture.given(ISSUED, paidByMoMo(200_000), reversedMoMo(200_000, REVERSED))
                .when(payByMoMo(200_000))
                .expectNoEvents()
                .expectResultMessagePayload(new PaymentOutcome(MOMO_PAYMENT, true, PAID, "MoMo"));
    }

    // Reversal

    @Test
    void reversesPaymentRepeatingItsFacts() {
        fixture.given(ISSUED, paidByMoMo(200_000))
                .when(reverseMoMo(REVERSED))
                .expectSuccessfulHandlerExecution()
                .expectEvents(reversedMoMo(200_000, REVERSED));
    }

    @Test
    void reversalGivesTheAmountBackSoALaterPaymentFits() {
        fixture.given(ISSUED, paidByMoMo(AMOUNT), reversedMoMo(AMOUNT, REVERSED))
                .when(pay(AMOUNT, ChannelKind.BANK, "Agribank", "AGR-78", REVERSED.plusSeconds(60)))
                .expectEvents(recorded(AMOUNT, ChannelKind.BANK, "Agribank", "AGR-78", REVERSED.plusSeconds(60)))
                .expectResultMessagePayload(new PaymentOutcome(id("Agribank", "AGR-78"), false,
                        REVERSED.plusSeconds(60), "Agribank"));
    }

    @Test
    void secondReversalIsRejected() {
        fixture.given(ISSUED, paidByMoMo(200_000), reversedMoMo(200_000, REVERSED))
                .when(reverseMoMo(REVERSED.plusSeconds(60)))
                .expectNoEvents()
                .expectException(rejectedWith(ErrorCode.PAYMENT_ALREADY_REVERSED));
    }

    @Test
    void reversalOfUnknownPaymentIsRejected() {
        fixture.given(ISSUED, paidByMoMo(200_000))
                .when(new ReversePayment(BILL, PaymentId.of(Provider.of("MoMo"), ExternalRef.of("MM-9999")),
                        "wrong bill", REVERSED))
                .expectNoEvents()
                .expectException(rejectedWith(ErrorCode.PAYMENT_NOT_FOUND));
    }

    @Test
    void reversalBeforePaymentTimeIsRejected() {
        fixture.given(ISSUED, paidByMoMo(200_000))
                .when(reverseMoMo(PAID.minusSeconds(1)))
                .expectNoEvents()
                .expectException(rejectedWith(ErrorCode.TIME_BEFORE_FACT));
    }

    @Test
    void reversalAtThePaymentTimeIsAccepted() {
        fixture.given(ISSUED, paidByMoMo(200_000))
                .when(reverseMoMo(PAID))
                .expectEvents(reversedMoMo(200_000, PAID));
    }

    @Test
    void reversingOnePaymentLeavesAnotherReversible() {
        Instant agribankPaid = PAID.plusSeconds(600);
        fixture.given(ISSUED, paidByMoMo(200_000),
                        recorded(100_000, ChannelKind.BANK, "Agribank", "AGR-79", agribankPaid),
                        reversedMoMo(200_000, REVERSED))
                .when(new ReversePayment(BILL, PaymentId.of(Provider.of("Agribank"), ExternalRef.of("AGR-79")),
                        "duplicate debit", REVERSED))
                .expectEvents(new PaymentReversed(id("Agribank", "AGR-79"), BILL_ID, CUSTOMER, "BM", "00991",
                        "2021-06", 100_000, ChannelKind.BANK, "Agribank", "AGR-79", agribankPaid, "duplicate debit",
                        REVERSED));
    }
}
