package vn.evn.cashless.domain.billing;

import java.time.Instant;

/**
 * What recording a payment did: made it now, or found it made by an identical earlier notification. {@code paidAt}
 * is the time on record, which a resend that stated no time does not change; {@code provider} the provider's name as
 * recorded, which a resend may have spelled otherwise.
 */
public record PaymentOutcome(String paymentId, boolean alreadyRecorded, Instant paidAt, String provider) {
}
