package vn.evn.cashless.application.billing;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import vn.evn.cashless.application.infrastructure.AxonSetup;
import vn.evn.cashless.domain.billing.BillId;
import vn.evn.cashless.domain.billing.PaymentId;
import vn.evn.cashless.domain.billing.PaymentRecorded;

/**
 * The claim each payment notification makes on its {@code (provider, externalRef)}. The unique key is the last word
 * on duplicates: a second claim, by however concurrent a request, fails and rolls its command back.
 */
@Component
@ProcessingGroup(AxonSetup.COMMAND_LOOKUPS)
public class PaymentReferences {

    private static final String CLAIMS = PaymentReferences.class.getName() + ".claims";

    private final JdbcTemplate jdbc;

    public PaymentReferences(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The bill that holds a payment, if the payment exists. */
    public Optional<BillId> billOf(PaymentId payment) {
        return jdbc.queryForList("SELECT bill_id FROM payment_reference WHERE payment_id = ?", String.class,
                payment.value()).stream().findFirst().map(BillId::parse);
    }

    /** The bills that hold the given payments, for those that exist: one query for a batch of notifications. */
    public java.util.Map<PaymentId, BillId> billsOf(java.util.Collection<PaymentId> payments) {
        java.util.Map<PaymentId, BillId> bills = new java.util.HashMap<>();
        if (payments.isEmpty()) {
            return bills;
        }
        jdbc.query("SELECT payment_id, bill_id FROM payment_reference WHERE payment_id = ANY (?::uuid[])", rs -> {
            bills.put(new PaymentId(rs.getObject(1, java.util.UUID.class)), BillId.parse(rs.getString(2)));
        }, (Object) payments.stream().map(PaymentId::toString).distinct().toArray(String[]::new));
        return bills;
    }

    /**
     * Claims the payment's reference. The events of one commit handled together (a reconciliation file's batch, a
     * demo batch) claim theirs in one statement as the handling of that commit ends, still inside its transaction, so
     * that a reference already taken fails the whole commit just as a claim of its own would; a commit of one event
     * (a single payment) claims it at once.
     */
    @EventHandler
    void on(PaymentRecorded event) {
        if (CurrentUnitOfWork.isStarted() && CurrentUnitOfWork.get() instanceof BatchingUnitOfWork<?> batch
                && batch.getMessages().size() > 1) {
            List<PaymentRecorded> claims = batch.getOrComputeResource(CLAIMS, key -> {
                List<PaymentRecorded> pending = new ArrayList<>();
                batch.onPrepareCommit(unitOfWork -> claim(pending));
                return pending;
            });
            claims.add(event);
            return;
        }
        jdbc.update("INSERT INTO payment_reference (payment_id, provider, external_ref, bill_id) VALUES (?, ?, ?, ?)",
                java.util.UUID.fromString(event.payment()), event.provider(), event.externalRef(), event.bill());
    }

    private void claim(List<PaymentRecorded> claims) {
        if (claims.isEmpty()) {
            return;
        }
        jdbc.update("INSERT INTO payment_reference (payment_id, provider, external_ref, bill_id) "
                        + "SELECT * FROM unnest(?::uuid[], ?::varchar[], ?::varchar[], ?::varchar[])",
                claims.stream().map(PaymentRecorded::payment).toArray(String[]::new),
                claims.stream().map(PaymentRecorded::provider).toArray(String[]::new),
                claims.stream().map(PaymentRecorded::externalRef).toArray(String[]::new),
                claims.stream().map(PaymentRecorded::bill).toArray(String[]::new));
    }
}
