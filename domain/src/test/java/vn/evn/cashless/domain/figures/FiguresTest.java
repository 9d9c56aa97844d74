package vn.evn.cashless.domain.figures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
    void percentIsPartOverWholeTimesHundred() {
        assertThat(Figures.reported(Figures.percent(1, 4))).isEqualTo(dec("25.00"));
        assertThat(Figures.reported(Figures.percent(0, 7))).isEqualTo(dec("0.00"));
        assertThat(Figures.reported(Figures.percent(7, 7))).isEqualTo(dec("100.00"));
    }

    @Test
    void percentStaysExactUntilReported() {
        assertThat(Figures.percent(1, 3)).isEqualTo(new Ratio(dec("100"), dec("3")));
    }

    @Test
    void reportedRoundsHalfUpToTwoDecimals() {
        assertThat(new Ratio(dec("82.265"), BigDecimal.ONE).reported()).isEqualTo(dec("82.27"));
        assertThat(new Ratio(dec("0.125"), BigDecimal.ONE).reported()).isEqualTo(dec("0.13"));
        assertThat(new Ratio(dec("82.2649"), BigDecimal.ONE).reported()).isEqualTo(dec("82.26"));
        assertThat(new Ratio(dec("-0.125"), BigDecimal.ONE).reported()).isEqualTo(dec("-0.13"));
        assertThat(new Ratio(dec("100"), BigDecimal.ONE).reported()).isEqualTo(dec("100.00"));
    }

    @Test
    void exactHalfIsRoundedUpOnceNotTwice() {
        // 1/8 % = 0.125 exactly: one rounding gives 0.13; a rounding to three decimals first could only agree
        assertThat(Figures.reported(Figures.percent(1, 800))).isEqualTo(dec("0.13"));
        // 2/3 of a hundredth: 0.00666… rounds to 0.01, never to 0.00 through an intermediate truncation
        assertThat(Figures.reported(Figures.percent(2, 30_000))).isEqualTo(dec("0.01"));
        // just below a half: 0.124999… must not become 0.13 by rounding to few digits first
        assertThat(Figures.reported(Figures.percent(124_999_999_999L, 100_000_000_000_000L))).isEqualTo(dec("0.12"));
    }

    @Test
    void nullReportsAsNull() {
        assertThat(Figures.reported(null)).isNull();
    }

    @Test
    void achievementIsActualOverTarget() {
        assertThat(Figures.reported(Figures.achievement(Ratio.of(50), dec("40")))).isEqualTo(dec("125.00"));
    }

    @Test
    void achievementWithoutActualOrTargetIsNull() {
        assertThat(Figures.achievement(null, dec("77.83"))).isNull();
        assertThat(Figures.achievement(Ratio.of(82), null)).isNull();
        assertThat(Figures.achievement(Ratio.of(82), BigDecimal.ZERO)).isNull();
    }

    @Test
    void bacMeAmountRatioAndAchievement() {
        Ratio actual = Figures.percent(29_098_000_000L, 35_368_906_041L);
        assertThat(Figures.reported(actual)).isEqualTo(dec("82.27"));
        assertThat(Figures.reported(Figures.achievement(actual, dec("77.83")))).isEqualTo(dec("105.70"));
    }

    @Test
    void bacMePaymentRatioAndAchievement() {
        Ratio actual = Figures.percent(12_304, 53_998);
        assertThat(Figures.reported(actual)).isEqualTo(dec("22.79"));
        assertThat(Figures.reported(Figures.achievement(actual, dec("23.64")))).isEqualTo(dec("96.39"));
    }

    @Test
    void achievementComesFromTheExactActualNotTheRoundedOne() {
        Ratio oneThird = Figures.percent(1, 3);
        assertThat(Figures.reported(Figures.achievement(oneThird,
                dec("33.33")))).isEqualTo(dec("100.01"));
        // from the rounded actual (33.33) it would be exactly 100.00
        assertThat(Figures.reported(Figures.achievement(new Ratio(dec("33.33"), BigDecimal.ONE), dec("33.33"))))
                .isEqualTo(dec("100.00"));
    }

    @Test
    void aRatioOverZeroCannotBeMade() {
        assertThatThrownBy(() -> new Ratio(BigDecimal.ONE, BigDecimal.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void indicatorRoundsActualAndAchievement() {
        Indicator indicator = Indicator.of(Indicator.CASHLESS_PAYMENT_RATIO, dec("33.33"), Figures.percent(1, 3));
        assertThat(indicator.actual()).isEqualTo(dec("33.33"));
        assertThat(indicator.achievement()).isEqualTo(dec("100.01"));
    }

    @Test
    void indicatorWithoutTargetOrPaymentsHasNoAchievement() {
        Indicator noTarget = Indicator.of(Indicator.CASHLESS_AMOUNT_RATIO, null, Figures.percent(29_098, 35_369));
        assertThat(noTarget.actual()).isEqualTo(dec("82.27"));
        assertThat(noTarget.achievement()).isNull();

        Indicator noPayments = Indicator.of(Indicator.CASHLESS_AMOUNT_RATIO, dec("77.83"), Figures.percent(0, 0));
        assertThat(noPayments.actual()).isNull();
        assertThat(noPayments.achievement()).isNull();
    }

    @Test
    void countIndicatorIsAWholeNumber() {
        Indicator zalo = Indicator.ofCount(Indicator.ZALO_REGISTRATIONS, dec("3000"), 2_412);
        assertThat(zalo.actual()).isEqualTo(dec("2412"));
        assertThat(zalo.achievement()).isEqualTo(dec("80.40"));
    }
}
