package vn.evn.cashless.domain.customer;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import vn.evn.cashless.domain.shared.Require;

public record ChangePhone(@TargetAggregateIdentifier CustomerCode customer, PhoneNumber phone, Instant changedAt) {

    public ChangePhone {
        Require.present("customer", customer);
        Require.present("phone", phone);
        Require.present("changedAt", changedAt);
    }
}
