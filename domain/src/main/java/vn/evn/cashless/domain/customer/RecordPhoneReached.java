package vn.evn.cashless.domain.customer;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import vn.evn.cashless.domain.shared.Require;

/** A notice reached the customer on {@code phone} (by Zalo or SMS). */
public record RecordPhoneReached(@TargetAggregateIdentifier CustomerCode customer, String notice, String phone,
                                 Instant at) {

    public RecordPhoneReached {
        Require.present("customer", customer);
        Require.present("notice", notice);
        Require.present("phone", phone);
        Require.present("at", at);
    }
}
