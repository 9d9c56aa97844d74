package vn.evn.cashless.projections.customer;

import java.util.UUID;

/** Asks for one payment by id; answers {@link PaymentView} or null. */
public record FindPayment(UUID payment) {
}
