package vn.evn.cashless.domain.billing;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateRoot;
import vn.evn.cashless.domain.channel.ChannelKind;
import vn.evn.cashless.domain.shared.DomainException;
import vn.evn.cashless.domain.shared.ErrorCode;
import vn.evn.cashless.domain.shared.Require;

/**
 * Hóa đơn tiền điện: one customer's bill for one month, and the payments made against it. The bill guards what is
 * still outstanding, and recognises a resent notification by its payment id.
 */
@AggregateRoot
public class Bill {

    private record Payment(long amount, ChannelKind kind, String provider, String externalRef, Instant paidAt,
                           boolean reversed) {

        Payment reversedNow() {
            return new Payment(amount, kind, provider, externalRef, paidAt, true);
        }
    }

    @AggregateIdentifier
    private String id;
    private String customer;
    private String branch;
    private String commune;
    private String period;
    private long outstanding;
    private final Map<String, Payment> payments = new HashMap<>();

    protected Bill() {
    }

    @CommandHandler
    public Bill(IssueBill command) {
        BillId bill = command.bill();
        apply(new BillIssued(bill.toString(), bill.customer().value(), command.branch().value(),
                command.commune().value(), bill.period().toString(), command.amount().value(), command.dueDate()));
    }

    @CommandHandler
    public PaymentOutcome handle(RecordPayment command) {
        String paymentId = command.paymentId().toString();
        Payment earlier = payments.get(paymentId);
        if (earlier != null) {
            if (isSameNotification(earlier, command)) {
                return new PaymentOutcome(paymentId, true, earlier.paidAt(), earlier.provider());
            }
            throw new DomainException(ErrorCode.PAYMENT_REFERENCE_CONFLICT, "externalRef",
                    "payment " + command.provider() + "/" + command.externalRef()
                            + " was already recorded with different content");
        }
        long amount = command.amount().value();
        if (amount > outstanding) {
            throw new DomainException(ErrorCode.PAYMENT_ABOVE_OUTSTANDING, "amount",
                    "amount " + amount + " VND is above the " + outstanding + " VND still outstanding on bill " + id);
        }
        apply(new PaymentRecorded(paymentId, id, customer, branch, commune, period, amount, command.kind(),
                command.provider().value(), command.externalRef().value(), command.paidAt()));
        return new PaymentOutcome(paymentId, false, command.paidAt(), command.provider().value());
    }

    @CommandHandler
    public void handle(ReversePayment command) {
        String paymentId = command.payment().toString();
        Payment payment = payments.get(paymentId);
        if (payment == null) {
            throw new DomainException(ErrorCode.PAYMENT_NOT_FOUND, "id", "no payment " + paymentId + " on bill " + id);
        }
        if (payment.reversed()) {
            throw new DomainException(ErrorCode.PAYMENT_ALREADY_REVERSED, "id",
                    "payment " + paymentId + " is already reversed");
        }
        Require.notBefore("reversedAt", command.reversedAt(), payment.paidAt(), "the payment");
        apply(new PaymentReversed(paymentId, id, customer, branch, commune, period, payment.amount(), payment.kind(),
                payment.provider(), payment.externalRef(), payment.paidAt(), command.reason(), command.reversedAt()));
    }

    private static boolean isSameNotification(Payment earlier, RecordPayment command) {
        return earlier.amount() == command.amount().value()
                && earlier.kind() == command.kind()
                && (!command.paidAtStated() || earlier.paidAt().equals(command.paidAt()));
    }

    @EventSourcingHandler
    void on(BillIssued event) {
        id = event.bill();
        customer = event.customer();
        branch = event.branch();
        commune = event.commune();
        period = event.period();
        outstanding = event.amount();
    }

    @EventSourcingHandler
    void on(PaymentRecorded event) {
        payments.put(event.payment(), new Payment(event.amount(), event.kind(), event.provider(), event.externalRef(),
                event.paidAt(), false));
        outstanding -= event.amount();
    }

    @EventSourcingHandler
    void on(PaymentReversed event) {
        payments.computeIfPresent(event.payment(), (key, payment) -> payment.reversedNow());
        outstanding += event.amount();
    }
}
