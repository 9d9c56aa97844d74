package vn.evn.cashless.domain.plan;

import java.math.BigDecimal;
import vn.evn.cashless.domain.shared.InvalidValueException;

/**
 * The targets of a plan: ratios in percent (77.83 means 77.83 %), Zalo registrations as a count. A target left
 * out is not measured.
 */
public record PlanTargets(BigDecimal cashlessAmountRatio, BigDecimal cashlessPaymentRatio, Long zaloRegistrations,
                          BigDecimal communeCoverage) {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    private static final int MAX_DECIMALS = 6;

    public PlanTargets {
        percent("targets.cashlessAmountRatio", cashlessAmountRatio);
        percent("targets.cashlessPaymentRatio", cashlessPaymentRatio);
        percent("targets.communeCoverage", communeCoverage);
        if (cashlessAmountRatio == null && cashlessPaymentRatio == null && zaloRegistrations == null
                && communeCoverage == null) {
            throw new InvalidValueException("targets", "must set at least one of cashlessAmountRatio, "
                    + "cashlessPaymentRatio, zaloRegistrations, communeCoverage");
        }
        if (zaloRegistrations != null && zaloRegistrations <= 0) {
            throw new InvalidValueException("targets.zaloRegistrations", "must be a positive number of customers");
        }
    }

    private static void percent(String field, BigDecimal value) {
        if (value != null && (value.signum() <= 0 || value.compareTo(HUNDRED) > 0)) {
            throw new InvalidValueException(field, "must be a percentage above 0 and at most 100");
        }
        // 80, 80.0 and 80.00 are one target; past a millionth of a percent a target means nothing, and PostgreSQL's
        // numbers hold no more than 16,383 decimal places
        if (value != null && value.stripTrailingZeros().scale() > MAX_DECIMALS) {
            throw new InvalidValueException(field, "must have at most " + MAX_DECIMALS + " decimal places");
        }
    }
}
