package vn.evn.cashless.domain.billing;

import vn.evn.cashless.domain.shared.CustomerEvent;
import java.time.LocalDate;
import org.axonframework.serialization.Revision;

/** Hóa đơn tiền điện issued for one customer and month. */
@Revision("1")
public record BillIssued(String bill, String customer, String branch, String commune, String period, long amount,
                         LocalDate dueDate) implements CustomerEvent {
}
