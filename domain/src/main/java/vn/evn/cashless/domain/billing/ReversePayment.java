package vn.evn.cashless.domain.billing;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import vn.evn.cashless.domain.shared.Require;

public record ReversePayment(@TargetAggregateIdentifier BillId bill, PaymentId payment, String reason,
                             Instant reversedAt) {

    public ReversePayment {
        Require.present("bill", bill);
        Require.present("id", payment);
        reason = Require.text("reason", reason, 500);
        Require.present("reversedAt", reversedAt);
    }
}
