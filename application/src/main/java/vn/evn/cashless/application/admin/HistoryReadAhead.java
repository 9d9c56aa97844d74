package vn.evn.cashless.application.admin;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A rebuild's history, read a batch ahead on a thread of its own: while the rebuild applies one batch to the copies
 * (the handlers, then PostgreSQL writing the rows), the next is fetched from the event table and the payloads the
 * handlers will read are deserialized. Without it one thread did both in turn and the machine's second core stood
 * idle for half of a rebuild.
 * <p>
 * The batches come in the stream's order, each once; a batch is the events available when it was read, at most
 * {@code size}, and empty when none came within a second. A read that failed fails every later {@link #next()}:
 * the rebuild stops there.
 */
final class HistoryReadAhead implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(HistoryReadAhead.class);

    private final BlockingStream<TrackedEventMessage<?>> stream;
    private final int size;
    private final Predicate<TrackedEventMessage<?>> handled;
    private final ExecutorService reader = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "read-model-rebuild-reader");
        thread.setDaemon(true);
        return thread;
    });
    private Future<List<TrackedEventMessage<?>>> next;

    /**
     * @param handled whether the read model handles an event: only those payloads are deserialized ahead, the others
     *                are passed on as they are
     */
    HistoryReadAhead(BlockingStream<TrackedEventMessage<?>> stream, int size,
                     Predicate<TrackedEventMessage<?>> handled) {
        this.stream = stream;
        this.size = size;
        this.handled = handled;
        this.next = reader.submit(this::read);
    }

    /** The next batch (waiting for it if it is still being read); the one after it is read meanwhile. */
    List<TrackedEventMessage<?>> next() throws InterruptedException {
        List<TrackedEventMessage<?>> batch;
        try {
            batch = next.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException("reading the history failed", e.getCause());
        }
        next = reader.submit(this::read);
        return batch;
    }

    private List<TrackedEventMessage<?>> read() throws InterruptedException {
        List<TrackedEventMessage<?>> batch = new ArrayList<>(size);
        while (batch.size() < size && stream.hasNextAvailable(batch.isEmpty() ? 1_000 : 0, TimeUnit.MILLISECONDS)) {
            TrackedEventMessage<?> event = stream.nextAvailable();
            if (handled.test(event)) {
                event.getPayload();
            }
            batch.add(event);
        }
        return batch;
    }

    /**
     * Stops a read waiting for events and closes the stream on the reader's own thread, after whatever read it is in
     * (a query under way is not cut short): the stream is never closed under a read.
     */
    @Override
    public void close() {
        next.cancel(true);
        reader.execute(stream::close);
        reader.shutdown();
        try {
            if (!reader.awaitTermination(30, TimeUnit.SECONDS)) {
                log.warn("The rebuild's reader has not stopped within 30 s; it closes the stream when it does");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
