package vn.evn.cashless.projections.customer;

import java.time.Instant;
import java.util.List;

/** {@code phoneStatus}: OK, or UNREACHABLE since {@code phoneUnreachableSince}. */
public record CustomerView(String code, String name, String branch, String commune, String communeName, String phone,
                           Instant registeredAt, List<PaymentChannel> paymentChannels,
                           List<NotificationChannel> notificationChannels, String phoneStatus,
                           Instant phoneUnreachableSince) {

    public record PaymentChannel(String kind, String provider, Instant registeredAt) {
    }

    public record NotificationChannel(String channel, Instant registeredAt) {
    }
}
