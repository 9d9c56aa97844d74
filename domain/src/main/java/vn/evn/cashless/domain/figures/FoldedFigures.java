package vn.evn.cashless.domain.figures;

import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import vn.evn.cashless.domain.channel.ChannelKind;
import vn.evn.cashless.domain.figures.FigureChange.CommuneListed;
import vn.evn.cashless.domain.figures.FigureChange.CustomerListed;
import vn.evn.cashless.domain.figures.FigureChange.PaymentCounted;
import vn.evn.cashless.domain.figures.FigureChange.PlanSet;
import vn.evn.cashless.domain.figures.FigureChange.Registration;
import vn.evn.cashless.domain.figures.FigureChange.RegistrationClosed;
import vn.evn.cashless.domain.figures.FigureChange.RegistrationOpened;

/**
 * The fold's state in memory, for an as-of evaluation: the same changes the read model stores, applied to maps.
 * Memory grows with a branch's customers and registrations, and with its payment sums of the months kept: give a
 * window of months and payments outside it are not kept at all.
 */
public final class FoldedFigures implements FigureSource {

    private final YearMonth keepFrom;
    private final YearMonth keepUntil;

    private final Map<String, Map<String, CommuneListed>> communes = new HashMap<>();
    private final Map<String, CustomerListed> customers = new HashMap<>();
    private final Map<RegistrationKey, Interval> registrations = new HashMap<>();
    private final Map<SumKey, long[]> sums = new HashMap<>();
    private final Map<CustomerMonthKey, long[]> customerMonths = new HashMap<>();
    private final Map<String, PlanSet> plans = new HashMap<>();

    /** Keeps payment sums of every month. */
    public FoldedFigures() {
        this(YearMonth.of(0, 1), YearMonth.of(9999, 12));
    }

    /** Keeps payment sums of the months {@code [from, until)} only. */
    public FoldedFigures(YearMonth from, YearMonth until) {
        this.keepFrom = from;
        this.keepUntil = until;
    }

    /** Folds one event in. */
    public void apply(Object event) {
        FigureFold.changes(event).forEach(this::apply);
    }

    public void apply(FigureChange change) {
        if (change instanceof CommuneListed c) {
            communes.computeIfAbsent(c.branch(), b -> new TreeMap<>()).put(c.commune(), c);
        } else if (change instanceof CustomerListed c) {
            customers.put(c.customer(), c);
        } else if (change instanceof RegistrationOpened r) {
            registrations.put(new RegistrationKey(r.customer(), r.registration(), r.registeredAt()),
                    new Interval(r.branch(), r.commune(), r.registeredAt(), null));
        } else if (change instanceof RegistrationClosed r) {
            registrations.computeIfPresent(new RegistrationKey(r.customer(), r.registration(), r.registeredAt()),
                    (key, open) -> new Interval(open.branch(), open.commune(), open.from(), r.unregisteredAt()));
        } else if (change instanceof PaymentCounted p) {
            count(p);
        } else if (change instanceof PlanSet p) {
            plans.merge(p.branch() + "/" + p.period(), p, (old, now) -> now.revision() >= old.revision() ? now : old);
        }
    }

    private void count(PaymentCounted p) {
        if (p.month().isBefore(keepFrom) || !p.month().isBefore(keepUntil)) {
            return;
        }
        long[] sum = sums.computeIfAbsent(
                new SumKey(p.branch(), p.month(), p.commune(), p.kind(), p.provider()), k -> new long[2]);
        sum[0] += p.sign();
        sum[1] += (long) p.sign() * p.amount();
        customerMonths.computeIfAbsent(new CustomerMonthKey(p.branch(), p.month(), p.kind(), p.customer(),
                p.commune()), k -> new long[1])[0] += p.sign();
    }

    @Override
    public List<CommuneListed> communes(String branch) {
        return List.copyOf(communes.getOrDefault(branch, Map.of()).values());
    }

    @Override
    public List<MonthSum> sums(String branch, YearMonth from, YearMonth until) {
        Map<List<Object>, long[]> grouped = new HashMap<>();
        sums.forEach((key, sum) -> {
            if (key.branch().equals(branch) && within(key.month(), from, until)) {
                long[] total = grouped.computeIfAbsent(List.of(key.commune(), key.kind(), key.provider()),
                        k -> new long[2]);
                total[0] += sum[0];
                total[1] += sum[1];
            }
        });
        List<MonthSum> result = new ArrayList<>();
        grouped.forEach((key, total) -> {
            if (total[0] != 0) {
                result.add(new MonthSum((String) key.get(0), (ChannelKind) key.get(1), (String) key.get(2), total[0],
                        total[1]));
            }
        });
        result.sort(Comparator.comparing(MonthSum::commune).thenComparing(MonthSum::kind)
                .thenComparing(MonthSum::provider));
        return result;
    }

    @Override
    public Map<String, Long> payingCustomers(String branch, YearMonth from, YearMonth until, Set<ChannelKind> kinds) {
        Map<String, Set<String>> paying = new HashMap<>();
        customerMonths.forEach((key, count) -> {
            if (key.branch().equals(branch) && within(key.month(), from, until) && kinds.contains(key.kind())
                    && count[0] > 0) {
                paying.computeIfAbsent(key.commune(), c -> new HashSet<>()).add(key.customer());
            }
        });
        Map<String, Long> result = new HashMap<>();
        paying.forEach((commune, set) -> result.put(commune, (long) set.size()));
        return result;
    }

    @Override
    public Map<String, Long> customers(String branch, Instant at) {
        Map<String, Long> result = new HashMap<>();
        for (CustomerListed c : customers.values()) {
            if (c.branch().equals(branch) && c.registeredAt().isBefore(at)) {
                result.merge(c.commune(), 1L, Long::sum);
            }
        }
        return result;
    }

    @Override
    public Map<String, Long> registeredCustomers(String branch, Registration.Type type, Set<String> channels,
                                                 Instant at) {
        Map<String, Set<String>> active = new HashMap<>();
        registrations.forEach((key, interval) -> {
            if (interval.branch().equals(branch) && key.registration().type() == type
                    && channels.contains(key.registration().channel()) && interval.activeAt(at)) {
                active.computeIfAbsent(interval.commune(), c -> new HashSet<>()).add(key.customer());
            }
        });
        Map<String, Long> result = new HashMap<>();
        active.forEach((commune, set) -> result.put(commune, (long) set.size()));
        return result;
    }

    @Override
    public List<PlanSet> plans(String branch, Collection<String> periods) {
        List<PlanSet> result = new ArrayList<>();
        for (String period : periods) {
            PlanSet plan = plans.get(branch + "/" + period);
            if (plan != null) {
                result.add(plan);
            }
        }
        return result;
    }

    private static boolean within(YearMonth month, YearMonth from, YearMonth until) {
        return !month.isBefore(from) && month.isBefore(until);
    }

    private record RegistrationKey(String customer, Registration registration, Instant registeredAt) {
    }

    private record Interval(String branch, String commune, Instant from, Instant until) {

        boolean activeAt(Instant at) {
            return from.isBefore(at) && (until == null || !until.isBefore(at));
        }
    }

    private record SumKey(String branch, YearMonth month, String commune, ChannelKind kind, String provider) {
    }

    private record CustomerMonthKey(String branch, YearMonth month, ChannelKind kind, String customer,
                                    String commune) {
    }
}
