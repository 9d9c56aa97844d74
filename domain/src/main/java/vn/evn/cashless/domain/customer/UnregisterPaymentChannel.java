package vn.evn.cashless.domain.customer;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import vn.evn.cashless.domain.channel.Provider;
import vn.evn.cashless.domain.shared.Require;

public record UnregisterPaymentChannel(@TargetAggregateIdentifier CustomerCode customer, Provider provider,
                                       Instant unregisteredAt) {

    public UnregisterPaymentChannel {
        Require.present("customer", customer);
        Require.present("provider", provider);
        Require.present("at", unregisteredAt);
    }
}
