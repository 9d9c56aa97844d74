package vn.evn.cashless.domain.customer;

import java.time.Instant;
import org.axonframework.serialization.Revision;
import vn.evn.cashless.domain.shared.CustomerEvent;

/** A notice failed on every channel to the customer's phone; two in a row mark the phone unreachable. */
@Revision("1")
public record PhoneNotReached(String customer, String branch, String commune, String phone, String notice,
                              Instant at) implements CustomerEvent {
}
