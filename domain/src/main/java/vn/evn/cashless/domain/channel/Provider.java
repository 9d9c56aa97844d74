package vn.evn.cashless.domain.channel;

import java.text.Normalizer;
import java.util.Locale;
import vn.evn.cashless.domain.shared.InvalidValueException;
import vn.evn.cashless.domain.shared.Require;

/** A bank, e-wallet or collection partner, by the name the branch knows it by (Agribank, MoMo, Viettel). */
public record Provider(String value) {

    public Provider {
        value = Require.text("provider", value, 64);
        if (value.contains("/")) {
            throw new InvalidValueException("provider", "must not contain '/'");
        }
    }

    /**
     * What makes two names one provider: channels spell their own names inconsistently (MoMo, MOMO, momo), so
     * names compare in Unicode NFC without regard to case.
     */
    public String key() {
        return Normalizer.normalize(value, Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
    }

    public static Provider of(String value) {
        return new Provider(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
