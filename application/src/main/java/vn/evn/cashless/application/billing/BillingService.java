package vn.evn.cashless.application.billing;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import vn.evn.cashless.application.channel.ProviderDirectory;
import vn.evn.cashless.application.customer.CustomerDirectory;
import vn.evn.cashless.application.infrastructure.SnapshotFreeEventStorageEngine;
import vn.evn.cashless.application.messaging.Causes;
import vn.evn.cashless.application.messaging.CommandSender;
import vn.evn.cashless.application.messaging.RequestContext;
import vn.evn.cashless.domain.billing.BillId;
import vn.evn.cashless.domain.billing.IssueBill;
import vn.evn.cashless.domain.billing.PaymentId;
import vn.evn.cashless.domain.billing.PaymentOutcome;
import vn.evn.cashless.domain.billing.RecordPayment;
import vn.evn.cashless.domain.billing.ReversePayment;
import vn.evn.cashless.domain.billing.Vnd;
import vn.evn.cashless.domain.shared.DomainException;
import vn.evn.cashless.domain.shared.ErrorCode;

/** Issues bills, records the payments channels report, and reverses them. */
@Service
public class BillingService {

    private final CommandSender sender;
    private final CustomerDirectory customers;
    private final PaymentReferences references;
    private final ProviderDirectory providers;
    private final EventStorageEngine events;

    public BillingService(CommandSender sender, CustomerDirectory customers, PaymentReferences references,
                          ProviderDirectory providers, EventStorageEngine events) {
        this.sender = sender;
        this.customers = customers;
        this.references = references;
        this.providers = providers;
        this.events = events;
    }

    /** One payment of {@link #recordTogether}: its command, under the recorded provider, and who sent it. */
    public record Together(RecordPayment command, RequestContext context) {
    }

    /** What {@link #recordTogether} decided for one payment: its outcome, or the rejection that is its answer. */
    public record Decided(PaymentOutcome outcome, DomainException refusal) {
    }

    /**
     * Records payments inside the caller's transaction (a {@link vn.evn.cashless.application.messaging.CommandBatch}:
     * a group of single payments, a reconciliation file's batch), each decided as {@link #recordOnce} decides it
     * alone. Their bills are read in one query ({@link SnapshotFreeEventStorageEngine#readAhead}); a later payment
     * for a bill sees what the earlier ones staged. A rejection the bill decides writes nothing and is that payment's
     * answer only. The one rejection that would fail the whole transaction at its commit, a reference another bill
     * holds (a unique key), is decided up front, from the references stored and those the earlier payments took.
     * Anything else (a concurrent writer, or a provider named for the first time in two spellings, whose second
     * finds the name taken at the commit) is thrown, and the caller gives the transaction up.
     */
    public List<Decided> recordTogether(List<Together> payments) {
        Map<PaymentId, BillId> held = references.billsOf(payments.stream()
                .map(payment -> payment.command().paymentId()).toList());
        if (events instanceof SnapshotFreeEventStorageEngine store) {
            store.readAhead(payments.stream().map(payment -> payment.command().bill().toString())
                    .collect(Collectors.toSet()));
        }
        List<Decided> decided = new ArrayList<>(payments.size());
        for (Together payment : payments) {
            RecordPayment command = payment.command();
            BillId holder = held.get(command.paymentId());
            if (holder != null && !holder.equals(command.bill())) {
                decided.add(new Decided(null, heldByAnotherBill(command, holder)));
                continue;
            }
            try {
                PaymentOutcome outcome = recordOnce(command, payment.context());
                held.put(command.paymentId(), command.bill());
                decided.add(new Decided(outcome, null));
            } catch (DomainException e) {
                decided.add(new Decided(null, e));
            }
        }
        return decided;
    }

    public BillId issueBill(BillId bill, Vnd amount, LocalDate dueDate, RequestContext context) {
        CustomerDirectory.Placement placement = customers.find(bill.customer()).orElseThrow(() ->
                new DomainException(ErrorCode.CUSTOMER_NOT_FOUND, "customer", "no customer " + bill.customer()));
        sender.create(new IssueBill(bill, placement.branch(), placement.commune(), amount, dueDate), context,
                new DomainException(ErrorCode.BILL_ALREADY_ISSUED, "period",
                        "customer " + bill.customer() + " already has a bill for " + bill.period()));
        return bill;
    }

    /**
     * Records a reported payment. The same notification again gives the first outcome and changes nothing; the
     * same {@code (provider, externalRef)} with other content, on this bill or any other, is a conflict. The hot
     * path is one command; the look-ups that explain a rejection are made only when there is one. The provider is
     * recorded under its one name, however the notification spelled it; that name is looked up again on each
     * attempt, since a conflict may be another request claiming it under another spelling.
     */
    public PaymentOutcome recordPayment(RecordPayment notification, RequestContext context) {
        return sender.retryingConflicts(() -> recordOnce(underRecordedProvider(notification), context));
    }

    /**
     * The notification with its provider under the provider's one name, however the channel spelled it; as the
     * channel spelled it while no event has named that provider yet.
     */
    public RecordPayment underRecordedProvider(RecordPayment notification) {
        return new RecordPayment(notification.bill(), notification.amount(), notification.kind(),
                providers.recorded(notification.provider()), notification.externalRef(), notification.paidAt(),
                notification.paidAtStated());
    }

    /**
     * One attempt at recording a payment whose provider is already {@linkplain #underRecordedProvider under its one
     * name}, with the same rejections as {@link #recordPayment}. Inside a caller's transaction (a reconciliation file's
     * batch) a rejection decided by the bill writes nothing and leaves that transaction usable; a conflict with a
     * concurrent writer (a unique key) does not, and the caller gives the whole transaction up.
     */
    public PaymentOutcome recordOnce(RecordPayment command, RequestContext context) {
        try {
            return sender.update(command, context, new DomainException(ErrorCode.BILL_NOT_FOUND, "period",
                    "customer " + command.bill().customer() + " has no bill for " + command.bill().period()));
        } catch (DomainException e) {
            if (e.code() == ErrorCode.BILL_NOT_FOUND || e.code() == ErrorCode.PAYMENT_ABOVE_OUTSTANDING) {
                // A reference another bill already holds is the real reason, whatever this bill says.
                failIfHeldByAnotherBill(command);
            }
            if (e.code() == ErrorCode.BILL_NOT_FOUND && customers.find(command.bill().customer()).isEmpty()) {
                throw new DomainException(ErrorCode.CUSTOMER_NOT_FOUND, "customer",
                        "no customer " + command.bill().customer());
            }
            throw e;
        } catch (RuntimeException e) {
            if (Causes.find(e, DuplicateKeyException.class) != null) {
                // The unique claim on (provider, externalRef) refused it: which bill holds that payment?
                failIfHeldByAnotherBill(command);
            }
            throw e;
        }
    }

    private void failIfHeldByAnotherBill(RecordPayment command) {
        references.billOf(command.paymentId()).filter(holder -> !holder.equals(command.bill())).ifPresent(holder -> {
            throw heldByAnotherBill(command, holder);
        });
    }

    /** The rejection of a payment whose {@code (provider, externalRef)} another bill already holds. */
    public static DomainException heldByAnotherBill(RecordPayment command, BillId holder) {
        return new DomainException(ErrorCode.PAYMENT_REFERENCE_CONFLICT, "externalRef", "payment "
                + command.provider() + "/" + command.externalRef() + " was already recorded against bill " + holder);
    }

    /** The bill that holds a payment, if the payment exists. */
    public Optional<BillId> billOf(PaymentId payment) {
        return references.billOf(payment);
    }

    public BillId reversePayment(PaymentId payment, String reason, java.time.Instant reversedAt,
                                 RequestContext context) {
        BillId bill = references.billOf(payment).orElseThrow(() ->
                new DomainException(ErrorCode.PAYMENT_NOT_FOUND, "id", "no payment " + payment));
        sender.retryingConflicts(() -> sender.update(new ReversePayment(bill, payment, reason, reversedAt), context,
                new DomainException(ErrorCode.BILL_NOT_FOUND, "id", "no bill " + bill)));
        return bill;
    }
}
