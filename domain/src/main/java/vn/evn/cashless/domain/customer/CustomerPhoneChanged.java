package vn.evn.cashless.domain.customer;

import vn.evn.cashless.domain.shared.CustomerEvent;
import java.time.Instant;
import org.axonframework.serialization.Revision;

@Revision("1")
public record CustomerPhoneChanged(String customer, String branch, String commune, String previousPhone,
                                   String phone, Instant changedAt) implements CustomerEvent {
}
