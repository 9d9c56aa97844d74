package vn.evn.cashless.projections.figures;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import vn.evn.cashless.domain.channel.ChannelKind;
import vn.evn.cashless.domain.figures.FigureChange.CommuneListed;
import vn.evn.cashless.domain.figures.FigureChange.PlanSet;
import vn.evn.cashless.domain.figures.FigureChange.Registration;
import vn.evn.cashless.domain.figures.FigureSource;

class OneAnswerFiguresTest {

    /** Answers each question with a new count, and keeps the questions it was asked. */
    private static final class CountingSource implements FigureSource {
        final List<String> asked = new ArrayList<>();

        private Map<String, Long> answer(String question) {
            asked.add(question);
            Map<String, Long> counts = new HashMap<>();
            counts.put("00001", (long) asked.size());
            return counts;
        }

        @Override
        public List<CommuneListed> communes(String branch) {
            asked.add("communes " + branch);
            return List.of();
        }

        @Override
        public List<MonthSum> sums(String branch, YearMonth from, YearMonth until) {
            asked.add("sums " + branch + " " + from + " " + until);
            return List.of(new MonthSum("00001", ChannelKind.BANK, "Agribank", asked.size(), 1_000));
        }

        @Override
        public Map<String, Long> payingCustomers(String branch, YearMonth from, YearMonth until,
                                                 Set<ChannelKind> kinds) {
            return answer("paying " + branch + " " + from + " " + until + " " + kinds);
        }

        @Override
        public Map<String, Long> customers(String branch, Instant at) {
            return answer("customers " + branch + " " + at);
        }

        @Override
        public Map<String, Long> registeredCustomers(String branch, Registration.Type type, Set<String> channels,
                                                     Instant at) {
            return answer("registered " + branch + " " + type + " " + channels + " " + at);
        }

        @Override
        public List<PlanSet> plans(String branch, Collection<String> periods) {
            asked.add("plans " + branch + " " + periods);
            return List.of();
        }
    }

    private static final Instant AT = Instant.parse("2021-06-30T17:00:00Z");
    private static final YearMonth FROM = YearMonth.of(2021, 1);
    private static final YearMonth UNTIL = YearMonth.of(2021, 7);

    @Test
    void aQuestionAskedAgainIsAnsweredAsTheFirstTimeWithoutReadingAgain() {
        CountingSource source = new CountingSource();
        FigureSource figures = new OneAnswerFigures(source);

        Map<String, Long> first = figures.customers("BM", AT);
        List<FigureSource.MonthSum> sums = figures.sums("BM", FROM, UNTIL);
        Map<String, Long> paying = figures.payingCustomers("BM", FROM, UNTIL, EnumSet.of(ChannelKind.BANK));

        assertThat(figures.customers("BM", AT)).isEqualTo(first);
        assertThat(figures.sums("BM", FROM, UNTIL)).isEqualTo(sums);
        // the same kinds in another kind of set are the same question
        assertThat(figures.payingCustomers("BM", FROM, UNTIL, Set.of(ChannelKind.BANK))).isEqualTo(paying);
        assertThat(source.asked).hasSize(3);
    }

    @Test
    void anotherBranchInstantPeriodKindsOrChannelsIsAnotherQuestion() {
        CountingSource source = new CountingSource();
        FigureSource figures = new OneAnswerFigures(source);

        figures.customers("BM", AT);
        figures.customers("VX", AT);
        figures.customers("BM", AT.plusSeconds(1));
        figures.payingCustomers("BM", FROM, UNTIL, Set.of(ChannelKind.BANK));
        figures.payingCustomers("BM", FROM, UNTIL, Set.of(ChannelKind.BANK, ChannelKind.E_WALLET));
        figures.payingCustomers("BM", FROM, FROM.plusMonths(1), Set.of(ChannelKind.BANK));
        figures.registeredCustomers("BM", Registration.Type.PAYMENT, Set.of("BANK"), AT);
        figures.registeredCustomers("BM", Registration.Type.NOTIFICATION, Set.of("ZALO"), AT);
        figures.registeredCustomers("BM", Registration.Type.PAYMENT, Set.of("BANK", "E_WALLET"), AT);
        figures.plans("BM", List.of("2021-H1"));
        figures.plans("BM", List.of("2021-H1", "2021"));

        assertThat(source.asked).hasSize(11).doesNotHaveDuplicates();
        assertThat(figures.customers("VX", AT)).containsEntry("00001", 2L);
    }

    @Test
    void eachAnswerIsItsOwnSoTheNextQuestionStartsFromTheReadModel() {
        CountingSource source = new CountingSource();

        new OneAnswerFigures(source).communes("BM");
        new OneAnswerFigures(source).communes("BM");

        assertThat(source.asked).containsExactly("communes BM", "communes BM");
    }
}
