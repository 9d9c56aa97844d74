package vn.evn.cashless.domain.organisation;

import java.util.regex.Pattern;
import vn.evn.cashless.domain.shared.InvalidValueException;

/** Code of a district power branch (Điện lực huyện), e.g. {@code BM} for Điện lực Bắc Mê. */
public record BranchCode(String value) {

    private static final Pattern SHAPE = Pattern.compile("[A-Z0-9]{1,10}");

    public BranchCode {
        if (value == null || !SHAPE.matcher(value).matches()) {
            throw new InvalidValueException("branch", "must be 1 to 10 upper-case letters or digits, e.g. BM");
        }
    }

    public static BranchCode of(String value) {
        return new BranchCode(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
