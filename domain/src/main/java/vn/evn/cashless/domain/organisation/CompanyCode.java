package vn.evn.cashless.domain.organisation;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;
import vn.evn.cashless.domain.shared.InvalidValueException;

/**
 * Code of a power company (Công ty Điện lực), the parent of branches, e.g. {@code PCHAGIANG} for PC Hà Giang:
 * 2 to 20 upper-case letters or digits. Left out when a branch is created, it is derived from the company's name
 * ({@link #derivedFrom}); events from before company codes existed get it the same way (see the upcaster).
 */
public record CompanyCode(String value) {

    public static final int MAX_LENGTH = 20;

    private static final Pattern SHAPE = Pattern.compile("[A-Z0-9]{2," + MAX_LENGTH + "}");
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern NOT_ALPHANUMERIC = Pattern.compile("[^A-Z0-9]+");

    public CompanyCode {
        if (value == null || !SHAPE.matcher(value).matches()) {
            throw new InvalidValueException("companyCode",
                    "must be 2 to " + MAX_LENGTH + " upper-case letters or digits, e.g. PCHAGIANG");
        }
    }

    public static CompanyCode of(String value) {
        return new CompanyCode(value);
    }

    /**
     * The code a company's name gives: its letters and digits without diacritics (Đ as D), upper case, the first
     * {@value #MAX_LENGTH} of them; "PC Hà Giang" gives {@code PCHAGIANG}. {@code null} when the name has fewer than
     * two letters or digits.
     */
    public static CompanyCode derivedFrom(String companyName) {
        if (companyName == null) {
            return null;
        }
        String folded = MARKS.matcher(Normalizer.normalize(companyName, Normalizer.Form.NFD)).replaceAll("")
                .replace('Đ', 'D').replace('đ', 'd').toUpperCase(Locale.ROOT);
        String letters = NOT_ALPHANUMERIC.matcher(folded).replaceAll("");
        if (letters.length() > MAX_LENGTH) {
            letters = letters.substring(0, MAX_LENGTH);
        }
        return letters.length() < 2 ? null : new CompanyCode(letters);
    }

    @Override
    public String toString() {
        return value;
    }
}
