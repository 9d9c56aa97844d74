package vn.evn.cashless.projections.customer;

import java.util.List;

/** A page of a customer's payments and how many there are. */
public record PaymentPage(List<PaymentView> items, long total) {
}
