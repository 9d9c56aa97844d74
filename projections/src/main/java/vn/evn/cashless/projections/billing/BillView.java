package vn.evn.cashless.projections.billing;

import java.time.LocalDate;
import vn.evn.cashless.projections.customer.PaymentView;
import vn.evn.cashless.projections.support.Page;

/**
 * A bill (hóa đơn tiền điện) as issued, what is paid on it and what is still outstanding. {@code paid} counts the
 * payments not reversed; {@code reversed} the amount of the reversed ones. {@code payments}: every payment, oldest
 * first, reversed or not; {@code reversals}: the reversed ones, in the order they were reversed.
 */
public record BillView(String bill, String customer, String branch, String commune, String period, long amount,
                       LocalDate dueDate, long paid, long reversed, Page<PaymentView> payments,
                       Page<PaymentView> reversals) {

    public long outstanding() {
        return amount - paid;
    }
}
