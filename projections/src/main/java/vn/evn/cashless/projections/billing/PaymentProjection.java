package vn.evn.cashless.projections.billing;

import static vn.evn.cashless.projections.support.Sql.timestamp;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import vn.evn.cashless.domain.billing.BillIssued;
import vn.evn.cashless.domain.billing.PaymentRecorded;
import vn.evn.cashless.domain.billing.PaymentReversed;
import vn.evn.cashless.projections.support.BatchOfWork;
import vn.evn.cashless.projections.support.MultiRowInsert;

/**
 * Bills as issued, and payments one by one with their reversal: what a customer's, a bill's and a payment's page
 * show. The busiest read model, so
 * it writes in batches: the rows of one processor batch are gathered and written at the end of the batch, in the
 * transaction that also moves the processor's token, new rows with multi-row INSERTs ({@link MultiRowInsert}). The figures come from {@code FigureProjection}.
 */
@Component
@ProcessingGroup(PaymentProjection.GROUP)
public class PaymentProjection {

    public static final String GROUP = "payments";

    private static final String BATCH = PaymentProjection.class.getName() + ".batch";

    private final JdbcTemplate jdbc;

    public PaymentProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    public void on(BillIssued e) {
        batch().bills.add(new Object[]{e.bill(), e.customer(), e.branch(), e.commune(), e.period(), e.amount(),
                e.dueDate()});
    }

    @EventHandler
    public void on(PaymentRecorded e) {
        batch().inserts.add(new Object[]{UUID.fromString(e.payment()), e.bill(), e.customer(), e.branch(),
                e.commune(), e.period(), e.amount(), e.kind().name(), e.provider(), e.externalRef(),
                timestamp(e.paidAt())});
    }

    @EventHandler
    public void on(PaymentReversed e) {
        batch().reversals.add(new Object[]{timestamp(e.reversedAt()), e.reason(), UUID.fromString(e.payment())});
    }

    /** TRUNCATE, not DELETE: a replay then starts from empty tables instead of a copy of dead rows. */
    @ResetHandler
    public void reset() {
        jdbc.execute("TRUNCATE rm_payment, rm_bill");
    }

    private Batch batch() {
        return BatchOfWork.current(BATCH, Batch::new, batch -> batch.writeTo(jdbc));
    }

    /** What one processor batch changes; payments first, so a reversal in the same batch finds its payment. */
    private static final class Batch {
        final List<Object[]> bills = new ArrayList<>();
        final List<Object[]> inserts = new ArrayList<>();
        final List<Object[]> reversals = new ArrayList<>();

        void writeTo(JdbcTemplate jdbc) {
            if (!bills.isEmpty()) {
                MultiRowInsert.write(jdbc, """
                        INSERT INTO rm_bill (bill_id, customer, branch, commune, period, amount, due_date)
                        VALUES""", "ON CONFLICT (bill_id) DO NOTHING", 7, bills);
            }
            if (!inserts.isEmpty()) {
                // After a kill the processor was seen to hand this projection a payment whose row it had already
                // committed; a second copy of a payment is the same payment, not a reason to stop the read model.
                MultiRowInsert.write(jdbc, """
                        INSERT INTO rm_payment (payment_id, bill_id, customer, branch, commune, period, amount, kind,
                                                provider, external_ref, paid_at)
                        VALUES""", "ON CONFLICT (payment_id) DO NOTHING", 11, inserts);
            }
            if (!reversals.isEmpty()) {
                jdbc.batchUpdate("UPDATE rm_payment SET reversed_at = ?, reversal_reason = ? WHERE payment_id = ?",
                        reversals);
            }
        }
    }
}
