package vn.evn.cashless.domain.organisation;

import java.util.regex.Pattern;
import vn.evn.cashless.domain.shared.InvalidValueException;

/** GSO code of a commune or town (xã / thị trấn): five digits, e.g. {@code 00991}. */
public record CommuneCode(String value) {

    private static final Pattern SHAPE = Pattern.compile("[0-9]{5}");

    public CommuneCode {
        if (value == null || !SHAPE.matcher(value).matches()) {
            throw new InvalidValueException("commune", "must be a 5-digit GSO code, e.g. 00991");
        }
    }

    public static CommuneCode of(String value) {
        return new CommuneCode(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
