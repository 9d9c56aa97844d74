package vn.evn.cashless.domain.billing;

import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;
import vn.evn.cashless.domain.shared.InvalidValueException;

/** Kỳ hóa đơn: the month a bill is for, written {@code 2021-06}. */
public record BillingPeriod(YearMonth month) {

    private static final Pattern SHAPE = Pattern.compile("[0-9]{4}-[0-9]{2}");

    public BillingPeriod {
        if (month == null || month.getYear() < 2000 || month.getYear() > 2100) {
            throw new InvalidValueException("period", "must be a month between 2000-01 and 2100-12, e.g. 2021-06");
        }
    }

    public static BillingPeriod of(String value) {
        if (value == null || !SHAPE.matcher(value).matches()) {
            throw new InvalidValueException("period", "must be a month written YYYY-MM, e.g. 2021-06");
        }
        try {
            return new BillingPeriod(YearMonth.parse(value));
        } catch (DateTimeParseException e) {
            throw new InvalidValueException("period", "must be a month written YYYY-MM, e.g. 2021-06");
        }
    }

    @Override
    public String toString() {
        return month.toString();
    }
}
