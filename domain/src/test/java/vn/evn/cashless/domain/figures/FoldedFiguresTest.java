package vn.evn.cashless.domain.figures;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import vn.evn.cashless.domain.billing.PaymentRecorded;
import vn.evn.cashless.domain.billing.PaymentReversed;
import vn.evn.cashless.domain.channel.ChannelKind;
import vn.evn.cashless.domain.customer.CustomerRegistered;
import vn.evn.cashless.domain.organisation.BranchCreated;
import vn.evn.cashless.domain.organisation.CommuneAdded;
import vn.evn.cashless.domain.organisation.UnitKind;
import vn.evn.cashless.domain.plan.PlanAssigned;
import vn.evn.cashless.domain.plan.ReportingPeriod;

class FoldedFiguresTest {

    private static final Instant NOW = Instant.parse("2021-12-31T00:00:00Z");

    private static PaymentRecorded paid(String payment, long amount, ChannelKind kind, String paidAt) {
        return new PaymentRecorded(payment, "PA20BM0000001-2021-06", "PA20BM0000001", "BM", "00991", "2021-06",
                amount, kind, kind.name(), "REF-" + payment, Instant.parse(paidAt));
    }

    private static PaymentReversed reversed(PaymentRecorded p) {
        return new PaymentReversed(p.payment(), p.bill(), p.customer(), p.branch(), p.commune(), p.period(),
                p.amount(), p.kind(), p.provider(), p.externalRef(), p.paidAt(), "trùng", NOW);
    }

    private static FoldedFigures folded(List<?> events, YearMonth from, YearMonth until) {
        FoldedFigures figures = new FoldedFigures(from, until);
        events.forEach(figures::apply);
        return figures;
    }

    @Test
    void eventsNoFigureDependsOnChangeNothing() {
        assertThat(FigureFold.changes(new BranchCreated("BM", "Điện lực Bắc Mê", "PC Hà Giang", "PCHAGIANG"))).isEmpty();
    }

    @Test
    void paymentsOutsideTheKeptMonthsAreNotKept() {
        FoldedFigures june = folded(List.of(paid("a", 100, ChannelKind.BANK, "2021-06-10T03:00:00Z"),
                paid("b", 200, ChannelKind.BANK, "2021-06-30T17:30:00Z")), YearMonth.of(2021, 6),
                YearMonth.of(2021, 7));

        assertThat(june.sums("BM", YearMonth.of(2021, 1), YearMonth.of(2022, 1)))
                .containsExactly(new FigureSource.MonthSum("00991", ChannelKind.BANK, "BANK", 1, 100));
    }

    @Test
    void paymentsAndReversalsAddUpToTheSameFiguresInAnyOrder() {
        List<Object> events = new ArrayList<>();
        events.add(new CommuneAdded("BM", "00991", "Thị trấn Yên Phú", UnitKind.TOWN, null));
        events.add(new CustomerRegistered("PA20BM0000001", "Hà", "BM", "00991", null, Instant.EPOCH));
        events.add(new PlanAssigned("BM", "2021-06", 1, null, null, null, null, List.of(ChannelKind.BANK)));
        List<Object> payments = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            PaymentRecorded p = paid("p" + i, 1_000 + i, i % 3 == 0 ? ChannelKind.COUNTER : ChannelKind.BANK,
                    "2021-06-1" + (i % 10) + "T03:00:00Z");
            payments.add(p);
            if (i % 4 == 0) {
                payments.add(reversed(p));
            }
        }
        ReportingPeriod june = ReportingPeriod.parse("2021-06");
        List<Object> inOrder = new ArrayList<>(events);
        inOrder.addAll(payments);
        BranchCoverage expected = Reports.coverage(folded(inOrder, june.firstMonth(), june.endMonth()), "BM", june,
                NOW);

        Collections.shuffle(payments, new Random(7));
        List<Object> paymentsFirst = new ArrayList<>(payments);
        paymentsFirst.addAll(events);

        assertThat(Reports.coverage(folded(paymentsFirst, june.firstMonth(), june.endMonth()), "BM", june, NOW))
                .isEqualTo(expected);
        assertThat(expected.totals().payments()).isEqualTo(15);
        assertThat(expected.cashlessKinds()).containsExactly(ChannelKind.BANK);
    }

    @Test
    void aLaterPlanRevisionWinsWhateverOrderItIsFoldedIn() {
        PlanAssigned first = new PlanAssigned("BM", "2021", 1, null, null, 1L, null, List.of(ChannelKind.BANK));
        PlanAssigned second = new PlanAssigned("BM", "2021", 2, null, null, 2L, null, List.of(ChannelKind.E_WALLET));

        for (List<PlanAssigned> order : List.of(List.of(first, second), List.of(second, first))) {
            FoldedFigures figures = folded(order, YearMonth.of(2021, 1), YearMonth.of(2022, 1));
            assertThat(figures.plans("BM", Set.of("2021"))).singleElement()
                    .satisfies(plan -> assertThat(plan.revision()).isEqualTo(2));
        }
    }
}
