package vn.evn.cashless.projections.customer;

/** Asks for every payment of a customer, newest first; answers a list of {@link PaymentView}. */
public record FindCustomerPayments(String customer) {
}
