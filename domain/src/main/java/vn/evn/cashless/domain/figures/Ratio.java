package vn.evn.cashless.domain.figures;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * A percentage kept exact, as a fraction, until it is reported: rounding happens once, from the exact value straight
 * to two decimals half-up, never to an intermediate precision first.
 *
 * @param numerator   of the percentage (already multiplied by 100)
 * @param denominator never zero
 */
public record Ratio(BigDecimal numerator, BigDecimal denominator) {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    public Ratio {
        if (denominator.signum() == 0) {
            throw new IllegalArgumentException("a ratio over zero has no value");
        }
    }

    /** {@code part / whole} in percent; {@code null} when {@code whole} is zero. */
    public static Ratio percent(long part, long whole) {
        return whole == 0 ? null : new Ratio(BigDecimal.valueOf(part).multiply(HUNDRED), BigDecimal.valueOf(whole));
    }

    /** A whole number (a count) as a ratio over one. */
    public static Ratio of(long value) {
        return new Ratio(BigDecimal.valueOf(value), BigDecimal.ONE);
    }

    /** This value over {@code target}, in percent, still exact; {@code null} without a target. */
    public Ratio achievementOf(BigDecimal target) {
        if (target == null || target.signum() == 0) {
            return null;
        }
        return new Ratio(numerator.multiply(HUNDRED), denominator.multiply(target));
    }

    /** The value as reported: half-up to two decimals, from the exact fraction. */
    public BigDecimal reported() {
        return numerator.divide(denominator, 2, RoundingMode.HALF_UP);
    }
}
