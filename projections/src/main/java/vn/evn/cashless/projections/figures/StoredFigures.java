package vn.evn.cashless.projections.figures;

import static vn.evn.cashless.projections.support.Sql.timestamp;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Component;
import vn.evn.cashless.domain.channel.ChannelKind;
import vn.evn.cashless.domain.figures.FigureChange.CommuneListed;
import vn.evn.cashless.domain.figures.FigureChange.PlanSet;
import vn.evn.cashless.domain.figures.FigureChange.Registration;
import vn.evn.cashless.domain.figures.FigureSource;
import vn.evn.cashless.domain.organisation.UnitKind;
import vn.evn.cashless.domain.plan.ReportingPeriod;
import vn.evn.cashless.domain.shared.Zones;
import vn.evn.cashless.projections.support.Sql;

/**
 * The fold's state as the figures read model keeps it: each answer is a few indexed queries over one branch's rows,
 * counting in SQL what {@link vn.evn.cashless.domain.figures.FoldedFigures} counts in memory. Customers, registered
 * customers and paying customers per commune are read from the counters the projection keeps beside its rows
 * ({@link FigureCounters}), tens of rows whatever the number of customers and months, and a period's sums from
 * {@code fig_period}, one row per commune, kind and provider; distinct customers over a
 * range of months no reporting period names are counted from the customer-months, as distinct (commune, customer)
 * pairs, which PostgreSQL can hash instead of sorting every row in the database's collation (docs/performance.md).
 */
@Component
public class StoredFigures implements FigureSource {

    private final JdbcTemplate jdbc;

    public StoredFigures(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<CommuneListed> communes(String branch) {
        return jdbc.query("SELECT commune, name, kind, since FROM fig_commune WHERE branch = ? ORDER BY commune",
                (rs, row) -> new CommuneListed(branch, rs.getString(1), rs.getString(2),
                        UnitKind.valueOf(rs.getString(3)), rs.getObject(4, LocalDate.class)), branch);
    }

    /**
     * For a reporting period, its rows of {@code fig_period}, one per commune, kind and provider; any other range of
     * months from {@code fig_month}, its rows added up here (PostgreSQL sums {@code bigint} as {@code numeric}).
     */
    @Override
    public List<MonthSum> sums(String branch, YearMonth from, YearMonth until) {
        record Key(String commune, ChannelKind kind, String provider) {
        }
        Map<Key, long[]> sums = new HashMap<>();
        RowCallbackHandler add = rs -> {
            long[] sum = sums.computeIfAbsent(new Key(rs.getString(1), ChannelKind.valueOf(rs.getString(2)),
                    rs.getString(3)), key -> new long[2]);
            sum[0] += rs.getLong(4);
            sum[1] += rs.getLong(5);
        };
        Optional<ReportingPeriod> period = period(from, until);
        if (period.isPresent()) {
            jdbc.query("SELECT commune, kind, provider, payments, amount FROM fig_period "
                    + "WHERE branch = ? AND period = ? AND payments <> 0", add, branch, period.get().toString());
        } else {
            jdbc.query("SELECT commune, kind, provider, payments, amount FROM fig_month "
                    + "WHERE branch = ? AND month >= ? AND month < ?", add, branch, from.atDay(1), until.atDay(1));
        }
        List<MonthSum> rows = new ArrayList<>(sums.size());
        sums.forEach((key, sum) -> {
            if (sum[0] != 0) {
                rows.add(new MonthSum(key.commune(), key.kind(), key.provider(), sum[0], sum[1]));
            }
        });
        rows.sort(Comparator.comparing(MonthSum::commune).thenComparing(sum -> sum.kind().name())
                .thenComparing(MonthSum::provider));
        return rows;
    }

    /**
     * From the counters of {@code fig_paying} for a reporting period (a month, quarter, half or year): the customers
     * of the rows whose kinds meet {@code kinds}. Any other range of months is counted from the customer-months.
     */
    @Override
    public Map<String, Long> payingCustomers(String branch, YearMonth from, YearMonth until, Set<ChannelKind> kinds) {
        String[] names = kinds.stream().map(Enum::name).toArray(String[]::new);
        Optional<ReportingPeriod> period = period(from, until);
        if (period.isPresent()) {
            return countsByCommune("""
                    SELECT commune, SUM(customers) FROM fig_paying
                    WHERE branch = ? AND period = ? AND string_to_array(kinds, ',') && ?::text[]
                    GROUP BY commune HAVING SUM(customers) <> 0""", branch, period.get().toString(), names);
        }
        return countsByCommune("""
                        SELECT commune, COUNT(*) FROM (
                            SELECT DISTINCT commune, customer FROM fig_customer_month
                            WHERE branch = ? AND month >= ? AND month < ? AND kind = ANY (?) AND payments > 0
                        ) paying GROUP BY commune""", branch, from.atDay(1), until.atDay(1), names);
    }

    /** The reporting period that is exactly the months {@code [from, until)}, if one is. */
    static Optional<ReportingPeriod> period(YearMonth from, YearMonth until) {
        long months = from.until(until, ChronoUnit.MONTHS);
        ReportingPeriod.Granularity granularity = switch ((int) Math.min(months, 13)) {
            case 1 -> ReportingPeriod.Granularity.MONTH;
            case 3 -> ReportingPeriod.Granularity.QUARTER;
            case 6 -> ReportingPeriod.Granularity.HALF;
            case 12 -> ReportingPeriod.Granularity.YEAR;
            default -> null;
        };
        int offset = from.getMonthValue() - 1;
        if (granularity == null || offset % months != 0 || !FigureCounters.counted(from.getYear())) {
            return Optional.empty();
        }
        return Optional.of(new ReportingPeriod(granularity, from.getYear(), (int) (offset / months) + 1));
    }

    /**
     * From the counters of {@code fig_customer_count} for the months before the local month of {@code at}, and the
     * customers registered in that month before {@code at}.
     */
    @Override
    public Map<String, Long> customers(String branch, Instant at) {
        LocalDate month = Sql.localMonth(at);
        return countsByCommune("""
                        SELECT commune, SUM(customers) FROM (
                            SELECT commune, customers FROM fig_customer_count WHERE branch = ? AND month < ?
                            UNION ALL
                            SELECT commune, 1 FROM fig_customer
                            WHERE branch = ? AND registered_at >= ? AND registered_at < ?
                        ) registered GROUP BY commune HAVING SUM(customers) <> 0""", branch, month, branch,
                timestamp(month.atStartOfDay(Zones.VIETNAM).toInstant()), timestamp(at));
    }

    /**
     * From the counters of {@code fig_registered}: the customers whose open registrations include one of
     * {@code channels}; then, for the customers with a registration that begins or ends at or after {@code at}
     * (for a period long past, those of the time since), the difference between being active at {@code at} and
     * having one open. For any other customer the two are the same.
     */
    @Override
    public Map<String, Long> registeredCustomers(String branch, Registration.Type type, Set<String> channels,
                                                 Instant at) {
        String[] names = channels.toArray(String[]::new);
        Map<String, Long> counts = countsByCommune("""
                SELECT commune, SUM(customers) FROM fig_registered
                WHERE branch = ? AND type = ? AND string_to_array(channels, ',') && ?::text[]
                GROUP BY commune""", branch, type.name(), names);
        // usually none: for a period long past, only the customers whose registrations changed since
        List<String> changed = jdbc.queryForList("""
                SELECT DISTINCT customer FROM fig_registration
                WHERE branch = ? AND type = ? AND channel = ANY (?) AND (registered_at >= ? OR unregistered_at >= ?)""",
                String.class, branch, type.name(), names, timestamp(at), timestamp(at));
        if (!changed.isEmpty()) {
            jdbc.query("""
                    SELECT commune, SUM(CASE WHEN is_active THEN 1 ELSE 0 END - CASE WHEN is_open THEN 1 ELSE 0 END)
                    FROM (SELECT commune, customer,
                                 bool_or(registered_at < ? AND (unregistered_at IS NULL OR unregistered_at >= ?))
                                     AS is_active,
                                 bool_or(unregistered_at IS NULL) AS is_open
                          FROM fig_registration
                          WHERE customer = ANY (?::bpchar[]) AND branch = ? AND type = ? AND channel = ANY (?)
                          GROUP BY commune, customer) changed
                    GROUP BY commune""", rs -> {
                counts.merge(rs.getString(1), rs.getLong(2), Long::sum);
            }, timestamp(at), timestamp(at), changed.toArray(String[]::new), branch, type.name(), names);
        }
        counts.values().removeIf(count -> count == 0);
        return counts;
    }

    @Override
    public List<PlanSet> plans(String branch, Collection<String> periods) {
        return jdbc.query("""
                SELECT period, revision, cashless_amount_ratio, cashless_payment_ratio, zalo_registrations,
                       commune_coverage, cashless_kinds
                FROM fig_plan WHERE branch = ? AND period = ANY (?)""", (rs, row) -> {
            Set<ChannelKind> kinds = EnumSet.noneOf(ChannelKind.class);
            Arrays.stream(rs.getString(7).split(",")).map(ChannelKind::valueOf).forEach(kinds::add);
            return new PlanSet(branch, rs.getString(1), rs.getInt(2), rs.getBigDecimal(3), rs.getBigDecimal(4),
                    rs.getObject(5, Long.class), rs.getBigDecimal(6), kinds);
        }, branch, periods.toArray(String[]::new));
    }

    private Map<String, Long> countsByCommune(String sql, Object... args) {
        Map<String, Long> counts = new HashMap<>();
        jdbc.query(sql, rs -> {
            counts.put(rs.getString(1), rs.getLong(2));
        }, args);
        return counts;
    }
}
