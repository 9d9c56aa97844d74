package vn.evn.cashless.api.support;

import java.util.LinkedHashMap;
import java.util.Map;

/** The body of {@code POST /api/payments}, as a channel sends it. */
public final class PaymentNotification {

    private PaymentNotification() {
    }

    /** {@code paidAt} may be {@code null}: the notification then states no time. */
    public static Map<String, Object> body(String customer, String period, long amount, String kind, String provider,
                                           String externalRef, String paidAt) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("customer", customer);
        body.put("period", period);
        body.put("amount", amount);
        body.put("kind", kind);
        body.put("provider", provider);
        body.put("externalRef", externalRef);
        if (paidAt != null) {
            body.put("paidAt", paidAt);
        }
        return body;
    }
}
