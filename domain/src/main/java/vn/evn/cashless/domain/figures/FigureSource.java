package vn.evn.cashless.domain.figures;

import java.time.Instant;
import java.time.YearMonth;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import vn.evn.cashless.domain.channel.ChannelKind;
import vn.evn.cashless.domain.figures.FigureChange.CommuneListed;
import vn.evn.cashless.domain.figures.FigureChange.PlanSet;
import vn.evn.cashless.domain.figures.FigureChange.Registration;

/**
 * The state {@link FigureFold} builds, as {@link Reports} reads it: the read model answers from its tables, an as-of
 * replay from memory ({@link FoldedFigures}). Every method reads one branch only. "Active at" an instant means
 * registered before it and not unregistered before it.
 */
public interface FigureSource {

    /** The branch's communes and towns, whatever their {@code since}, in code order. */
    List<CommuneListed> communes(String branch);

    /** Counted payments per commune, kind and provider paid in the months {@code [from, until)}; none left at 0. */
    List<MonthSum> sums(String branch, YearMonth from, YearMonth until);

    /** Per commune: distinct customers with a counted payment of one of {@code kinds} in {@code [from, until)}. */
    Map<String, Long> payingCustomers(String branch, YearMonth from, YearMonth until, Set<ChannelKind> kinds);

    /** Per commune: customers registered before {@code at}. */
    Map<String, Long> customers(String branch, Instant at);

    /** Per commune: distinct customers with a registration of {@code type} for one of {@code channels} active at {@code at}. */
    Map<String, Long> registeredCustomers(String branch, Registration.Type type, Set<String> channels, Instant at);

    /** The plans in force for any of {@code periods}. */
    List<PlanSet> plans(String branch, Collection<String> periods);

    /** Counted payments of one commune through one kind and provider. */
    record MonthSum(String commune, ChannelKind kind, String provider, long payments, long amount) {
    }
}
