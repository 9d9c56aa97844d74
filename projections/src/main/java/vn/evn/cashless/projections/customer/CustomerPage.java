package vn.evn.cashless.projections.customer;

import java.util.List;

/** A page of customers and how many match. */
public record CustomerPage(List<CustomerSummary> items, long total) {
}
