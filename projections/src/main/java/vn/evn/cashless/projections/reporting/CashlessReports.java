package vn.evn.cashless.projections.reporting;

import static vn.evn.cashless.projections.support.Sql.timestamp;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import vn.evn.cashless.domain.channel.ChannelKind;
import vn.evn.cashless.domain.channel.NotificationChannel;
import vn.evn.cashless.domain.figures.CashlessTotals;
import vn.evn.cashless.domain.figures.ChannelSums;
import vn.evn.cashless.domain.figures.Figures;
import vn.evn.cashless.domain.figures.Indicator;
import vn.evn.cashless.domain.plan.CashlessPolicy;
import vn.evn.cashless.domain.plan.ReportingPeriod;

/**
 * Coverage, plan progress and channel breakdown of a branch over a period, read from the monthly sums. Figures
 * "at the end of the period" are taken at its end, or now for a period not yet over.
 */
@Component
public class CashlessReports {

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public CashlessReports(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @QueryHandler
    public BranchView handle(FindBranch query) {
        return jdbc.query("SELECT code, name, company FROM rm_branch WHERE code = ?",
                (rs, row) -> new BranchView(rs.getString(1), rs.getString(2), rs.getString(3)), query.branch())
                .stream().findFirst().orElse(null);
    }

    @QueryHandler
    public BranchCoverage handle(FindBranchCoverage query) {
        return coverage(query.branch(), query.period(), cashlessKinds(query.branch(), query.period()).kinds());
    }

    @QueryHandler
    public PlanProgress handle(FindPlanProgress query) {
        List<PlanRow> plans = plans(query.branch(), List.of(query.period()));
        if (plans.isEmpty()) {
            return null;
        }
        PlanRow plan = plans.get(0);
        BranchCoverage coverage = coverage(query.branch(), query.period(), plan.kinds());
        long zalo = zaloRegistrations(query.branch(), endOf(query.period()));
        List<Indicator> indicators = List.of(
                Indicator.of(Indicator.CASHLESS_AMOUNT_RATIO, plan.cashlessAmountRatio(),
                        coverage.totals().cashlessAmountRatio()),
                Indicator.of(Indicator.CASHLESS_PAYMENT_RATIO, plan.cashlessPaymentRatio(),
                        coverage.totals().cashlessPaymentRatio()),
                Indicator.ofCount(Indicator.ZALO_REGISTRATIONS,
                        plan.zaloRegistrations() == null ? null : BigDecimal.valueOf(plan.zaloRegistrations()), zalo),
                Indicator.of(Indicator.COMMUNE_COVERAGE, plan.communeCoverage(), coverage.coverageRatio()));
        return new PlanProgress(query.branch(), query.period().toString(), plan.revision(), sorted(plan.kinds()),
                coverage.totals(), indicators);
    }

    @QueryHandler
    public ChannelBreakdown handle(FindChannelBreakdown query) {
        Set<ChannelKind> kinds = cashlessKinds(query.branch(), query.period()).kinds();
        ReportingPeriod period = query.period();
        List<ChannelBreakdown.Channel> channels = jdbc.query("""
                        SELECT kind, provider, SUM(payments) AS payments, SUM(amount) AS amount
                        FROM rm_payment_month
                        WHERE branch = ? AND month >= ? AND month < ?
                        GROUP BY kind, provider HAVING SUM(payments) <> 0
                        ORDER BY kind, provider""",
                (rs, row) -> {
                    ChannelKind kind = ChannelKind.valueOf(rs.getString("kind"));
                    return new ChannelBreakdown.Channel(kind, rs.getString("provider"), rs.getLong("payments"),
                            rs.getLong("amount"), kinds.contains(kind));
                }, query.branch(), firstDay(period), endDay(period));
        return new ChannelBreakdown(query.branch(), period.toString(), sorted(kinds), channels);
    }

    private BranchCoverage coverage(String branch, ReportingPeriod period, Set<ChannelKind> kinds) {
        Instant end = endOf(period);
        String kindList = kinds.stream().map(k -> "'" + k.name() + "'").collect(Collectors.joining(","));
        Map<String, Long> customers = countsByCommune(
                "SELECT commune, COUNT(*) FROM rm_customer WHERE branch = ? AND registered_at < ? GROUP BY commune",
                branch, timestamp(end));
        Map<String, Long> registered = countsByCommune("""
                SELECT commune, COUNT(DISTINCT customer) FROM rm_payment_channel
                WHERE branch = ? AND kind IN (%s) AND registered_at < ?
                  AND (unregistered_at IS NULL OR unregistered_at >= ?)
                GROUP BY commune""".formatted(kindList), branch, timestamp(end), timestamp(end));
        Map<String, Long> cashlessCustomers = countsByCommune("""
                SELECT commune, COUNT(*) FROM (
                    SELECT DISTINCT commune, customer FROM rm_customer_month
                    WHERE branch = ? AND month >= ? AND month < ? AND kind IN (%s) AND payments > 0) paying
                GROUP BY commune""".formatted(kindList), branch, firstDay(period), endDay(period));
        Map<String, List<ChannelSums>> sums = new HashMap<>();
        jdbc.query("""
                        SELECT commune, kind, SUM(payments), SUM(amount) FROM rm_payment_month
                        WHERE branch = ? AND month >= ? AND month < ?
                        GROUP BY commune, kind""",
                rs -> {
                    sums.computeIfAbsent(rs.getString(1), c -> new ArrayList<>()).add(
                            new ChannelSums(ChannelKind.valueOf(rs.getString(2)), rs.getLong(3), rs.getLong(4)));
                }, branch, firstDay(period), endDay(period));

        List<BranchCoverage.CommuneCoverage> communes = jdbc.query(
                "SELECT code, name, kind FROM rm_commune WHERE branch = ? AND (since IS NULL OR since < ?) "
                        + "ORDER BY code", (rs, row) -> {
                    String code = rs.getString("code");
                    CashlessTotals totals = CashlessTotals.of(sums.getOrDefault(code, List.of()), kinds,
                            cashlessCustomers.getOrDefault(code, 0L));
                    return new BranchCoverage.CommuneCoverage(code, rs.getString("name"), rs.getString("kind"),
                            customers.getOrDefault(code, 0L), registered.getOrDefault(code, 0L), totals);
                }, branch, endDay(period));
        CashlessTotals totals = communes.stream().map(BranchCoverage.CommuneCoverage::totals)
                .reduce(CashlessTotals.NONE, CashlessTotals::plus);
        long covered = communes.stream().filter(c -> c.totals().covered()).count();
        return new BranchCoverage(branch, period.toString(), sorted(kinds), communes, totals, covered,
                communes.size(), Figures.percent(covered, communes.size()));
    }

    private long zaloRegistrations(String branch, Instant at) {
        Long count = jdbc.queryForObject("""
                        SELECT COUNT(DISTINCT customer) FROM rm_notification_channel
                        WHERE branch = ? AND channel = ? AND registered_at < ?
                          AND (unregistered_at IS NULL OR unregistered_at >= ?)""", Long.class,
                branch, NotificationChannel.ZALO.name(), timestamp(at), timestamp(at));
        return count == null ? 0 : count;
    }

    /** The plan for exactly the period, else the smallest enclosing one, else the default kinds. */
    public PlanKinds cashlessKinds(String branch, ReportingPeriod period) {
        List<ReportingPeriod> candidates = new ArrayList<>();
        candidates.add(period);
        candidates.addAll(period.enclosing());
        List<PlanRow> plans = plans(branch, candidates);
        for (ReportingPeriod candidate : candidates) {
            for (PlanRow plan : plans) {
                if (plan.period().equals(candidate.toString())) {
                    return new PlanKinds(plan.kinds(), candidate.toString());
                }
            }
        }
        return new PlanKinds(CashlessPolicy.DEFAULT_KINDS, null);
    }

    /** The cashless kinds in force and the period of the plan that set them ({@code null}: the default). */
    public record PlanKinds(Set<ChannelKind> kinds, String planPeriod) {
    }

    private record PlanRow(String period, int revision, BigDecimal cashlessAmountRatio,
                           BigDecimal cashlessPaymentRatio, Long zaloRegistrations, BigDecimal communeCoverage,
                           Set<ChannelKind> kinds) {
    }

    private List<PlanRow> plans(String branch, Collection<ReportingPeriod> periods) {
        String placeholders = periods.stream().map(p -> "?").collect(Collectors.joining(","));
        List<Object> args = new ArrayList<>();
        args.add(branch);
        periods.forEach(p -> args.add(p.toString()));
        return jdbc.query("""
                SELECT period, revision, cashless_amount_ratio, cashless_payment_ratio, zalo_registrations,
                       commune_coverage, cashless_kinds
                FROM rm_plan WHERE branch = ? AND period IN (%s)""".formatted(placeholders), (rs, row) -> {
            Set<ChannelKind> kinds = EnumSet.noneOf(ChannelKind.class);
            Arrays.stream(rs.getString("cashless_kinds").split(",")).map(ChannelKind::valueOf).forEach(kinds::add);
            return new PlanRow(rs.getString("period"), rs.getInt("revision"), rs.getBigDecimal("cashless_amount_ratio"),
                    rs.getBigDecimal("cashless_payment_ratio"), rs.getObject("zalo_registrations", Long.class),
                    rs.getBigDecimal("commune_coverage"), kinds);
        }, args.toArray());
    }

    private Map<String, Long> countsByCommune(String sql, Object... args) {
        Map<String, Long> counts = new HashMap<>();
        jdbc.query(sql, rs -> {
            counts.put(rs.getString(1), rs.getLong(2));
        }, args);
        return counts;
    }

    private Instant endOf(ReportingPeriod period) {
        Instant now = clock.instant();
        return period.end().isAfter(now) ? now : period.end();
    }

    private static LocalDate firstDay(ReportingPeriod period) {
        return period.firstDay();
    }

    private static LocalDate endDay(ReportingPeriod period) {
        return period.endMonth().atDay(1);
    }

    private static List<ChannelKind> sorted(Set<ChannelKind> kinds) {
        return kinds.stream().sorted().toList();
    }
}
