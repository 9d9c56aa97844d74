package vn.evn.cashless.api.reconciliation;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;
import org.springframework.stereotype.Component;
import vn.evn.cashless.api.metrics.LedgerMetrics;
import vn.evn.cashless.application.reconciliation.LineCounter;
import vn.evn.cashless.application.reconciliation.Outcome;

/**
 * {@code ledger.import.lines}: the lines of reconciliation files imported, tagged with their {@code outcome}; the
 * accepted and duplicate lines count as payments too ({@code ledger.payments}, {@code via=import}).
 */
@Component
class ImportLineMetrics implements LineCounter {

    private final Map<Outcome, Counter> counters = new EnumMap<>(Outcome.class);
    private final LedgerMetrics metrics;

    ImportLineMetrics(MeterRegistry registry, LedgerMetrics metrics) {
        this.metrics = metrics;
        for (Outcome outcome : Outcome.values()) {
            counters.put(outcome, Counter.builder("ledger.import.lines")
                    .description("Lines of reconciliation files imported, by outcome")
                    .tag("outcome", outcome.wire()).register(registry));
        }
    }

    @Override
    public void counted(Outcome outcome, long lines) {
        counters.get(outcome).increment(lines);
        if (outcome == Outcome.ACCEPTED || outcome == Outcome.DUPLICATE) {
            metrics.payments(outcome == Outcome.DUPLICATE, LedgerMetrics.Via.IMPORT, lines);
        }
    }
}
