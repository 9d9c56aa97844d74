package vn.evn.cashless.domain.figures;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * The one place the ledger's figures are computed (DOMAIN.md, "The figures, exactly"). Ratios are percentages;
 * a ratio with a zero denominator is {@code null}; achievements are computed from unrounded actuals and only the
 * reported numbers are rounded, half-up to two decimals.
 */
public final class Figures {

    private static final MathContext PRECISION = MathContext.DECIMAL64;
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private Figures() {
    }

    /** {@code part / whole} in percent, unrounded; {@code null} when {@code whole} is zero. */
    public static BigDecimal percent(long part, long whole) {
        if (whole == 0) {
            return null;
        }
        return BigDecimal.valueOf(part).multiply(HUNDRED).divide(BigDecimal.valueOf(whole), PRECISION);
    }

    /** Achievement of a target in percent ({@code actual / target}), unrounded; {@code null} if either is missing. */
    public static BigDecimal achievement(BigDecimal actual, BigDecimal target) {
        if (actual == null || target == null || target.signum() == 0) {
            return null;
        }
        return actual.multiply(HUNDRED).divide(target, PRECISION);
    }

    /** The number as reported: half-up to two decimals. */
    public static BigDecimal reported(BigDecimal value) {
        return value == null ? null : value.setScale(2, RoundingMode.HALF_UP);
    }
}
