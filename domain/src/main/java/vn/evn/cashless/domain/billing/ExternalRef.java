package vn.evn.cashless.domain.billing;

import vn.evn.cashless.domain.shared.Require;

/** The reference a channel gives its payment notification (MoMo's transaction id, a bank's trace number). */
public record ExternalRef(String value) {

    public ExternalRef {
        value = Require.text("externalRef", value, 128);
    }

    public static ExternalRef of(String value) {
        return new ExternalRef(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
