package vn.evn.cashless.domain.customer;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import vn.evn.cashless.domain.shared.Require;

/** A notice to {@code phone} failed on every channel that goes to a phone. */
public record RecordPhoneNotReached(@TargetAggregateIdentifier CustomerCode customer, String notice, String phone,
                                    Instant at) {

    public RecordPhoneNotReached {
        Require.present("customer", customer);
        Require.present("notice", notice);
        Require.present("phone", phone);
        Require.present("at", at);
    }
}
