package vn.evn.cashless.domain.shared;

import java.time.Instant;

/** Small guards shared by value types and aggregates. */
public final class Require {

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
        if (trimmed.length() > maxLength) {
            throw new InvalidValueException(field, "must be at most " + maxLength + " characters");
        }
        return trimmed;
    }

    public static <T> T present(String field, T value) {
        if (value == null) {
            throw new InvalidValueException(field, "is required");
        }
        return value;
    }

    /** A business time may not come before the fact it follows (a reversal before the payment, say). */
    public static void notBefore(String field, Instant time, Instant fact, String factName) {
        if (time.isBefore(fact)) {
            throw new DomainException(ErrorCode.TIME_BEFORE_FACT, field,
                    "must not be before " + factName + " (" + fact + ")");
        }
    }
}
