package vn.evn.cashless.application.nodes;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Shares every read model's segments out among the living nodes. Axon's pooled processors claim every segment
 * nobody holds, so the first node to start would hold them all and the others would only wait. Every
 * {@link Nodes#HEARTBEAT} each node says it is alive and which read models it runs, and, for each read model, gives
 * back the segments it holds beyond its share ({@code segments / living nodes running that read model}, rounded up)
 * for long enough that another node claims them. A node whose processor is stopped is not counted, so the others
 * do not give back segments it cannot take.
 * When a node dies, its claims expire (Axon's claim timeout) and the others claim its segments as they would any
 * free one; their shares grow as the dead node stops being counted. On the same beat it stops and starts again the
 * processors another node has paused (see {@link ProcessorPauses}).
 */
@Component
public class SegmentShare {

    private static final Logger log = LoggerFactory.getLogger(SegmentShare.class);

    /** How long a segment given back is left to the others before this node may claim it again. */
    static final long GIVEN_BACK_FOR_SECONDS = 15;

    private final Nodes nodes;
    private final Segments segments;
    private final EventProcessingConfiguration processing;
    private final ProcessorPauses pauses;
    /** The processors this node stopped because another node paused them. */
    private final Set<String> stoppedForPause = new HashSet<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "segment-share");
        thread.setDaemon(true);
        return thread;
    });
    /** The heartbeat has a thread of its own: stopping a processor for a pause may wait for a whole batch. */
    private final ScheduledExecutorService heart = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "node-heartbeat");
        thread.setDaemon(true);
        return thread;
    });

    public SegmentShare(Nodes nodes, Segments segments, EventProcessingConfiguration processing,
                        ProcessorPauses pauses) {
        this.nodes = nodes;
        this.pauses = pauses;
        this.segments = segments;
        this.processing = processing;
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        long period = Nodes.HEARTBEAT.toMillis();
        heart.scheduleWithFixedDelay(this::beat, 0, period, TimeUnit.MILLISECONDS);
        timer.scheduleWithFixedDelay(this::tick, period / 2, period, TimeUnit.MILLISECONDS);
    }

    @EventListener(ContextClosedEvent.class)
    void stop() {
        heart.shutdownNow();
        timer.shutdownNow();
    }

    private void beat() {
        try {
            List<String> running = new ArrayList<>();
            processing.eventProcessors().forEach((group, processor) -> {
                if (processor instanceof StreamingEventProcessor streaming && streaming.isRunning()) {
                    running.add(group);
                }
            });
            nodes.heartbeat(running);
        } catch (RuntimeException e) {
            log.warn("Could not say this node is alive: {}", e.toString());
        }
    }

    private void tick() {
        try {
            Set<String> paused = pauses.paused();
            processing.eventProcessors().forEach((group, processor) -> {
                if (processor instanceof StreamingEventProcessor streaming) {
                    if (paused.contains(group)) {
                        if (streaming.isRunning()) {
                            log.info("Stopping {}: another node paused it", group);
                            stoppedForPause.add(group);
                            streaming.shutDown();
                        }
                    } else if (stoppedForPause.remove(group)) {
                        log.info("Starting {} again: its pause is over", group);
                        streaming.start();
                    } else if (streaming.isRunning()) {
                        giveBackBeyondShare(group, streaming, nodes.running(group));
                    }
                }
            });
        } catch (RuntimeException e) {
            // the database may be restarting; the next tick tries again
            log.warn("Could not share the read models' segments out: {}", e.toString());
        }
    }

    private void giveBackBeyondShare(String group, StreamingEventProcessor processor, int living) {
        int total = segments.count(group);
        if (total == 0) {
            return;
        }
        int share = (total + living - 1) / living;
        List<Integer> held = new ArrayList<>(processor.processingStatus().keySet());
        held.sort(null);
        for (int i = held.size() - 1; i >= share; i--) {
            int segment = held.get(i);
            log.info("Giving segment {} of {} back: this node holds {} of {} segments, its share with {} nodes is {}",
                    segment, group, held.size(), total, living, share);
            processor.releaseSegment(segment, GIVEN_BACK_FOR_SECONDS, TimeUnit.SECONDS);
        }
    }
}
