package vn.evn.cashless.projections.customer;

import vn.evn.cashless.projections.support.PageRequest;

/** Asks for a page of a customer's payments, newest first; answers a {@link PaymentPage}. */
public record FindCustomerPayments(String customer, PageRequest page) {
}
