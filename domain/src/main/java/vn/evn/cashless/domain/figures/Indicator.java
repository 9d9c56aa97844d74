package vn.evn.cashless.domain.figures;

import java.math.BigDecimal;

/**
 * One measure of a plan as reported: its target, the actual figure and the achievement ({@code actual / target} in
 * percent), the achievement computed from the exact actual, each rounded once, half-up to two decimals.
 */
public record Indicator(String name, BigDecimal target, BigDecimal actual, BigDecimal achievement) {

    public static final String CASHLESS_AMOUNT_RATIO = "cashlessAmountRatio";
    public static final String CASHLESS_PAYMENT_RATIO = "cashlessPaymentRatio";
    public static final String ZALO_REGISTRATIONS = "zaloRegistrations";
    public static final String COMMUNE_COVERAGE = "communeCoverage";

    /** Builds an indicator from an exact actual; {@code null} target or actual gives a {@code null} achievement. */
    public static Indicator of(String name, BigDecimal target, Ratio actual) {
        return new Indicator(name, target, Figures.reported(actual), Figures.reported(Figures.achievement(actual,
                target)));
    }

    /** An indicator whose actual is a count, reported as a whole number. */
    public static Indicator ofCount(String name, BigDecimal target, long actual) {
        return new Indicator(name, target, BigDecimal.valueOf(actual),
                Figures.reported(Figures.achievement(Ratio.of(actual), target)));
    }
}
