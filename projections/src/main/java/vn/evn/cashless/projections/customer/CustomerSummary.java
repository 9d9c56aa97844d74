package vn.evn.cashless.projections.customer;

import java.time.Instant;

/** A customer as a list shows it. */
public record CustomerSummary(String code, String name, String branch, String commune, String phone,
                              Instant registeredAt) {
}
