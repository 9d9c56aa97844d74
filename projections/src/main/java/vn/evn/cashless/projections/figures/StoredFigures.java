package vn.evn.cashless.projections.figures;

import static vn.evn.cashless.projections.support.Sql.timestamp;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import vn.evn.cashless.domain.channel.ChannelKind;
import vn.evn.cashless.domain.figures.FigureChange.CommuneListed;
import vn.evn.cashless.domain.figures.FigureChange.PlanSet;
import vn.evn.cashless.domain.figures.FigureChange.Registration;
import vn.evn.cashless.domain.figures.FigureSource;
import vn.evn.cashless.domain.organisation.UnitKind;

/**
 * The fold's state as the figures read model keeps it: each answer is one indexed query over one branch's rows,
 * counting in SQL what {@link vn.evn.cashless.domain.figures.FoldedFigures} counts in memory. Distinct customers per
 * commune are counted as distinct (commune, customer) pairs: the same number as {@code COUNT(DISTINCT customer) ...
 * GROUP BY commune}, but PostgreSQL can hash the pairs instead of sorting every row by commune and customer in the
 * database's collation (98 ms for the 12,000 customer-months of the demo's half-year, docs/performance.md).
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

    @Override
    public List<MonthSum> sums(String branch, YearMonth from, YearMonth until) {
        return jdbc.query("""
                        SELECT commune, kind, provider, SUM(payments), SUM(amount) FROM fig_month
                        WHERE branch = ? AND month >= ? AND month < ?
                        GROUP BY commune, kind, provider HAVING SUM(payments) <> 0
                        ORDER BY commune, kind, provider""",
                (rs, row) -> new MonthSum(rs.getString(1), ChannelKind.valueOf(rs.getString(2)), rs.getString(3),
                        rs.getLong(4), rs.getLong(5)), branch, from.atDay(1), until.atDay(1));
    }

    @Override
    public Map<String, Long> payingCustomers(String branch, YearMonth from, YearMonth until, Set<ChannelKind> kinds) {
        return countsByCommune("""
                        SELECT commune, COUNT(*) FROM (
                            SELECT DISTINCT commune, customer FROM fig_customer_month
                            WHERE branch = ? AND month >= ? AND month < ? AND kind = ANY (?) AND payments > 0
                        ) paying GROUP BY commune""", branch, from.atDay(1), until.atDay(1),
                kinds.stream().map(Enum::name).toArray(String[]::new));
    }

    @Override
    public Map<String, Long> customers(String branch, Instant at) {
        return countsByCommune("""
                SELECT commune, COUNT(*) FROM fig_customer WHERE branch = ? AND registered_at < ?
                GROUP BY commune""", branch, timestamp(at));
    }

    @Override
    public Map<String, Long> registeredCustomers(String branch, Registration.Type type, Set<String> channels,
                                                 Instant at) {
        return countsByCommune("""
                        SELECT commune, COUNT(*) FROM (
                            SELECT DISTINCT commune, customer FROM fig_registration
                            WHERE branch = ? AND type = ? AND channel = ANY (?) AND registered_at < ?
                              AND (unregistered_at IS NULL OR unregistered_at >= ?)
                        ) registered GROUP BY commune""", branch, type.name(), channels.toArray(String[]::new), timestamp(at),
                timestamp(at));
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
