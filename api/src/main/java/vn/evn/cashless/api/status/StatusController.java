package vn.evn.cashless.api.status;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import vn.evn.cashless.api.web.Times;
import vn.evn.cashless.application.admin.ReadModelFailures;
import vn.evn.cashless.application.demo.DemoDataLoader;
import vn.evn.cashless.application.demo.DemoLoad;
import vn.evn.cashless.application.nodes.Nodes;
import vn.evn.cashless.application.notice.NoticeBacklog;
import vn.evn.cashless.application.nodes.Segments;

/**
 * How current the read models are (each processor's position against the head of the event store) and where the
 * demo data load stands. Read models are eventually consistent: a client that must see its own write waits until
 * every processor has reached the head.
 */
@RestController
public class StatusController {

    /**
     * A read model over all nodes: {@code position} is its slowest segment's, {@code running} whether this node
     * runs its processor. {@code error}: the event the read model is stopped at on this node, and why;
     * {@code null} while it is well.
     */
    public record ProcessorStatus(String name, long position, long behind, boolean caughtUp, boolean running,
                                  ReadModelError error, List<SegmentStatus> segments) {
    }

    /** One segment: the node that holds it ({@code null}: nobody, until a node claims it) and how far it got. */
    public record SegmentStatus(int segment, String node, boolean thisNode, long position, long behind) {
    }

    /** An application process on this database; {@code alive}: seen in the last seconds. */
    public record NodeStatus(String name, boolean alive, boolean thisNode, String startedAt, String seenAt) {
    }

    public record DemoStatus(String name, String state, int batchesDone, Long millis, Long commands,
                             Double commandsPerSecond, String failure) {
    }

    /** {@code notices}: what is left to send over every node (docs/notices.md). */
    public record Status(String node, long head, boolean caughtUp, List<ProcessorStatus> processors,
                         List<NodeStatus> nodes, DemoStatus demo, NoticeBacklog.Backlog notices) {
    }

    private final EventStore eventStore;
    private final EventProcessingConfiguration processing;
    private final DemoLoad demoLoad;
    private final ObjectProvider<DemoDataLoader> demoLoader;
    private final ReadModelFailures failures;

    private final Nodes nodes;
    private final Segments segments;
    private final NoticeBacklog notices;

    public StatusController(EventStore eventStore, EventProcessingConfiguration processing, DemoLoad demoLoad,
                            ObjectProvider<DemoDataLoader> demoLoader, ReadModelFailures failures, Nodes nodes,
                            Segments segments, NoticeBacklog notices) {
        this.notices = notices;
        this.nodes = nodes;
        this.segments = segments;
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
        List<NodeStatus> living = nodes.all().stream().map(node -> new NodeStatus(node.name(), node.alive(),
                node.name().equals(nodes.self()), Times.local(node.startedAt()), Times.local(node.seenAt())))
                .toList();
        return new Status(nodes.self(), head, caughtUp, processors, living, demo(), notices.now());
    }

    /**
     * A read model over every node, from the token store: a segment another node holds counts as far as that node
     * has stored it, one this node holds as far as it has got. A dead node's segments stay behind until another
     * node takes them over, and the read model is not caught up meanwhile.
     */
    public ProcessorStatus status(String name, StreamingEventProcessor processor, long head) {
        Map<Integer, EventTrackerStatus> mine = processor.processingStatus();
        List<SegmentStatus> all = new ArrayList<>();
        long slowest = Long.MAX_VALUE;
        for (Segments.Segment segment : segments.of(name)) {
            EventTrackerStatus held = nodes.self().equals(segment.owner()) ? mine.get(segment.segment()) : null;
            long position = held == null ? segment.position()
                    : Math.max(segment.position(), held.getCurrentPosition().orElse(0));
            slowest = Math.min(slowest, position);
            all.add(new SegmentStatus(segment.segment(), segment.owner(), held != null, position,
                    Math.max(0, head - position)));
        }
        ReadModelFailures.Failure failure = failures.of(name).orElse(null);
        long position = all.isEmpty() ? 0 : slowest;
        if (failure != null) {
            position = Math.min(position, failure.position() - 1);
        }
        long behind = Math.max(0, head - position);
        return new ProcessorStatus(name, position, behind, behind == 0 && !all.isEmpty() && failure == null,
                processor.isRunning(), ReadModelError.of(failure), all);
    }

    /** The global index of the last event stored; 0 before the first. */
    public static long head(EventStore eventStore) {
        TrackingToken headToken = eventStore.createHeadToken();
        return headToken == null ? 0 : headToken.position().orElse(0);
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
