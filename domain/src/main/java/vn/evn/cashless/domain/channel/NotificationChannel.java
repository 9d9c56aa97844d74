package vn.evn.cashless.domain.channel;

/** How a customer is told the amount due each month (Zalo OA, SMS, app CSKH, e-mail). */
public enum NotificationChannel {
    ZALO,
    SMS,
    APP,
    EMAIL
}
