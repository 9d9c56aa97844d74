package vn.evn.cashless.domain.figures;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import vn.evn.cashless.domain.channel.ChannelKind;
import vn.evn.cashless.domain.channel.NotificationChannel;
import vn.evn.cashless.domain.figures.FigureChange.CommuneListed;
import vn.evn.cashless.domain.figures.FigureChange.PlanSet;
import vn.evn.cashless.domain.figures.FigureChange.Registration;
import vn.evn.cashless.domain.figures.FigureSource.MonthSum;
import vn.evn.cashless.domain.plan.CashlessPolicy;
import vn.evn.cashless.domain.plan.ReportingPeriod;

/**
 * Every figure of coverage, plan progress and the channel breakdown, read from the fold's state (docs/domain.md,
 * "What counts"). {@code now} is the instant the figures are taken: the clock for the live read model, the chosen
 * instant for an as-of evaluation. Counts "at the end of the period" are taken at the period's end, or at
 * {@code now} for a period not yet over then.
 */
public final class Reports {

    private Reports() {
    }

    /** The cashless kinds in force and the period of the plan that set them ({@code null}: the default). */
    public record CashlessKinds(Set<ChannelKind> kinds, String planPeriod) {
    }

    public static BranchCoverage coverage(FigureSource source, String branch, ReportingPeriod period, Instant now) {
        return coverage(source, branch, period, now, cashlessKinds(source, branch, period).kinds());
    }

    /** The progress against the plan for exactly {@code period}; empty without one. */
    public static Optional<PlanProgress> progress(FigureSource source, String branch, ReportingPeriod period,
                                                  Instant now) {
        List<PlanSet> plans = source.plans(branch, List.of(period.toString()));
        if (plans.isEmpty()) {
            return Optional.empty();
        }
        PlanSet plan = plans.get(0);
        BranchCoverage coverage = coverage(source, branch, period, now, plan.cashlessKinds());
        long zalo = source.registeredCustomers(branch, Registration.Type.NOTIFICATION,
                Set.of(NotificationChannel.ZALO.name()), endOf(period, now)).values().stream()
                .mapToLong(Long::longValue).sum();
        List<Indicator> indicators = List.of(
                Indicator.of(Indicator.CASHLESS_AMOUNT_RATIO, plan.cashlessAmountRatio(),
                        coverage.totals().cashlessAmountRatio()),
                Indicator.of(Indicator.CASHLESS_PAYMENT_RATIO, plan.cashlessPaymentRatio(),
                        coverage.totals().cashlessPaymentRatio()),
                Indicator.ofCount(Indicator.ZALO_REGISTRATIONS,
                        plan.zaloRegistrations() == null ? null : BigDecimal.valueOf(plan.zaloRegistrations()), zalo),
                Indicator.of(Indicator.COMMUNE_COVERAGE, plan.communeCoverage(), coverage.coverageRatio()));
        return Optional.of(new PlanProgress(branch, period.toString(), plan.revision(), sorted(plan.cashlessKinds()),
                coverage.totals(), indicators));
    }

    public static ChannelBreakdown channels(FigureSource source, String branch, ReportingPeriod period) {
        Set<ChannelKind> kinds = cashlessKinds(source, branch, period).kinds();
        record Key(ChannelKind kind, String provider) {
        }
        Map<Key, long[]> byChannel = new TreeMap<>(Comparator.comparing(Key::kind).thenComparing(Key::provider));
        for (MonthSum sum : source.sums(branch, period.firstMonth(), period.endMonth())) {
            long[] totals = byChannel.computeIfAbsent(new Key(sum.kind(), sum.provider()), k -> new long[2]);
            totals[0] += sum.payments();
            totals[1] += sum.amount();
        }
        List<ChannelBreakdown.Channel> channels = new ArrayList<>();
        byChannel.forEach((key, totals) -> {
            if (totals[0] != 0) {
                channels.add(new ChannelBreakdown.Channel(key.kind(), key.provider(), totals[0], totals[1],
                        kinds.contains(key.kind())));
            }
        });
        return new ChannelBreakdown(branch, period.toString(), sorted(kinds), channels);
    }

    /** The plan for exactly the period, else the smallest enclosing one, else the default kinds. */
    public static CashlessKinds cashlessKinds(FigureSource source, String branch, ReportingPeriod period) {
        List<String> candidates = new ArrayList<>();
        candidates.add(period.toString());
        period.enclosing().forEach(p -> candidates.add(p.toString()));
        List<PlanSet> plans = source.plans(branch, candidates);
        for (String candidate : candidates) {
            for (PlanSet plan : plans) {
                if (plan.period().equals(candidate)) {
                    return new CashlessKinds(plan.cashlessKinds(), candidate);
                }
            }
        }
        return new CashlessKinds(CashlessPolicy.DEFAULT_KINDS, null);
    }

    private static BranchCoverage coverage(FigureSource source, String branch, ReportingPeriod period, Instant now,
                                           Set<ChannelKind> kinds) {
        Instant end = endOf(period, now);
        Map<String, Long> customers = source.customers(branch, end);
        Map<String, Long> registered = source.registeredCustomers(branch, Registration.Type.PAYMENT,
                names(kinds), end);
        Map<String, Long> paying = source.payingCustomers(branch, period.firstMonth(), period.endMonth(), kinds);
        Map<String, List<ChannelSums>> sums = new HashMap<>();
        for (MonthSum sum : source.sums(branch, period.firstMonth(), period.endMonth())) {
            sums.computeIfAbsent(sum.commune(), c -> new ArrayList<>())
                    .add(new ChannelSums(sum.kind(), sum.payments(), sum.amount()));
        }
        Map<String, CommuneListed> listed = new TreeMap<>();
        source.communes(branch).forEach(c -> listed.put(c.commune(), c));
        Set<String> codes = new TreeSet<>(listed.keySet());
        codes.addAll(sums.keySet());
        LocalDate firstDayAfter = period.endMonth().atDay(1);

        List<BranchCoverage.CommuneCoverage> rows = new ArrayList<>();
        for (String code : codes) {
            CommuneListed commune = listed.get(code);
            boolean counts = commune != null && (commune.since() == null || commune.since().isBefore(firstDayAfter));
            if (!counts && !sums.containsKey(code)) {
                continue;
            }
            CashlessTotals totals = CashlessTotals.of(sums.getOrDefault(code, List.of()), kinds,
                    paying.getOrDefault(code, 0L));
            rows.add(new BranchCoverage.CommuneCoverage(code, commune == null ? null : commune.name(),
                    commune == null ? null : commune.kind().name(), customers.getOrDefault(code, 0L),
                    registered.getOrDefault(code, 0L), totals, counts));
        }
        CashlessTotals totals = rows.stream().map(BranchCoverage.CommuneCoverage::totals)
                .reduce(CashlessTotals.NONE, CashlessTotals::plus);
        long counted = rows.stream().filter(BranchCoverage.CommuneCoverage::countsForCoverage).count();
        long covered = rows.stream().filter(r -> r.countsForCoverage() && r.totals().covered()).count();
        return new BranchCoverage(branch, period.toString(), sorted(kinds), rows, totals, covered, counted,
                Figures.percent(covered, counted));
    }

    /** The period's end, or {@code now} for a period not yet over. */
    public static Instant endOf(ReportingPeriod period, Instant now) {
        return period.end().isAfter(now) ? now : period.end();
    }

    private static Set<String> names(Set<ChannelKind> kinds) {
        Set<String> names = new TreeSet<>();
        kinds.forEach(k -> names.add(k.name()));
        return names;
    }

    private static List<ChannelKind> sorted(Set<ChannelKind> kinds) {
        return kinds.stream().sorted().toList();
    }
}
