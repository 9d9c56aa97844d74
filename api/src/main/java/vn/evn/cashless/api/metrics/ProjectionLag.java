package vn.evn.cashless.api.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;
import vn.evn.cashless.api.status.StatusController;

/**
 * {@code ledger.projection.lag{group=…}}: how many events each processing group of this process is behind the
 * head of the event store, read when the metrics are scraped (one index look-up for the head per group).
 */
@Component
public class ProjectionLag implements MeterBinder {

    private final EventStore eventStore;
    private final EventProcessingConfiguration processing;

    public ProjectionLag(EventStore eventStore, EventProcessingConfiguration processing) {
        this.eventStore = eventStore;
        this.processing = processing;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        processing.eventProcessors().forEach((name, processor) -> {
            if (processor instanceof StreamingEventProcessor streaming) {
                Gauge.builder("ledger.projection.lag", streaming, this::lag)
                        .description("Events between the head of the event store and the slowest segment this "
                                + "process holds")
                        .baseUnit("events")
                        .tag("group", name)
                        .register(registry);
            }
        });
    }

    private double lag(StreamingEventProcessor processor) {
        long position = StatusController.position(processor.processingStatus());
        return Math.max(0, StatusController.head(eventStore) - position);
    }
}
