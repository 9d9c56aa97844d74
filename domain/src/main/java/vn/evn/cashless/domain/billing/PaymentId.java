package vn.evn.cashless.domain.billing;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import vn.evn.cashless.domain.channel.Provider;
import vn.evn.cashless.domain.shared.InvalidValueException;

/**
 * A payment's identity follows from the notification that reported it: the same {@code (provider, externalRef)}
 * always gives the same id, so a resent notification finds the payment it already made. Provider names compare
 * without regard to case.
 */
public record PaymentId(UUID value) {

    public static PaymentId of(Provider provider, ExternalRef externalRef) {
        // one provider however it is spelled (Provider.key); the reference itself is taken as given
        byte[] key = (provider.key() + '\u0000' + externalRef.value()).getBytes(StandardCharsets.UTF_8);
        return new PaymentId(UUID.nameUUIDFromBytes(key));
    }

    public static PaymentId parse(String value) {
        try {
            return new PaymentId(UUID.fromString(value));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new InvalidValueException("id", "must be a payment id (a UUID)");
        }
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
