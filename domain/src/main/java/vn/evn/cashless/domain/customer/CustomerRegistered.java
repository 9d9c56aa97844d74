package vn.evn.cashless.domain.customer;

import vn.evn.cashless.domain.shared.CustomerEvent;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** Khách hàng registered with a branch; {@code phone} may be null. */
@Revision("1")
public record CustomerRegistered(String customer, String name, String branch, String commune, String phone,
                                 Instant registeredAt) implements CustomerEvent {
}
