package vn.evn.cashless.domain.customer;

import java.util.Locale;
import java.util.regex.Pattern;
import vn.evn.cashless.domain.shared.InvalidValueException;

/**
 * Mã khách hàng: 13 characters, two letters then eleven letters or digits, e.g. {@code PA20BM0001234}
 * (PA + company + branch + serial). Checked loosely on purpose: companies number their customers differently.
 * Held in upper case.
 */
public record CustomerCode(String value) {

    private static final Pattern SHAPE = Pattern.compile("[A-Z]{2}[A-Z0-9]{11}");

    public CustomerCode {
        value = value == null ? null : value.strip().toUpperCase(Locale.ROOT);
        if (value == null || !SHAPE.matcher(value).matches()) {
            throw new InvalidValueException("customer",
                    "must be 13 characters: 2 letters then 11 letters or digits, e.g. PA20BM0001234");
        }
    }

    public static CustomerCode of(String value) {
        return new CustomerCode(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
