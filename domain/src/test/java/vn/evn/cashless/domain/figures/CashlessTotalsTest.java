package vn.evn.cashless.domain.figures;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import vn.evn.cashless.domain.channel.ChannelKind;

class CashlessTotalsTest {

    /** Bắc Mê, first half of 2021: the article's channel figures, cash making up the rest. */
    private static final List<ChannelSums> BAC_ME_2021_H1 = List.of(
            new ChannelSums(ChannelKind.BANK, 5_082, 26_000_000_000L),
            new ChannelSums(ChannelKind.E_WALLET, 7_222, 3_098_000_000L),
            new ChannelSums(ChannelKind.INTERMEDIARY, 6_895, 2_900_000_000L),
            new ChannelSums(ChannelKind.COUNTER, 20_000, 2_000_000_000L),
            new ChannelSums(ChannelKind.COLLECTOR, 14_799, 1_370_906_041L));

    private static final Set<ChannelKind> BANK_AND_E_WALLET = EnumSet.of(ChannelKind.BANK, ChannelKind.E_WALLET);
    private static final Set<ChannelKind> WITH_INTERMEDIARY =
            EnumSet.of(ChannelKind.BANK, ChannelKind.E_WALLET, ChannelKind.INTERMEDIARY);

    @Test
    void countsOnlyTheGivenKindsAsCashless() {
        CashlessTotals totals = CashlessTotals.of(BAC_ME_2021_H1, BANK_AND_E_WALLET, 4_100);
        assertThat(totals).isEqualTo(new CashlessTotals(53_998, 12_304, 35_368_906_041L, 29_098_000_000L, 4_100));
    }

    @Test
    void countsIntermediaryAsCashlessWhenThePlanSaysSo() {
        CashlessTotals totals = CashlessTotals.of(BAC_ME_2021_H1, WITH_INTERMEDIARY, 4_100);
        assertThat(totals).isEqualTo(new CashlessTotals(53_998, 19_199, 35_368_906_041L, 31_998_000_000L, 4_100));
    }

    @Test
    void bacMeRatiosWithoutIntermediaryMatchTheArticle() {
        CashlessTotals totals = CashlessTotals.of(BAC_ME_2021_H1, BANK_AND_E_WALLET, 4_100);
        assertThat(Figures.reported(totals.cashlessAmountRatio())).isEqualTo(new BigDecimal("82.27"));
        assertThat(Figures.reported(totals.cashlessPaymentRatio())).isEqualTo(new BigDecimal("22.79"));
    }

    @Test
    void ratiosAreExactFractions() {
        CashlessTotals totals = CashlessTotals.of(BAC_ME_2021_H1, BANK_AND_E_WALLET, 0);
        assertThat(totals.cashlessPaymentRatio()).isEqualTo(
                new Ratio(BigDecimal.valueOf(1_230_400), BigDecimal.valueOf(53_998)));
    }

    @Test
    void noPaymentsGiveNoRatios() {
        assertThat(CashlessTotals.NONE.cashlessAmountRatio()).isNull();
        assertThat(CashlessTotals.NONE.cashlessPaymentRatio()).isNull();
        assertThat(CashlessTotals.of(List.of(), BANK_AND_E_WALLET, 0)).isEqualTo(CashlessTotals.NONE);
    }

    @Test
    void cashOnlyPaymentsGiveZeroRatiosAndNoCoverage() {
        CashlessTotals cashOnly = CashlessTotals.of(
                List.of(new ChannelSums(ChannelKind.COUNTER, 3, 900_000)), BANK_AND_E_WALLET, 0);
        assertThat(cashOnly.cashlessAmountRatio().reported()).isEqualByComparingTo("0");
        assertThat(cashOnly.cashlessPaymentRatio().reported()).isEqualByComparingTo("0");
        assertThat(cashOnly.covered()).isFalse();
    }

    @Test
    void oneCashlessPaymentCoversTheCommune() {
        CashlessTotals totals = CashlessTotals.of(List.of(new ChannelSums(ChannelKind.COUNTER, 3, 900_000),
                new ChannelSums(ChannelKind.E_WALLET, 1, 250_000)), BANK_AND_E_WALLET, 1);
        assertThat(totals.covered()).isTrue();
    }

    @Test
    void paymentsThroughAKindTheSetLeavesOutDoNotCover() {
        CashlessTotals viettelOnly = CashlessTotals.of(
                List.of(new ChannelSums(ChannelKind.INTERMEDIARY, 2, 400_000)), BANK_AND_E_WALLET, 0);
        assertThat(viettelOnly.covered()).isFalse();
        assertThat(CashlessTotals.of(List.of(new ChannelSums(ChannelKind.INTERMEDIARY, 2, 400_000)),
                WITH_INTERMEDIARY, 1).covered()).isTrue();
    }

    @Test
    void plusAddsEveryCountAndSum() {
        CashlessTotals a = new CashlessTotals(10, 4, 1_000_000, 300_000, 3);
        CashlessTotals b = new CashlessTotals(5, 2, 500_000, 200_000, 2);
        assertThat(a.plus(b)).isEqualTo(new CashlessTotals(15, 6, 1_500_000, 500_000, 5));
        assertThat(a.plus(CashlessTotals.NONE)).isEqualTo(a);
    }
}
