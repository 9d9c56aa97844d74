package vn.evn.cashless.projections.figures;

import static vn.evn.cashless.projections.support.Sql.timestamp;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import vn.evn.cashless.domain.figures.FigureChange;
import vn.evn.cashless.domain.figures.FigureChange.CommuneListed;
import vn.evn.cashless.domain.figures.FigureChange.CustomerListed;
import vn.evn.cashless.domain.figures.FigureChange.PaymentCounted;
import vn.evn.cashless.domain.figures.FigureChange.PlanSet;
import vn.evn.cashless.domain.figures.FigureChange.RegistrationClosed;
import vn.evn.cashless.domain.figures.FigureChange.RegistrationOpened;
import vn.evn.cashless.domain.figures.FigureFold;
import vn.evn.cashless.projections.support.BatchOfWork;
import vn.evn.cashless.projections.support.MultiRowInsert;

/**
 * The figures read model: applies the domain's one fold ({@link FigureFold}) to every event and stores its state in
 * the {@code fig_*} tables. It writes in batches: the changes of one processor batch are gathered, sums folded
 * together, and everything is written at the end of the batch, in the transaction that also moves the token.
 */
@Component
@ProcessingGroup(FigureProjection.GROUP)
public class FigureProjection {

    public static final String GROUP = "figures";

    private static final String BATCH = FigureProjection.class.getName() + ".batch";

    private final JdbcTemplate jdbc;

    public FigureProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    public void on(Object event) {
        List<FigureChange> changes = FigureFold.changes(event);
        if (!changes.isEmpty()) {
            Batch batch = batch();
            changes.forEach(batch::add);
        }
    }

    /** TRUNCATE, not DELETE: a replay then starts from empty tables instead of a copy of dead rows. */
    @ResetHandler
    public void reset() {
        jdbc.execute("TRUNCATE fig_commune, fig_customer, fig_registration, fig_month, fig_customer_month, fig_plan, "
                + "fig_customer_count, fig_paying, fig_registered, fig_period");
    }

    private Batch batch() {
        return BatchOfWork.current(BATCH, Batch::new, batch -> batch.writeTo(jdbc));
    }

    private record MonthKey(String branch, LocalDate month, String commune, String kind, String provider) {
    }

    private static final Comparator<MonthKey> MONTH_ORDER = Comparator.comparing(MonthKey::branch)
            .thenComparing(MonthKey::month).thenComparing(MonthKey::commune).thenComparing(MonthKey::kind)
            .thenComparing(MonthKey::provider);

    /** The primary key of {@code fig_period}: a month's sums are also its quarter's, half's and year's. */
    private record PeriodKey(String branch, String period, String commune, String kind, String provider) {
    }

    private static final Comparator<PeriodKey> PERIOD_ORDER = Comparator.comparing(PeriodKey::branch)
            .thenComparing(PeriodKey::period).thenComparing(PeriodKey::commune).thenComparing(PeriodKey::kind)
            .thenComparing(PeriodKey::provider);

    /** The primary key of {@code fig_customer_month}: one row per key in a statement. */
    private record CustomerMonthKey(String branch, LocalDate month, String kind, String customer) {
    }

    /** A customer-month's commune as the batch first saw it (the row keeps its first commune) and its count. */
    private static final class CustomerMonth {
        final String commune;
        long payments;

        CustomerMonth(String commune) {
            this.commune = commune;
        }
    }

    /** What one processor batch changes, written in an order that lets a later change find an earlier one's row. */
    private static final class Batch {
        final List<Object[]> communes = new ArrayList<>();
        final List<Object[]> customers = new ArrayList<>();
        final List<Object[]> opened = new ArrayList<>();
        final List<Object[]> closed = new ArrayList<>();
        final Map<MonthKey, long[]> months = new LinkedHashMap<>();
        final Map<CustomerMonthKey, CustomerMonth> customerMonths = new LinkedHashMap<>();
        final Map<String, PlanSet> plans = new LinkedHashMap<>();

        void add(FigureChange change) {
            if (change instanceof CommuneListed c) {
                communes.add(new Object[]{c.branch(), c.commune(), c.name(), c.kind().name(), c.since()});
            } else if (change instanceof CustomerListed c) {
                customers.add(new Object[]{c.branch(), c.customer(), c.commune(), timestamp(c.registeredAt())});
            } else if (change instanceof RegistrationOpened r) {
                opened.add(new Object[]{r.customer(), r.registration().type().name(), r.registration().channel(),
                        r.registration().provider(), timestamp(r.registeredAt()), r.branch(), r.commune()});
            } else if (change instanceof RegistrationClosed r) {
                closed.add(new Object[]{timestamp(r.unregisteredAt()), r.customer(), r.registration().type().name(),
                        r.registration().channel(), r.registration().provider(), timestamp(r.registeredAt())});
            } else if (change instanceof PaymentCounted p) {
                LocalDate month = p.month().atDay(1);
                long[] sums = months.computeIfAbsent(
                        new MonthKey(p.branch(), month, p.commune(), p.kind().name(), p.provider()), k -> new long[2]);
                sums[0] += p.sign();
                sums[1] += (long) p.sign() * p.amount();
                if (!p.kind().isCash()) {
                    customerMonths.computeIfAbsent(new CustomerMonthKey(p.branch(), month, p.kind().name(),
                            p.customer()), k -> new CustomerMonth(p.commune())).payments += p.sign();
                }
            } else if (change instanceof PlanSet p) {
                plans.merge(p.branch() + "/" + p.period(), p, (old, now) -> now.revision() >= old.revision() ? now
                        : old);
            }
        }

        void writeTo(JdbcTemplate jdbc) {
            batch(jdbc, """
                    INSERT INTO fig_commune (branch, commune, name, kind, since) VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT (branch, commune) DO UPDATE SET name = EXCLUDED.name, kind = EXCLUDED.kind,
                        since = EXCLUDED.since""", communes);
            FigureCounters.countNewCustomers(jdbc, customers);
            MultiRowInsert.write(jdbc, "INSERT INTO fig_customer (branch, customer, commune, registered_at) VALUES",
                    "ON CONFLICT (branch, customer) DO NOTHING", 4, customers);
            Map<List<String>, SortedSet<String>> openBefore = opened.isEmpty() && closed.isEmpty() ? Map.of()
                    : FigureCounters.openRegistrations(jdbc, registering());
            MultiRowInsert.write(jdbc, """
                    INSERT INTO fig_registration (customer, type, channel, provider, registered_at, branch, commune)
                    VALUES""", "ON CONFLICT DO NOTHING", 7, opened);
            batch(jdbc, """
                    UPDATE fig_registration SET unregistered_at = ?
                    WHERE customer = ? AND type = ? AND channel = ? AND provider = ? AND registered_at = ?""",
                    closed);
            if (!opened.isEmpty() || !closed.isEmpty()) {
                FigureCounters.countRegistered(jdbc, openBefore, FigureCounters.openRegistrations(jdbc,
                        registering()));
            }
            addSums(jdbc, "fig_month", "branch, month, commune, kind, provider", months, MONTH_ORDER,
                    k -> new Object[]{k.branch(), k.month(), k.commune(), k.kind(), k.provider()});
            // the same sums per reporting period, after the months
            Map<PeriodKey, long[]> periods = new HashMap<>();
            months.forEach((k, sums) -> {
                for (String period : FigureCounters.periodsOf(k.month())) {
                    long[] total = periods.computeIfAbsent(
                            new PeriodKey(k.branch(), period, k.commune(), k.kind(), k.provider()), p -> new long[2]);
                    total[0] += sums[0];
                    total[1] += sums[1];
                }
            });
            addSums(jdbc, "fig_period", "branch, period, commune, kind, provider", periods, PERIOD_ORDER,
                    k -> new Object[]{k.branch(), k.period(), k.commune(), k.kind(), k.provider()});
            List<Object[]> customerRows = new ArrayList<>(customerMonths.size());
            customerMonths.forEach((k, sum) -> customerRows.add(
                    new Object[]{k.branch(), k.month(), k.kind(), k.customer(), sum.commune, sum.payments}));
            FigureCounters.countPaying(jdbc, customerRows);
            MultiRowInsert.write(jdbc, """
                    INSERT INTO fig_customer_month (branch, month, kind, customer, commune, payments)
                    VALUES""", """
                    ON CONFLICT (branch, month, kind, customer) DO UPDATE SET
                        payments = fig_customer_month.payments + EXCLUDED.payments""", 6, customerRows);
            List<Object[]> planRows = new ArrayList<>(plans.size());
            plans.values().forEach(p -> planRows.add(new Object[]{p.branch(), p.period(), p.revision(),
                    p.cashlessAmountRatio(), p.cashlessPaymentRatio(), p.zaloRegistrations(), p.communeCoverage(),
                    p.cashlessKinds().stream().map(Enum::name).sorted().collect(Collectors.joining(","))}));
            batch(jdbc, """
                    INSERT INTO fig_plan (branch, period, revision, cashless_amount_ratio, cashless_payment_ratio,
                                          zalo_registrations, commune_coverage, cashless_kinds)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (branch, period) DO UPDATE SET
                        revision = EXCLUDED.revision, cashless_amount_ratio = EXCLUDED.cashless_amount_ratio,
                        cashless_payment_ratio = EXCLUDED.cashless_payment_ratio,
                        zalo_registrations = EXCLUDED.zalo_registrations,
                        commune_coverage = EXCLUDED.commune_coverage, cashless_kinds = EXCLUDED.cashless_kinds
                    WHERE fig_plan.revision <= EXCLUDED.revision""", planRows);
        }

        /**
         * Adds folded sums (payments, amount) to their rows of {@code table}, keyed by {@code key}. One row per key
         * (folded), so one statement may hold them all; in key order, so that segments adding to the same rows lock
         * them in the same order.
         */
        private static <K> void addSums(JdbcTemplate jdbc, String table, String key, Map<K, long[]> sums,
                                        Comparator<K> order, Function<K, Object[]> keyValues) {
            List<Object[]> rows = new ArrayList<>(sums.size());
            sums.entrySet().stream().sorted(Map.Entry.comparingByKey(order)).forEach(e -> {
                Object[] values = keyValues.apply(e.getKey());
                Object[] row = Arrays.copyOf(values, values.length + 2);
                row[values.length] = e.getValue()[0];
                row[values.length + 1] = e.getValue()[1];
                rows.add(row);
            });
            MultiRowInsert.write(jdbc, "INSERT INTO " + table + " (" + key + ", payments, amount) VALUES",
                    "ON CONFLICT (" + key + ") DO UPDATE SET payments = " + table + ".payments + EXCLUDED.payments, "
                            + "amount = " + table + ".amount + EXCLUDED.amount",
                    key.split(",").length + 2, rows);
        }

        /** The customers whose registrations this batch opens or closes. */
        private Set<String> registering() {
            Set<String> customers = new LinkedHashSet<>();
            opened.forEach(row -> customers.add((String) row[0]));
            closed.forEach(row -> customers.add((String) row[1]));
            return customers;
        }

        private static void batch(JdbcTemplate jdbc, String sql, List<Object[]> rows) {
            if (!rows.isEmpty()) {
                jdbc.batchUpdate(sql, rows);
            }
        }
    }
}
