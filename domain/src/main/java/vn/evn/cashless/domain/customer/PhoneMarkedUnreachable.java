package vn.evn.cashless.domain.customer;

import java.time.Instant;
import java.util.List;
import org.axonframework.serialization.Revision;
import vn.evn.cashless.domain.shared.CustomerEvent;

/** Số điện thoại không liên lạc được: notices in a row reached no one on this phone; staff should call. */
@Revision("1")
public record PhoneMarkedUnreachable(String customer, String branch, String commune, String phone,
                                     List<String> notices, Instant at) implements CustomerEvent {
}
