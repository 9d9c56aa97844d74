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
 * {@code ledger.projection.lag{group=…}}: how many events each read model is behind the head of the event store,
 * over all its segments on whichever node (as {@code /api/status} counts it), read when the metrics are scraped.
 * Every node reports the same figure, whether it holds a segment of the read model or not.
 */
@Component
public class ProjectionLag implements MeterBinder {

    private final EventStore eventStore;
    private final EventProcessingConfiguration processing;
    private final StatusController status;

    public ProjectionLag(EventStore eventStore, EventProcessingConfiguration processing, StatusController status) {
        this.eventStore = eventStore;
        this.processing = processing;
        this.status = status;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        processing.eventProcessors().forEach((name, processor) -> {
            if (processor instanceof StreamingEventProcessor streaming) {
                Gauge.builder("ledger.projection.lag", streaming, held -> lag(name, held))
                        .description("Events between the head of the event store and the read model's slowest "
                                + "segment, on whichever node")
                        .baseUnit("events")
                        .tag("group", name)
                        .register(registry);
            }
        });
    }

    private double lag(String group, StreamingEventProcessor processor) {
        return status.status(group, processor, StatusController.head(eventStore)).behind();
    }
}
