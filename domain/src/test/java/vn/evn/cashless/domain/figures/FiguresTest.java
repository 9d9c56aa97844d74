package vn.evn.cashless.domain.figures;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class FiguresTest {

    private static BigDecimal dec(String value) {
        return new BigDecimal(value);
    }

    @Test
    void percentWithZeroDenominatorIsNull() {
        assertThat(Figures.percent(0, 0)).isNull();
        assertThat(Figures.percent(5, 0)).isNull();
    }

    @Test
    void percentIsPartOfWholeTimesHundred() {
        assertThat(Figures.percent(1, 4)).isEqualByComparingTo("25");
        assertThat(Figures.percent(0, 7)).isEqualByComparingTo("0");
        assertThat(Figures.percent(7, 7)).isEqualByComparingTo("100");
    }

    @Test
    void percentIsNotRounded() {
        assertThat(Figures.percent(1, 3)).isEqualByComparingTo("33.33333333333333");
    }

    @Test
    void reportedRoundsHalfUpToTwoDecimals() {
        assertThat(Figures.reported(dec("82.265"))).isEqualTo(dec("82.27"));
        assertThat(Figures.reported(dec("0.125"))).isEqualTo(dec("0.13"));
        assertThat(Figures.reported(dec("82.2649"))).isEqualTo(dec("82.26"));
        assertThat(Figures.reported(dec("-0.125"))).isEqualTo(dec("-0.13"));
        assertThat(Figures.reported(dec("100"))).isEqualTo(dec("100.00"));
    }

    @Test
    void reportedOfNothingIsNothing() {
        assertThat(Figures.reported(null)).isNull();
    }

    @Test
    void achievementIsActualOverTargetInPercent() {
        assertThat(Figures.achievement(dec("50"), dec("40"))).isEqualByComparingTo("125");
    }

    @Test
    void achievementWithoutActualOrTargetIsNull() {
        assertThat(Figures.achievement(null, dec("77.83"))).isNull();
        assertThat(Figures.achievement(dec("82.27"), null)).isNull();
        assertThat(Figures.achievement(dec("82.27"), BigDecimal.ZERO)).isNull();
    }

    @Test
    void bacMeAmountRatioIs82Point27AndAchieves105Point70OfPlan() {
        BigDecimal actual = Figures.percent(29_098_000_000L, 35_368_906_041L);
        assertThat(Figures.reported(actual)).isEqualTo(dec("82.27"));
        assertThat(Figures.reported(Figures.achievement(actual, dec("77.83")))).isEqualTo(dec("105.70"));
    }

    @Test
    void bacMePaymentRatioIs22Point79AndAchievesAbout96Point4OfPlan() {
        BigDecimal actual = Figures.percent(12_304, 53_998);
        assertThat(Figures.reported(actual)).isEqualTo(dec("22.79"));
        assertThat(Figures.reported(Figures.achievement(actual, dec("23.64"))))
                .isBetween(dec("96.30"), dec("96.49"))
                .isEqualTo(dec("96.39"));
    }

    @Test
    void achievementIsComputedFromTheUnroundedActual() {
        BigDecimal oneThird = Figures.percent(1, 3);
        // From the rounded 33.33 it would be exactly 100.00.
        assertThat(Figures.reported(Figures.achievement(oneThird, dec("33.33")))).isEqualTo(dec("100.01"));
    }

    @Test
    void indicatorReportsRoundedActualAndAchievementFromUnroundedActual() {
        Indicator indicator = Indicator.of(Indicator.CASHLESS_PAYMENT_RATIO, dec("33.33"), Figures.percent(1, 3));
        assertThat(indicator).isEqualTo(
                new Indicator(Indicator.CASHLESS_PAYMENT_RATIO, dec("33.33"), dec("33.33"), dec("100.01")));
    }

    @Test
    void indicatorWithoutTargetOrActualHasNoAchievement() {
        Indicator noTarget = Indicator.of(Indicator.CASHLESS_AMOUNT_RATIO, null, Figures.percent(29_098, 35_369));
        assertThat(noTarget.actual()).isEqualTo(dec("82.27"));
        assertThat(noTarget.achievement()).isNull();

        Indicator noPayments = Indicator.of(Indicator.CASHLESS_AMOUNT_RATIO, dec("77.83"), Figures.percent(0, 0));
        assertThat(noPayments.actual()).isNull();
        assertThat(noPayments.achievement()).isNull();
        assertThat(noPayments.target()).isEqualTo(dec("77.83"));
    }

    @Test
    void countIndicatorReportsWholeNumberAndAchievement() {
        Indicator zalo = Indicator.ofCount(Indicator.ZALO_REGISTRATIONS, dec("3000"), 2_850);
        assertThat(zalo.actual()).isEqualByComparingTo("2850");
        assertThat(zalo.achievement()).isEqualTo(dec("95.00"));
    }
}
