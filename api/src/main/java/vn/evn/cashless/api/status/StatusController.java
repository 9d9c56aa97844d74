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
import vn.evn.cashless.application.demo.DemoDataLoader;
import vn.evn.cashless.application.demo.DemoLoad;

/**
 * How current the read models are (each processor's position against the head of the event store) and where the
 * demo data load stands. Read models are eventually consistent: a client that must see its own write waits until
 * every processor has reached the head.
 */
@RestController
public class StatusController {

    public record ProcessorStatus(String name, long position, long behind, boolean caughtUp, boolean running,
                                  String error) {
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

    public StatusController(EventStore eventStore, EventProcessingConfiguration processing, DemoLoad demoLoad,
                            ObjectProvider<DemoDataLoader> demoLoader) {
        this.eventStore = eventStore;
        this.processing = processing;
        this.demoLoad = demoLoad;
        this.demoLoader = demoLoader;
    }

    @GetMapping("/api/status")
    public Status status() {
        TrackingToken headToken = eventStore.createHeadToken();
        long head = headToken == null ? 0 : headToken.position().orElse(0);
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

    private static ProcessorStatus status(String name, StreamingEventProcessor processor, long head) {
        Map<Integer, EventTrackerStatus> segments = processor.processingStatus();
        long position = position(segments);
        String error = null;
        for (EventTrackerStatus segment : segments.values()) {
            if (segment.isErrorState() && segment.getError() != null) {
                error = segment.getError().toString();
            }
        }
        long behind = Math.max(0, head - position);
        return new ProcessorStatus(name, position, behind, behind == 0 && !segments.isEmpty(),
                processor.isRunning(), error);
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
