package vn.evn.cashless.application.notice;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import vn.evn.cashless.domain.channel.NotificationChannel;

/**
 * Holds each channel to its rate for all nodes together: a node takes its share (the rate divided by the nodes
 * sending), and spaces its messages evenly. Gateways bill and block by rate; bursts beyond it are what they refuse.
 */
class ChannelThrottle {

    private final Map<NotificationChannel, Double> ratePerSecond;
    private final IntSupplier nodes;
    private final Map<NotificationChannel, Long> nextFree = new EnumMap<>(NotificationChannel.class);

    ChannelThrottle(Map<NotificationChannel, Double> ratePerSecond, IntSupplier nodes) {
        this.ratePerSecond = ratePerSecond;
        this.nodes = nodes;
    }

    /** Waits until a message may go on {@code channel}. */
    void acquire(NotificationChannel channel) throws InterruptedException {
        double rate = ratePerSecond.getOrDefault(channel, 0.0);
        if (rate <= 0) {
            return;
        }
        long spacing = (long) (TimeUnit.SECONDS.toNanos(1) * Math.max(1, nodes.getAsInt()) / rate);
        long wait;
        synchronized (nextFree) {
            long now = System.nanoTime();
            long slot = Math.max(now, nextFree.getOrDefault(channel, now));
            nextFree.put(channel, slot + spacing);
            wait = slot - now;
        }
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
    }
}
