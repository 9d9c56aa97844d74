package vn.evn.cashless.projections.customer;

/** Asks for a customer with the channels they are registered for now; answers {@link CustomerView} or null. */
public record FindCustomer(String customer) {
}
