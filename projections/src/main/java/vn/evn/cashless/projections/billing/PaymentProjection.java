package vn.evn.cashless.projections.billing;

import static vn.evn.cashless.projections.support.Sql.localMonth;
import static vn.evn.cashless.projections.support.Sql.timestamp;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import vn.evn.cashless.domain.billing.PaymentRecorded;
import vn.evn.cashless.domain.billing.PaymentReversed;
import vn.evn.cashless.domain.channel.ChannelKind;

/**
 * Payments, and their sums per local month, commune and channel; and, for counting distinct cashless customers,
 * payments per customer and month of the kinds a plan can count as cashless (never the cash kinds). The busiest read model, so it writes in
 * batches: the events of one processor batch are gathered, their sums folded together, and everything is written
 * at the end of the batch, in the transaction that also moves the processor's token.
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
    public void on(PaymentRecorded e) {
        Batch batch = batch();
        batch.inserts.add(new Object[]{UUID.fromString(e.payment()), e.bill(), e.customer(), e.branch(), e.commune(),
                e.period(), e.amount(), e.kind().name(), e.provider(), e.externalRef(), timestamp(e.paidAt())});
        batch.count(e.branch(), e.commune(), e.customer(), e.kind(), e.provider(), e.paidAt(), e.amount(), 1);
    }

    @EventHandler
    public void on(PaymentReversed e) {
        Batch batch = batch();
        batch.reversals.add(new Object[]{timestamp(e.reversedAt()), e.reason(), UUID.fromString(e.payment())});
        batch.count(e.branch(), e.commune(), e.customer(), e.kind(), e.provider(), e.paidAt(), e.amount(), -1);
    }

    /** TRUNCATE, not DELETE: a replay then starts from empty tables instead of a copy of dead rows. */
    @ResetHandler
    public void reset() {
        jdbc.execute("TRUNCATE rm_customer_month, rm_payment_month, rm_payment");
    }

    private Batch batch() {
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        return root.getOrComputeResource(BATCH, key -> {
            Batch batch = new Batch();
            root.onPrepareCommit(unitOfWork -> batch.writeTo(jdbc));
            return batch;
        });
    }

    private record MonthKey(String branch, LocalDate month, String commune, String kind, String provider) {
    }

    private record CustomerMonthKey(String branch, LocalDate month, String kind, String customer, String commune) {
    }

    /** What one processor batch changes; payments first, so a reversal in the same batch finds its payment. */
    private static final class Batch {
        final List<Object[]> inserts = new ArrayList<>();
        final List<Object[]> reversals = new ArrayList<>();
        final Map<MonthKey, long[]> months = new LinkedHashMap<>();
        final Map<CustomerMonthKey, int[]> customerMonths = new LinkedHashMap<>();

        /**
         * Adds a payment to the sums of the local month it was paid in ({@code sign} 1), or takes a reversed one
         * out ({@code sign} -1). Cash kinds are never kept per customer: no plan can count them as cashless.
         */
        void count(String branch, String commune, String customer, ChannelKind kind, String provider,
                   Instant paidAt, long amount, int sign) {
            LocalDate month = localMonth(paidAt);
            long[] sums = months.computeIfAbsent(new MonthKey(branch, month, commune, kind.name(), provider),
                    k -> new long[2]);
            sums[0] += sign;
            sums[1] += sign * amount;
            if (!kind.isCash()) {
                customerMonths.computeIfAbsent(new CustomerMonthKey(branch, month, kind.name(), customer, commune),
                        k -> new int[1])[0] += sign;
            }
        }

        void writeTo(JdbcTemplate jdbc) {
            if (!inserts.isEmpty()) {
                jdbc.batchUpdate("""
                        INSERT INTO rm_payment (payment_id, bill_id, customer, branch, commune, period, amount, kind,
                                                provider, external_ref, paid_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", inserts);
            }
            if (!reversals.isEmpty()) {
                jdbc.batchUpdate("UPDATE rm_payment SET reversed_at = ?, reversal_reason = ? WHERE payment_id = ?",
                        reversals);
            }
            List<Object[]> monthRows = new ArrayList<>(months.size());
            months.forEach((k, sums) -> monthRows.add(
                    new Object[]{k.branch(), k.month(), k.commune(), k.kind(), k.provider(), sums[0], sums[1]}));
            if (!monthRows.isEmpty()) {
                jdbc.batchUpdate("""
                        INSERT INTO rm_payment_month (branch, month, commune, kind, provider, payments, amount)
                        VALUES (?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT (branch, month, commune, kind, provider) DO UPDATE SET
                            payments = rm_payment_month.payments + EXCLUDED.payments,
                            amount = rm_payment_month.amount + EXCLUDED.amount""", monthRows);
            }
            List<Object[]> customerRows = new ArrayList<>(customerMonths.size());
            customerMonths.forEach((k, count) -> customerRows.add(
                    new Object[]{k.branch(), k.month(), k.kind(), k.customer(), k.commune(), count[0]}));
            if (!customerRows.isEmpty()) {
                jdbc.batchUpdate("""
                        INSERT INTO rm_customer_month (branch, month, kind, customer, commune, payments)
                        VALUES (?, ?, ?, ?, ?, ?)
                        ON CONFLICT (branch, month, kind, customer) DO UPDATE SET
                            payments = rm_customer_month.payments + EXCLUDED.payments""", customerRows);
            }
        }
    }
}
