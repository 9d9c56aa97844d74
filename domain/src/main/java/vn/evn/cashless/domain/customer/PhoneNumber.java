package vn.evn.cashless.domain.customer;

import java.util.regex.Pattern;
import vn.evn.cashless.domain.shared.InvalidValueException;

/** A phone number the monthly SMS goes to: 9 to 12 digits, optionally with a leading {@code +}. */
public record PhoneNumber(String value) {

    private static final Pattern SHAPE = Pattern.compile("\\+?[0-9]{9,12}");

    public PhoneNumber {
        value = value == null ? null : value.replace(" ", "").replace(".", "");
        if (value == null || !SHAPE.matcher(value).matches()) {
            throw new InvalidValueException("phone", "must be 9 to 12 digits, optionally starting with +, e.g. 0912345678");
        }
    }

    public static PhoneNumber of(String value) {
        return new PhoneNumber(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
