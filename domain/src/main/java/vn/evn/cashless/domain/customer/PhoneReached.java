package vn.evn.cashless.domain.customer;

import java.time.Instant;
import org.axonframework.serialization.Revision;
import vn.evn.cashless.domain.shared.CustomerEvent;

/**
 * A notice reached the phone after earlier ones had not: the count starts again and, if it was marked unreachable,
 * the phone is reachable again.
 */
@Revision("1")
public record PhoneReached(String customer, String branch, String commune, String phone, String notice,
                           Instant at) implements CustomerEvent {
}
