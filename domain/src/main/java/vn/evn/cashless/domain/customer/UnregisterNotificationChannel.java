package vn.evn.cashless.domain.customer;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import vn.evn.cashless.domain.channel.NotificationChannel;
import vn.evn.cashless.domain.shared.Require;

public record UnregisterNotificationChannel(@TargetAggregateIdentifier CustomerCode customer,
                                            NotificationChannel channel, Instant unregisteredAt) {

    public UnregisterNotificationChannel {
        Require.present("customer", customer);
        Require.present("channel", channel);
        Require.present("at", unregisteredAt);
    }
}
