package vn.evn.cashless.application.notice;

import java.net.URI;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import vn.evn.cashless.domain.channel.NotificationChannel;

/**
 * Settings under {@code ledger.notices.*}.
 *
 * @param gateway            where messages go: {@code simulator}, {@code http}, or {@code off} (notices wait, nothing
 *                           is sent); left out, {@code simulator} with the embedded database and {@code off} with an
 *                           external one, so a production server never sends to a simulator by mistake
 * @param reminderDaysBefore how many days before the due date an unpaid bill is reminded
 * @param reminderCheck      how often each node looks for reminders that are due
 * @param maxAttempts        tries on one channel for temporary failures, before the next channel
 * @param backOff            the pause after the first temporary failure; it doubles with each further one
 * @param lease              how long a node may take to send what it claimed before another node may take it over
 * @param workers            threads per node that send
 * @param batchSize          messages a worker claims at once (and records in one transaction)
 * @param poll               how long an idle worker waits before looking again
 * @param ratePerSecond      messages per second per channel, for all nodes together
 * @param priceVnd           what one message sent costs, per channel, in VND
 * @param http               the HTTP gateway, when {@code gateway=http}
 */
@ConfigurationProperties("ledger.notices")
public record NoticeProperties(String gateway,
                               @DefaultValue("3") int reminderDaysBefore,
                               @DefaultValue("5m") Duration reminderCheck,
                               @DefaultValue("3") int maxAttempts,
                               @DefaultValue("30s") Duration backOff,
                               @DefaultValue("60s") Duration lease,
                               @DefaultValue("4") int workers,
                               @DefaultValue("50") int batchSize,
                               @DefaultValue("1s") Duration poll,
                               Map<NotificationChannel, Double> ratePerSecond,
                               Map<NotificationChannel, Long> priceVnd,
                               @DefaultValue Http http) {

    private static final Map<NotificationChannel, Double> RATES =
            Map.of(NotificationChannel.ZALO, 100.0, NotificationChannel.APP, 200.0, NotificationChannel.SMS, 100.0);
    private static final Map<NotificationChannel, Long> PRICES =
            Map.of(NotificationChannel.ZALO, 300L, NotificationChannel.APP, 0L, NotificationChannel.SMS, 750L);

    public NoticeProperties {
        ratePerSecond = withDefaults(ratePerSecond, RATES);
        priceVnd = withDefaults(priceVnd, PRICES);
        if (maxAttempts < 1 || workers < 0 || batchSize < 1 || reminderDaysBefore < 0) {
            throw new IllegalArgumentException("ledger.notices: max-attempts and batch-size must be at least 1, "
                    + "workers and reminder-days-before at least 0");
        }
    }

    private static <V> Map<NotificationChannel, V> withDefaults(Map<NotificationChannel, V> given,
                                                                Map<NotificationChannel, V> defaults) {
        Map<NotificationChannel, V> all = new EnumMap<>(defaults);
        if (given != null) {
            all.putAll(given);
        }
        return Map.copyOf(all);
    }

    /** The price of one message on {@code channel}, in VND. */
    public long price(NotificationChannel channel) {
        return priceVnd.getOrDefault(channel, 0L);
    }

    /**
     * The HTTP gateway: one URL and token for every channel, or one per channel in {@code channels}.
     *
     * @param timeout how long to wait for the gateway's answer; no answer in time is a temporary failure
     */
    public record Http(URI url, String token, @DefaultValue("10s") Duration timeout,
                       Map<NotificationChannel, Endpoint> channels) {
    }

    /** One channel's own gateway. */
    public record Endpoint(URI url, String token) {
    }
}
