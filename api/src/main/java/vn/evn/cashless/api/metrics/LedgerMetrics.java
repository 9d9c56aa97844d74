package vn.evn.cashless.api.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * The ledger's own counters, exported at {@code /actuator/prometheus}: payments by outcome and by the way they came
 * in, and rejections by code. They count what this process answered; a deployment of several processes sums them.
 */
@Component
public class LedgerMetrics {

    /** How a payment reached the ledger. */
    public enum Via { API, IMPORT }

    private final MeterRegistry registry;

    public LedgerMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** A payment notification answered: recorded now, or found recorded by an identical earlier one. */
    public void payment(boolean alreadyRecorded, Via via) {
        payments(alreadyRecorded, via, 1);
    }

    /** {@code count} payment notifications answered alike. */
    public void payments(boolean alreadyRecorded, Via via, long count) {
        Counter.builder("ledger.payments")
                .description("Payment notifications answered, by outcome (recorded or duplicate) and channel")
                .tag("outcome", alreadyRecorded ? "duplicate" : "recorded")
                .tag("via", via.name().toLowerCase(java.util.Locale.ROOT))
                .register(registry).increment(count);
    }

    /** A request refused with a problem body carrying {@code code}. */
    public void rejection(String code, int status) {
        Counter.builder("ledger.rejections")
                .description("Requests refused, by problem code and HTTP status")
                .tag("code", code)
                .tag("status", String.valueOf(status))
                .register(registry).increment();
    }
}
