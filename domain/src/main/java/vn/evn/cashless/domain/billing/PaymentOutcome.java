package vn.evn.cashless.domain.billing;

/** What recording a payment did: made it now, or found it made by an identical earlier notification. */
public record PaymentOutcome(String paymentId, boolean alreadyRecorded) {
}
