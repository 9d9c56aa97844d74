package vn.evn.cashless.projections.notice;

import java.time.Instant;

/**
 * One notice on one channel: {@code channel} is null for a notice that had no channel to try; {@code status} is
 * QUEUED (about to be tried, or waiting to be tried again), SENT (a receipt is awaited), DELIVERED or FAILED.
 */
public record NoticeView(String notice, String bill, String kind, String channel, String status, int attempts,
                         String reason, Instant queuedAt, Instant sentAt, Instant deliveredAt, Instant failedAt) {
}
