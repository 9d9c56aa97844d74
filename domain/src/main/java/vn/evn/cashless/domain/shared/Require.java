package vn.evn.cashless.domain.shared;

import java.time.Instant;
import java.time.LocalDate;

/** Small guards shared by value types and aggregates. */
public final class Require {

    /**
     * The dates a command may carry (a bill's due date, the day a commune counts from): years 1900 to 2100. Wider
     * would be no use to anyone, and a date PostgreSQL cannot hold, once in an event, would stop every read model
     * that stores it at that event for good.
     */
    public static final LocalDate EARLIEST_DATE = LocalDate.of(1900, 1, 1);
    public static final LocalDate LATEST_DATE = LocalDate.of(2100, 12, 31);

    private Require() {
    }

    public static String text(String field, String value, int maxLength) {
        if (value == null || value.isBlank()) {
            throw new InvalidValueException(field, "must not be blank");
        }
        String trimmed = value.strip();
        if (trimmed.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidValueException(field, "must not contain control characters");
        }
        if (!wellFormed(trimmed)) {
            throw new InvalidValueException(field, "must be Unicode text (it holds half of a surrogate pair)");
        }
        if (trimmed.length() > maxLength) {
            throw new InvalidValueException(field, "must be at most " + maxLength + " characters");
        }
        return trimmed;
    }

    /** Whether every surrogate is one of a pair: a lone one is no character, and no JSON store takes it. */
    private static boolean wellFormed(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    public static <T> T present(String field, T value) {
        if (value == null) {
            throw new InvalidValueException(field, "is required");
        }
        return value;
    }

    /** A date between {@link #EARLIEST_DATE} and {@link #LATEST_DATE}, or {@code null} where none is given. */
    public static LocalDate date(String field, LocalDate value) {
        if (value != null && (value.isBefore(EARLIEST_DATE) || value.isAfter(LATEST_DATE))) {
            throw new InvalidValueException(field, "must be a date between " + EARLIEST_DATE + " and "
                    + LATEST_DATE);
        }
        return value;
    }

    /** A business time may not come before the fact it follows (a reversal before the payment, say). */
    public static void notBefore(String field, Instant time, Instant fact, String factName) {
        if (time.isBefore(fact)) {
            throw new DomainException(ErrorCode.TIME_BEFORE_FACT, field,
                    "must not be before " + factName + " (" + Zones.local(fact) + ")");
        }
    }
}
