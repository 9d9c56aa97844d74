package vn.evn.cashless.api.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import vn.evn.cashless.domain.shared.InvalidValueException;
import vn.evn.cashless.domain.shared.Require;

/**
 * Turns request values into domain values, naming the request field in every rejection. Business times are
 * ISO-8601 instants with an offset; left out, they mean now.
 */
@Component
public class Inputs {

    /** Clocks of channels and branches drift a little; a business time further ahead than this is a mistake. */
    private static final Duration FUTURE_TOLERANCE = Duration.ofMinutes(5);

    /** The ledger's records start this century, like its billing periods. */
    private static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");

    private final Clock clock;

    public Inputs(Clock clock) {
        this.clock = clock;
    }

    /** Builds a domain value, attributing its rejection to {@code field}. */
    public static <T> T value(String field, String raw, Function<String, T> factory) {
        if (raw == null) {
            throw new InvalidValueException(field, "is required");
        }
        try {
            return factory.apply(raw);
        } catch (InvalidValueException e) {
            throw e.forField(field);
        }
    }

    public static <T> T optionalValue(String field, String raw, Function<String, T> factory) {
        return raw == null ? null : value(field, raw, factory);
    }

    public static <E extends Enum<E>> E enumValue(String field, String raw, Class<E> type) {
        if (raw == null) {
            throw new InvalidValueException(field, "is required");
        }
        try {
            return Enum.valueOf(type, raw.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidValueException(field, "must be one of " + Arrays.stream(type.getEnumConstants())
                    .map(Enum::name).collect(Collectors.joining(", ")));
        }
    }

    public static long amount(String field, Long raw) {
        if (raw == null) {
            throw new InvalidValueException(field, "is required");
        }
        return raw;
    }

    public static LocalDate date(String field, String raw) {
        if (raw == null) {
            throw new InvalidValueException(field, "is required");
        }
        LocalDate date;
        try {
            date = LocalDate.parse(raw.strip());
        } catch (DateTimeParseException e) {
            throw new InvalidValueException(field, "must be a date written YYYY-MM-DD, e.g. 2021-06-25");
        }
        return Require.date(field, date);
    }

    /** A business time; {@code null} means now. Kept to the microsecond, as PostgreSQL keeps it. */
    public Instant businessTime(String field, String raw) {
        Instant time = pastInstant(field, raw);
        return time == null ? clock.instant().truncatedTo(ChronoUnit.MICROS) : time;
    }

    /** An instant that has happened (an ISO-8601 instant with an offset), or {@code null} when left out. */
    public Instant pastInstant(String field, String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        Instant time;
        try {
            time = OffsetDateTime.parse(raw.strip()).toInstant().truncatedTo(ChronoUnit.MICROS);
        } catch (DateTimeParseException e) {
            throw new InvalidValueException(field,
                    "must be an ISO-8601 instant with an offset, e.g. 2021-06-30T17:30:00Z or 2021-07-01T00:30:00+07:00");
        }
        if (time.isBefore(EARLIEST)) {
            throw new InvalidValueException(field, "must not be before 2000-01-01");
        }
        if (time.isAfter(clock.instant().plus(FUTURE_TOLERANCE))) {
            throw new InvalidValueException(field, "must not be more than "
                    + FUTURE_TOLERANCE.toMinutes() + " minutes in the future");
        }
        return time;
    }
}
