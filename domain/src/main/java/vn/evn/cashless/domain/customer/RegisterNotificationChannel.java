package vn.evn.cashless.domain.customer;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import vn.evn.cashless.domain.channel.NotificationChannel;
import vn.evn.cashless.domain.shared.Require;

public record RegisterNotificationChannel(@TargetAggregateIdentifier CustomerCode customer,
                                          NotificationChannel channel, Instant registeredAt) {

    public RegisterNotificationChannel {
        Require.present("customer", customer);
        Require.present("channel", channel);
        Require.present("registeredAt", registeredAt);
    }
}
