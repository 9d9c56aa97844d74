package vn.evn.cashless.projections.figures;

import java.time.Instant;
import java.time.YearMonth;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import vn.evn.cashless.domain.channel.ChannelKind;
import vn.evn.cashless.domain.figures.FigureChange.CommuneListed;
import vn.evn.cashless.domain.figures.FigureChange.PlanSet;
import vn.evn.cashless.domain.figures.FigureChange.Registration;
import vn.evn.cashless.domain.figures.FigureSource;

/**
 * The read model's figures for the length of one answer: each count asked again with the same arguments (the
 * company view takes each branch's coverage, then its progress, with the same kinds and instant) is read once. Made
 * anew for every query, so it never answers from anything older than that query.
 */
public final class OneAnswerFigures implements FigureSource {

    private final FigureSource source;
    private final Map<List<Object>, Object> answers = new HashMap<>();

    public OneAnswerFigures(FigureSource source) {
        this.source = source;
    }

    @Override
    public List<CommuneListed> communes(String branch) {
        return once(List.of("communes", branch), () -> List.copyOf(source.communes(branch)));
    }

    @Override
    public List<MonthSum> sums(String branch, YearMonth from, YearMonth until) {
        return once(List.of("sums", branch, from, until), () -> List.copyOf(source.sums(branch, from, until)));
    }

    @Override
    public Map<String, Long> payingCustomers(String branch, YearMonth from, YearMonth until, Set<ChannelKind> kinds) {
        return once(List.of("paying", branch, from, until, Set.copyOf(kinds)),
                () -> Map.copyOf(source.payingCustomers(branch, from, until, kinds)));
    }

    @Override
    public Map<String, Long> customers(String branch, Instant at) {
        return once(List.of("customers", branch, at), () -> Map.copyOf(source.customers(branch, at)));
    }

    @Override
    public Map<String, Long> registeredCustomers(String branch, Registration.Type type, Set<String> channels,
                                                 Instant at) {
        return once(List.of("registered", branch, type, Set.copyOf(channels), at),
                () -> Map.copyOf(source.registeredCustomers(branch, type, channels, at)));
    }

    @Override
    public List<PlanSet> plans(String branch, Collection<String> periods) {
        return once(List.of("plans", branch, List.copyOf(periods)), () -> List.copyOf(source.plans(branch, periods)));
    }

    @SuppressWarnings("unchecked")
    private <T> T once(List<Object> question, Supplier<T> read) {
        Object answer = answers.get(question);
        if (answer == null) {
            answer = read.get();
            answers.put(question, answer);
        }
        return (T) answer;
    }
}
