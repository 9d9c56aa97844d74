package vn.evn.cashless.domain.figures;

import java.math.BigDecimal;

/**
 * How the ledger's numbers are reported (docs/domain.md, "Figures"): ratios are percentages kept exact as
 * {@link Ratio}s; a ratio with a zero denominator is {@code null}; achievements are computed from the exact actuals,
 * and only the reported numbers are rounded, once, half-up to two decimals.
 */
public final class Figures {

    private Figures() {
    }

    /** {@code part / whole} in percent, exact; {@code null} when {@code whole} is zero. */
    public static Ratio percent(long part, long whole) {
        return Ratio.percent(part, whole);
    }

    /** Achievement of a target in percent ({@code actual / target}), exact; {@code null} if either is missing. */
    public static Ratio achievement(Ratio actual, BigDecimal target) {
        return actual == null ? null : actual.achievementOf(target);
    }

    /** The number as reported: half-up to two decimals; {@code null} stays {@code null}. */
    public static BigDecimal reported(Ratio value) {
        return value == null ? null : value.reported();
    }
}
