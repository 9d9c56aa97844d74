package vn.evn.cashless.domain.billing;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import vn.evn.cashless.domain.channel.ChannelKind;
import vn.evn.cashless.domain.channel.Provider;
import vn.evn.cashless.domain.shared.Require;

/**
 * Record a payment a channel reported. {@code paidAtStated} tells whether the channel said when the customer paid;
 * when it did not, {@code paidAt} is the time of recording and a resend is not compared on it.
 */
public record RecordPayment(@TargetAggregateIdentifier BillId bill, Vnd amount, ChannelKind kind, Provider provider,
                            ExternalRef externalRef, Instant paidAt, boolean paidAtStated) {

    public RecordPayment {
        Require.present("customer", bill);
        Require.present("amount", amount);
        Require.present("kind", kind);
        Require.present("provider", provider);
        Require.present("externalRef", externalRef);
        Require.present("paidAt", paidAt);
    }

    public PaymentId paymentId() {
        return PaymentId.of(provider, externalRef);
    }
}
