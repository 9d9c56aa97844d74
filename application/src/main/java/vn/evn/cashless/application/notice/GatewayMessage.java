package vn.evn.cashless.application.notice;

import vn.evn.cashless.domain.channel.NotificationChannel;

/**
 * One message asked of a gateway. {@code idempotencyKey} is the same each time this notice is sent on this channel
 * (after a crash, or on another node), so a gateway that honours it sends it once.
 *
 * @param to    where it goes on that channel: the phone number for Zalo and SMS, the customer code for the app
 * @param phone the customer's phone number, if any (the simulator decides by it on every channel)
 */
public record GatewayMessage(String idempotencyKey, String notice, NotificationChannel channel, String to,
                             String customer, String phone, String text) {
}
