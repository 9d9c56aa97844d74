package vn.evn.cashless.api.status;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import vn.evn.cashless.application.admin.ReadModelFailures;
import vn.evn.cashless.application.demo.DemoDataLoader;
import vn.evn.cashless.application.demo.DemoLoad;

/**
 * How current the read models are (each processor's position against the head of the event store) and where the
 * demo data load stands. Read models are eventually consistent: a client that must see its own write waits until
 * every processor has reached the head.
 */
@RestController
public class StatusController {

    /** {@code error}: the event the read model is stopped at, and why; {@code null} while it is well. */
    public record ProcessorStatus(String name, long position, long behind, boolean caughtUp, boolean running,
                                  ReadModelFailures.Failure error) {
    }

    public record DemoStatus(String name, String state, int batchesDone, Long millis, Long commands,
                             Double commandsPerSecond, String failure) {
    }

    public record Status(long head, boolean caughtUp, List<ProcessorStatus> processors, DemoStatus demo) {
    }

    private final EventStore eventStore;
    private final EventProcessingConfiguration processing;
    private final DemoLoad demoLoad;
    private final ObjectProvider<DemoDataLoader> demoLoader;
    private final ReadModelFailures failures;

    public StatusController(EventStore eventStore, EventProcessingConfiguration processing, DemoLoad demoLoad,
                            ObjectProvider<DemoDataLoader> demoLoader, ReadModelFailures failures) {
        this.failures = failures;
        this.eventStore = eventStore;
        this.processing = processing;
        this.demoLoad = demoLoad;
        this.demoLoader = demoLoader;
    }

    @GetMapping("/api/status")
    public Status status() {
        long head = head(eventStore);
        List<ProcessorStatus> processors = new ArrayList<>();
        processing.eventProcessors().forEach((name, processor) -> {
            if (processor instanceof StreamingEventProcessor streaming) {
                processors.add(status(name, streaming, head));
            }
        });
        processors.sort(Comparator.comparing(ProcessorStatus::name));
        boolean caughtUp = processors.stream().allMatch(ProcessorStatus::caughtUp);
        return new Status(head, caughtUp, processors, demo());
    }

    private ProcessorStatus status(String name, StreamingEventProcessor processor, long head) {
        Map<Integer, EventTrackerStatus> segments = processor.processingStatus();
        ReadModelFailures.Failure failure = failures.of(name).orElse(null);
        long position = position(segments, failure);
        long behind = Math.max(0, head - position);
        return new ProcessorStatus(name, position, behind, behind == 0 && !segments.isEmpty() && failure == null,
                processor.isRunning(), failure);
    }

    /**
     * How far a read model has got: not past the event it is stopped at. A failing segment is given back until it
     * is retried, so the other segments alone would look caught up.
     */
    public static long position(Map<Integer, EventTrackerStatus> segments, ReadModelFailures.Failure failure) {
        return failure == null ? position(segments) : Math.min(position(segments), failure.position() - 1);
    }

    /** The global index of the last event stored; 0 before the first. */
    public static long head(EventStore eventStore) {
        TrackingToken headToken = eventStore.createHeadToken();
        return headToken == null ? 0 : headToken.position().orElse(0);
    }

    /** How far every segment of a processor has got: the position of its slowest segment. */
    public static long position(Map<Integer, EventTrackerStatus> segments) {
        long position = Long.MAX_VALUE;
        for (EventTrackerStatus segment : segments.values()) {
            OptionalLong current = segment.getCurrentPosition();
            position = Math.min(position, current.orElse(0));
        }
        return segments.isEmpty() ? 0 : position;
    }

    private DemoStatus demo() {
        DemoDataLoader loader = demoLoader.getIfAvailable();
        DemoLoad.Progress progress = demoLoad.progress(DemoDataLoader.NAME).orElse(null);
        String failure = loader == null ? null : loader.failure();
        String state = loader != null && loader.running() ? "loading"
                : progress != null && progress.finished() ? "loaded"
                : failure != null ? "failed"
                : progress != null ? "incomplete" : "not-requested";
        return new DemoStatus(DemoDataLoader.NAME, state, progress == null ? 0 : progress.batchesDone(),
                progress == null ? null : progress.millis(), progress == null ? null : progress.commands(),
                progress == null ? null : progress.commandsPerSecond(), failure);
    }
}
