package vn.evn.cashless.domain.channel;

import vn.evn.cashless.domain.shared.Require;

/** A bank, e-wallet or collection partner, by the name the branch knows it by (Agribank, MoMo, Viettel). */
public record Provider(String value) {

    public Provider {
        value = Require.text("provider", value, 64);
        if (value.contains("/")) {
            throw new vn.evn.cashless.domain.shared.InvalidValueException("provider", "must not contain '/'");
        }
    }

    public static Provider of(String value) {
        return new Provider(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
