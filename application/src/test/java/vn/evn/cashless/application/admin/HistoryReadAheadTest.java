package vn.evn.cashless.application.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GenericTrackedEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.junit.jupiter.api.Test;

/** The rebuild's read-ahead: every event once, in order, in batches; a failure surfaces; closing stops the reader. */
class HistoryReadAheadTest {

    @Test
    void handsOverEveryEventOnceInTheStreamsOrderThenAnEmptyBatchWhenNoneComes() throws Exception {
        QueuedStream stream = new QueuedStream();
        for (long i = 0; i < 12_345; i++) {
            stream.add(i);
        }
        List<Long> seen = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        try (HistoryReadAhead readAhead = new HistoryReadAhead(stream, 1_000, event -> true)) {
            // every event is there from the start, so the first empty batch (nothing within a second) is the end
            for (List<TrackedEventMessage<?>> batch = readAhead.next(); !batch.isEmpty(); batch = readAhead.next()) {
                sizes.add(batch.size());
                batch.forEach(event ->
                        seen.add(((GlobalSequenceTrackingToken) event.trackingToken()).getGlobalIndex()));
            }
            stream.add(12_345);
            assertThat(readAhead.next()).as("an event appended later").hasSize(1);
        }
        assertThat(seen).containsExactlyElementsOf(java.util.stream.LongStream.range(0, 12_345).boxed().toList());
        assertThat(sizes).allMatch(size -> size <= 1_000);
        assertThat(stream.closed).isTrue();
    }

    @Test
    void aFailureToReadReachesTheRebuild() {
        QueuedStream stream = new QueuedStream();
        stream.failing.set(true);
        try (HistoryReadAhead readAhead = new HistoryReadAhead(stream, 1_000, event -> true)) {
            assertThatThrownBy(readAhead::next).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("reading the history failed").hasRootCauseMessage("the database is gone");
        }
    }

    @Test
    void closingStopsAReaderWaitingForEventsAndClosesTheStream() throws Exception {
        QueuedStream stream = new QueuedStream();
        HistoryReadAhead readAhead = new HistoryReadAhead(stream, 1_000, event -> true);
        assertThat(stream.waiting.await(5, TimeUnit.SECONDS)).as("the reader waits for events").isTrue();
        long started = System.nanoTime();
        readAhead.close();
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isLessThan(5_000);
        assertThat(stream.closed).isTrue();
    }

    /** Events as the event store's stream hands them over: waiting up to the timeout for the next. */
    private static final class QueuedStream implements BlockingStream<TrackedEventMessage<?>> {
        final LinkedBlockingQueue<TrackedEventMessage<?>> events = new LinkedBlockingQueue<>();
        final AtomicBoolean failing = new AtomicBoolean();
        final CountDownLatch waiting = new CountDownLatch(1);
        volatile boolean closed;

        void add(long index) {
            events.add(new GenericTrackedEventMessage<>(new GlobalSequenceTrackingToken(index),
                    GenericEventMessage.asEventMessage("event " + index)));
        }

        /** The event taken off the queue by the last wait, not yet handed over. */
        private TrackedEventMessage<?> next;

        @Override
        public Optional<TrackedEventMessage<?>> peek() {
            return Optional.ofNullable(next != null ? next : events.peek());
        }

        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
            if (failing.get()) {
                throw new IllegalStateException("the database is gone");
            }
            if (next == null) {
                next = events.poll();
            }
            if (next == null) {
                waiting.countDown();
                next = events.poll(timeout, unit);
            }
            return next != null;
        }

        @Override
        public TrackedEventMessage<?> nextAvailable() {
            TrackedEventMessage<?> event = next != null ? next : events.poll();
            next = null;
            return event;
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
