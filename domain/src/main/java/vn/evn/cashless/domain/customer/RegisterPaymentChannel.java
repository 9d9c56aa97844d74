package vn.evn.cashless.domain.customer;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import vn.evn.cashless.domain.channel.ChannelKind;
import vn.evn.cashless.domain.channel.Provider;
import vn.evn.cashless.domain.shared.InvalidValueException;
import vn.evn.cashless.domain.shared.Require;

public record RegisterPaymentChannel(@TargetAggregateIdentifier CustomerCode customer, ChannelKind kind,
                                     Provider provider, Instant registeredAt) {

    public RegisterPaymentChannel {
        Require.present("customer", customer);
        Require.present("kind", kind);
        if (kind.isCash()) {
            throw new InvalidValueException("kind", kind + " is cash; only BANK, E_WALLET or INTERMEDIARY can be registered");
        }
        Require.present("provider", provider);
        Require.present("registeredAt", registeredAt);
    }
}
