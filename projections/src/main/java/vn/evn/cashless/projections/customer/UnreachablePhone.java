package vn.evn.cashless.projections.customer;

import java.time.Instant;

/** A customer to call: their phone has been unreachable since {@code since}. */
public record UnreachablePhone(String customer, String name, String commune, String phone, Instant since) {
}
