package vn.evn.cashless.domain.plan;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import vn.evn.cashless.domain.shared.InvalidValueException;
import vn.evn.cashless.domain.shared.Zones;

/**
 * A period figures and plans are reckoned over: a year ({@code 2021}), a half ({@code 2021-H1}), a quarter
 * ({@code 2021-Q3}) or a month ({@code 2021-06}). Its bounds are local midnights in Asia/Ho_Chi_Minh, so
 * 2021-07-01T00:30+07:00 falls in July although it is still 30 June in UTC.
 */
public record ReportingPeriod(Granularity granularity, int year, int index) {

    /** How long a period is; ordered from the shortest. */
    public enum Granularity {
        MONTH(1), QUARTER(3), HALF(6), YEAR(12);

        final int months;

        Granularity(int months) {
            this.months = months;
        }
    }

    private static final Pattern SHAPE = Pattern.compile("([0-9]{4})(?:-(H[12]|Q[1-4]|[0-9]{2}))?");
    private static final String EXPECTED = "must be a year (2021), half (2021-H1), quarter (2021-Q1) or month (2021-06)";

    public ReportingPeriod {
        if (granularity == null || year < 2000 || year > 2100 || index < 1 || index > 12 / granularity.months) {
            throw new InvalidValueException("period", EXPECTED);
        }
    }

    public static ReportingPeriod parse(String value) {
        Matcher m = value == null ? null : SHAPE.matcher(value.strip());
        if (m == null || !m.matches()) {
            throw new InvalidValueException("period", EXPECTED);
        }
        int year = Integer.parseInt(m.group(1));
        String part = m.group(2);
        if (part == null) {
            return new ReportingPeriod(Granularity.YEAR, year, 1);
        }
        return switch (part.charAt(0)) {
            case 'H' -> new ReportingPeriod(Granularity.HALF, year, part.charAt(1) - '0');
            case 'Q' -> new ReportingPeriod(Granularity.QUARTER, year, part.charAt(1) - '0');
            default -> new ReportingPeriod(Granularity.MONTH, year, Integer.parseInt(part));
        };
    }

    public static ReportingPeriod month(YearMonth month) {
        return new ReportingPeriod(Granularity.MONTH, month.getYear(), month.getMonthValue());
    }

    public YearMonth firstMonth() {
        return YearMonth.of(year, (index - 1) * granularity.months + 1);
    }

    /** The month after the last month of the period. */
    public YearMonth endMonth() {
        return firstMonth().plusMonths(granularity.months);
    }

    public LocalDate firstDay() {
        return firstMonth().atDay(1);
    }

    public Instant start() {
        return firstDay().atStartOfDay(Zones.VIETNAM).toInstant();
    }

    /** The first instant after the period. */
    public Instant end() {
        return endMonth().atDay(1).atStartOfDay(Zones.VIETNAM).toInstant();
    }

    public boolean contains(Instant instant) {
        return !instant.isBefore(start()) && instant.isBefore(end());
    }

    /** The longer periods that contain this one, the smallest first: a month's quarter, half and year. */
    public List<ReportingPeriod> enclosing() {
        List<ReportingPeriod> result = new ArrayList<>();
        for (Granularity larger : Granularity.values()) {
            if (larger.months > granularity.months) {
                int larger_index = (firstMonth().getMonthValue() - 1) / larger.months + 1;
                result.add(new ReportingPeriod(larger, year, larger_index));
            }
        }
        return result;
    }

    @Override
    public String toString() {
        return switch (granularity) {
            case YEAR -> Integer.toString(year);
            case HALF -> year + "-H" + index;
            case QUARTER -> year + "-Q" + index;
            case MONTH -> firstMonth().toString();
        };
    }
}
