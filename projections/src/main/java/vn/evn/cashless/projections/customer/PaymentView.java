package vn.evn.cashless.projections.customer;

import java.time.Instant;

public record PaymentView(String id, String period, long amount, String kind, String provider, String externalRef,
                          Instant paidAt, boolean reversed, Instant reversedAt, String reversalReason) {
}
