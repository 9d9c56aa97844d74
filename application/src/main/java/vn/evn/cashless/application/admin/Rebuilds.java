package vn.evn.cashless.application.admin;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import vn.evn.cashless.application.nodes.ClusterLock;
import vn.evn.cashless.application.nodes.Nodes;
import vn.evn.cashless.application.nodes.ProcessorPauses;

/**
 * Rebuilds a read model from the whole history without a gap in its answers. The events are replayed into copies
 * of its tables in the {@code rebuild} schema (unlogged, without the indexes only readers use), in batches, while
 * the live tables keep answering; at the end, in one transaction, the live tables are given the copies' rows (only
 * the rows that differ are written) and the processor's token is moved to the last event the copies hold. A
 * reader sees the old tables or the new ones, never half of each.
 * <p>
 * A streaming read model's processor is stopped for that last step only, so nothing is written twice. The
 * command-side look-ups, written inside each command's transaction, are locked against writers instead: a command
 * that wants to write one waits until the switch is committed, then writes into the new tables.
 * <p>
 * One node at a time rebuilds a read model, holding its {@link ClusterLock}; on several nodes, the switch pauses the
 * processor on all of them ({@link ProcessorPauses}). A job whose node stopped or died is started again from the
 * beginning by another node (or the same one, restarted): the copies are made anew, the live tables were never
 * touched.
 */
@Component
public class Rebuilds {

    public static final String KIND = "rebuild";

    private static final Logger log = LoggerFactory.getLogger(Rebuilds.class);

    /** How often the switch of the look-ups tries to lock them before the rebuild fails. */
    private static final int LOCK_ATTEMPTS = 100;

    /** How long the other nodes may take to stop the processor for the switch-over. */
    private static final Duration PAUSE_TIMEOUT = Duration.ofSeconds(60);

    /**
     * Events applied per transaction of the copy. The copies are unlogged, so a commit costs no WAL flush; a batch
     * is still a transaction so that a handler sees the rows of the batches before it.
     */
    private static final int BATCH = 5_000;

    /** Reads of the history, each waiting up to a second, for an event committed in a gap to come. */
    private static final int GAP_READS = 30;

    private final ReadModels readModels;
    private final Jobs jobs;
    private final EventStore eventStore;
    private final EventProcessingConfiguration processing;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final Serializer tokenSerializer;
    private final ClusterLock clusterLock;
    private final ProcessorPauses pauses;
    private final ApplicationEventPublisher publisher;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "read-model-rebuild");
        thread.setDaemon(true);
        return thread;
    });
    private final ScheduledExecutorService watcher = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "read-model-rebuild-watch");
        thread.setDaemon(true);
        return thread;
    });

    public Rebuilds(ReadModels readModels, Jobs jobs, EventStore eventStore, EventProcessingConfiguration processing,
                    JdbcTemplate jdbc, PlatformTransactionManager transactionManager,
                    @Qualifier("serializer") Serializer tokenSerializer, ClusterLock clusterLock,
                    ProcessorPauses pauses, ApplicationEventPublisher publisher) {
        this.publisher = publisher;
        this.clusterLock = clusterLock;
        this.pauses = pauses;
        this.readModels = readModels;
        this.jobs = jobs;
        this.eventStore = eventStore;
        this.processing = processing;
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
        this.tokenSerializer = tokenSerializer;
    }

    /**
     * Starts rebuilding {@code name}, or answers the rebuild of it already running (on any node). The node that runs
     * a rebuild holds its {@link ClusterLock} until it ends.
     */
    public synchronized UUID start(String name) {
        ReadModel model = readModels.get(name);
        Optional<ClusterLock.Held> lock = clusterLock.tryLock(lockName(name));
        if (lock.isEmpty()) {
            // another node is at it: its job is in the table (or about to be)
            for (int attempt = 0; attempt < 50; attempt++) {
                Optional<Jobs.Job> running = runningJobOf(name);
                if (running.isPresent()) {
                    return running.get().id();
                }
                pause(1);
            }
            throw new IllegalStateException("another node holds the rebuild of " + name + " but shows no job");
        }
        UUID id;
        try {
            Optional<Jobs.Job> orphan = runningJobOf(name);
            if (orphan.isPresent()) {
                id = orphan.get().id();
                jobs.restart(id, head());
            } else {
                id = jobs.start(KIND, name, head());
            }
        } catch (RuntimeException | Error e) {
            lock.get().close();
            throw e;
        }
        submit(id, model, lock.get());
        return id;
    }

    /** Whether a rebuild of {@code name} is under way. */
    public boolean rebuilding(String name) {
        return runningJobOf(name).isPresent();
    }

    /** Runs the job on the worker, holding its lock until it ends (or until it could not even be queued). */
    private void submit(UUID id, ReadModel model, ClusterLock.Held held) {
        try {
            worker.submit(() -> {
                try (held) {
                    run(id, model, held);
                }
            });
        } catch (RuntimeException e) {
            held.close();
            throw e;
        }
    }

    private Optional<Jobs.Job> runningJobOf(String name) {
        return jobs.running(KIND).stream().filter(job -> job.target().equals(name)).findFirst();
    }

    private static String lockName(String readModel) {
        return KIND + ":" + readModel;
    }

    @EventListener(ApplicationReadyEvent.class)
    public void watchForInterrupted() {
        watcher.scheduleWithFixedDelay(this::takeUpInterrupted, 0, Nodes.HEARTBEAT.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    @EventListener(ContextClosedEvent.class)
    public void stopWatching() {
        watcher.shutdownNow();
    }

    /**
     * A job left running by a node that stopped or died (nobody holds its lock) is started again from the
     * beginning, by whichever node sees it first: the copies are made anew, the live tables were never touched.
     */
    public synchronized void takeUpInterrupted() {
        try {
            for (Jobs.Job job : jobs.running(KIND)) {
                Optional<ReadModel> model = readModels.find(job.target());
                if (model.isEmpty()) {
                    jobs.failed(job.id(), "no read model " + job.target() + " any more");
                    continue;
                }
                Optional<ClusterLock.Held> lock = clusterLock.tryLock(lockName(job.target()));
                if (lock.isEmpty()) {
                    continue;
                }
                log.info("Taking up the interrupted rebuild {} of {} from the beginning", job.id(), job.target());
                try {
                    jobs.restart(job.id(), head());
                } catch (RuntimeException | Error e) {
                    lock.get().close();
                    throw e;
                }
                submit(job.id(), model.get(), lock.get());
            }
        } catch (RuntimeException e) {
            log.warn("Could not look for interrupted rebuilds: {}", e.toString());
        }
    }

    private void run(UUID id, ReadModel model, ClusterLock.Held held) {
        long started = System.nanoTime();
        StreamingEventProcessor processor = model.inCommandTransaction() ? null
                : processing.eventProcessor(model.name(), StreamingEventProcessor.class).orElseThrow();
        boolean stopped = false;
        boolean paused = false;
        try {
            createCopies(model);
            List<Object> handlers = model.handlers().apply(jdbc);
            List<AnnotationEventHandlerAdapter> adapters = handlers.stream()
                    .map(AnnotationEventHandlerAdapter::new).toList();
            try (HistoryReadAhead stream = new HistoryReadAhead(eventStore.openStream(null), BATCH,
                    event -> adapters.stream().anyMatch(adapter -> adapter.canHandle(event)))) {
                Progress progress = new Progress();
                copyUpTo(id, stream, adapters, head(), progress);
                analyzeCopies(model);
                if (model.inCommandTransaction()) {
                    for (int attempt = 1; ; attempt++) {
                        try {
                            transactions.executeWithoutResult(status -> {
                                lockAgainstWriters(model);
                                long head = head();
                                copyUpTo(id, stream, adapters, head, progress);
                                copyGapsFilled(id, stream, adapters, head, progress);
                                switchOver(model);
                                jobs.succeeded(id, progress.processed);
                            });
                            publisher.publishEvent(new ReadModelRebuilt(model.name()));
                            break;
                        } catch (LockNotTaken e) {
                            if (attempt == LOCK_ATTEMPTS) {
                                throw new IllegalStateException("the look-ups stayed busy for " + LOCK_ATTEMPTS
                                        + " attempts to switch over", e);
                            }
                            pause(attempt);
                        }
                    }
                } else {
                    // every node stops this read model's processor; those of nodes that died hold nothing
                    paused = true;
                    pauses.pause(model.name());
                    processor.shutDown();
                    stopped = true;
                    pauses.awaitReleased(model.name(), PAUSE_TIMEOUT);
                    copyUpTo(id, stream, adapters, head(), progress);
                    TrackingToken last = progress.last;
                    if (!held.stillHeld()) {
                        throw new IllegalStateException("this node lost the rebuild's lock (its connection to the "
                                + "database broke); another node takes the rebuild up");
                    }
                    transactions.executeWithoutResult(status -> {
                        claimAllSegments(model.name());
                        switchOver(model);
                        if (last != null) {
                            moveToken(model.name(), last);
                        }
                        jobs.succeeded(id, progress.processed);
                    });
                }
                log.info("Rebuilt {} from {} events in {} ms", model.name(), progress.processed,
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
            }
        } catch (RuntimeException | Error e) {
            log.error("Rebuild {} of {} failed", id, model.name(), e);
            jobs.failed(id, String.valueOf(e));
        } finally {
            dropCopies(model);
            if (paused) {
                pauses.resume(model.name());
            }
            if (stopped) {
                processor.start();
            }
        }
    }

    /** What a job has copied so far. */
    private static final class Progress {
        long processed;
        TrackingToken last;
    }

    /** Applies events to the copies, a batch per transaction, until the copies hold every event up to {@code head}. */
    private void copyUpTo(UUID id, HistoryReadAhead stream, List<AnnotationEventHandlerAdapter> adapters, long head,
                          Progress progress) {
        while (position(progress.last) < head) {
            copyNext(id, stream, adapters, progress, head);
        }
    }

    /**
     * For the look-ups, once they are locked against writers: applies the events that were still being written when
     * an earlier batch was read, and are committed now. Such an event left a gap in the last token, below its
     * position, and {@link #copyUpTo} does not go back for it; the switch-over would then drop the look-up its
     * command wrote. (A streaming read model needs none of this: its processor goes on from the last token, whose
     * gaps it fills later.) No command writing a look-up commits while the lock is held, so the gaps to fill are
     * known: those that now hold an event.
     */
    private void copyGapsFilled(UUID id, HistoryReadAhead stream, List<AnnotationEventHandlerAdapter> adapters,
                                long head, Progress progress) {
        for (int empty = 0; gapFilled(progress.last); ) {
            if (!copyNext(id, stream, adapters, progress, head) && ++empty == GAP_READS) {
                throw new IllegalStateException("an event committed in a gap of " + progress.last
                        + " did not come in " + GAP_READS + " reads of the history");
            }
        }
    }

    /**
     * Applies the next batch of the history to the copies, in a transaction, and reports the job's progress towards
     * {@code head}, the position the copy is to reach; false if no event came within a second.
     */
    private boolean copyNext(UUID id, HistoryReadAhead stream, List<AnnotationEventHandlerAdapter> adapters,
                             Progress progress, long head) {
        List<TrackedEventMessage<?>> batch;
        try {
            batch = stream.next();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the history", e);
        }
        if (batch.isEmpty()) {
            return false;
        }
        transactions.executeWithoutResult(status -> apply(adapters, batch));
        progress.processed += batch.size();
        progress.last = batch.get(batch.size() - 1).trackingToken();
        jobs.progress(id, progress.processed, position(progress.last), head);
        return true;
    }

    /** Whether one of the token's gaps now holds an event. */
    private boolean gapFilled(TrackingToken token) {
        if (!(token instanceof GapAwareTrackingToken gapAware) || gapAware.getGaps().isEmpty()) {
            return false;
        }
        Long[] gaps = gapAware.getGaps().toArray(Long[]::new);
        return Boolean.TRUE.equals(jdbc.query(connection -> {
            PreparedStatement statement = connection.prepareStatement(
                    "SELECT EXISTS (SELECT 1 FROM domainevententry WHERE globalindex = ANY (?))");
            statement.setArray(1, connection.createArrayOf("bigint", gaps));
            return statement;
        }, (ResultSet rs) -> rs.next() && rs.getBoolean(1)));
    }

    /** Runs the handlers over a batch as their processor would, with their tables resolved to the copies. */
    private void apply(List<AnnotationEventHandlerAdapter> adapters, List<TrackedEventMessage<?>> batch) {
        jdbc.execute("SET LOCAL search_path TO rebuild, public");
        DefaultUnitOfWork.startAndGet(batch.get(0)).execute(() -> {
            for (TrackedEventMessage<?> event : batch) {
                for (AnnotationEventHandlerAdapter adapter : adapters) {
                    if (adapter.canHandle(event)) {
                        try {
                            adapter.handle(event);
                        } catch (Exception e) {
                            throw new IllegalStateException("replaying event " + event.getIdentifier() + " failed", e);
                        }
                    }
                }
            }
        });
    }

    /**
     * Makes an empty copy of each table in the {@code rebuild} schema, with the live table's columns, defaults,
     * constraints and unique indexes (what the handlers' {@code ON CONFLICT} and look-ups by key need), but without
     * its other indexes, which only the live table's readers use: a replay never reads through them, and the
     * switch-over reads the copies whole. The copies are {@code UNLOGGED}: what they hold is never answered from
     * and never needed after a crash (a job whose node died starts again from the beginning and makes them anew),
     * so writing them needs no WAL. The live tables are written, and made durable, only by the switch-over.
     */
    private void createCopies(ReadModel model) {
        for (String table : model.tables()) {
            jdbc.execute("DROP TABLE IF EXISTS rebuild." + table);
            jdbc.execute("CREATE UNLOGGED TABLE rebuild." + table + " (LIKE public." + table + " INCLUDING ALL)");
            List<String> secondary = jdbc.queryForList("""
                    SELECT c.relname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
                    WHERE i.indrelid = to_regclass(?) AND NOT i.indisunique""", String.class, "rebuild." + table);
            for (String index : secondary) {
                jdbc.execute("DROP INDEX rebuild." + quoted(index));
            }
        }
    }

    /** Fresh statistics of the copies, so that the switch-over's joins are planned on what they hold. */
    private void analyzeCopies(ReadModel model) {
        for (String table : model.tables()) {
            jdbc.execute("ANALYZE rebuild." + table);
        }
    }

    private static String quoted(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    private void dropCopies(ReadModel model) {
        try {
            for (String table : reversed(model.tables())) {
                jdbc.execute("DROP TABLE IF EXISTS rebuild." + table);
            }
        } catch (RuntimeException e) {
            log.warn("Could not drop the copies of {}: {}", model.name(), e.toString());
        }
    }

    /**
     * Locks the look-ups against commands for the switch. A command holds some of them while it waits for another, so
     * the rebuild waits only briefly for each (well below PostgreSQL's deadlock detection, which could otherwise pick
     * the command as its victim); if it cannot have them all, it gives way, nothing copied yet in this transaction,
     * and tries again.
     */
    private void lockAgainstWriters(ReadModel model) {
        try {
            jdbc.execute("SET LOCAL lock_timeout = '100ms'");
            jdbc.execute("LOCK TABLE " + String.join(", ", model.tables().stream().map(t -> "public." + t).toList())
                    + " IN EXCLUSIVE MODE");
            jdbc.execute("SET LOCAL lock_timeout TO DEFAULT");
        } catch (DataAccessException e) {
            throw new LockNotTaken(e);
        }
    }

    /** The look-ups were busy: the switch transaction gave way before it changed anything. */
    private static final class LockNotTaken extends RuntimeException {
        LockNotTaken(Throwable cause) {
            super(cause);
        }
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(20, 50L * Math.min(attempt, 10)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to switch over", e);
        }
    }

    /**
     * Makes the live rows those of the copies, in this transaction. DELETE and INSERT rather than TRUNCATE or a
     * rename: readers are not blocked and keep seeing the old rows until this transaction commits (and the
     * application's role neither owns the live tables nor may rename them).
     * <p>
     * A table with a primary key takes only the difference: the live rows that the copy does not hold as they are
     * (no row of that key, or one that differs in any column, compared byte for byte) are deleted, then the copy's
     * rows whose key is no longer live are inserted. Afterwards the table holds exactly the copy's rows, as with a
     * full replace, but a rebuild that finds the read model right writes nothing into the live tables and their
     * indexes: it reads both sides once. Tables without a primary key, and the tables of a read model with a
     * foreign key among them (a changed row could not be deleted before the rows referring to it), are replaced
     * whole, as they always were: every row deleted, children first, then every row of the copies inserted.
     */
    private void switchOver(ReadModel model) {
        boolean related = model.tables().stream().anyMatch(this::hasForeignKeys);
        List<String> whole = new ArrayList<>();
        for (String table : reversed(model.tables())) {
            List<String> key = related ? List.of() : primaryKey(table);
            if (key.isEmpty()) {
                jdbc.execute("DELETE FROM public." + table);
                whole.add(0, table);
            } else {
                String sameKey = String.join(" AND ", key.stream()
                        .map(column -> "r." + quoted(column) + " = l." + quoted(column)).toList());
                jdbc.execute("DELETE FROM public." + table + " AS l WHERE NOT EXISTS (SELECT 1 FROM rebuild."
                        + table + " AS r WHERE " + sameKey + " AND r *= l)");
                jdbc.execute("INSERT INTO public." + table + " SELECT r.* FROM rebuild." + table
                        + " AS r WHERE NOT EXISTS (SELECT 1 FROM public." + table + " AS l WHERE " + sameKey + ")");
            }
        }
        for (String table : whole) {
            jdbc.execute("INSERT INTO public." + table + " SELECT * FROM rebuild." + table);
        }
    }

    /** The columns of the live table's primary key, in the key's order; none if it has no primary key. */
    private List<String> primaryKey(String table) {
        return jdbc.queryForList("""
                SELECT a.attname FROM pg_index i
                JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey)
                WHERE i.indrelid = to_regclass(?) AND i.indisprimary
                ORDER BY array_position(i.indkey::int2[], a.attnum)""", String.class, "public." + table);
    }

    private boolean hasForeignKeys(String table) {
        return Boolean.TRUE.equals(jdbc.queryForObject("""
                SELECT EXISTS (SELECT 1 FROM pg_constraint
                               WHERE contype = 'f' AND (conrelid = to_regclass(?) OR confrelid = to_regclass(?)))""",
                Boolean.class, "public." + table, "public." + table));
    }

    /**
     * Locks the processor's segments for the switch and makes sure no node holds one: a node taken for dead that was
     * only slow would otherwise store its token over the moved one and write into the new rows. Its next attempt to
     * store a token now waits for the switch, then finds the segment no longer its own and gives its batch back
     * ({@code OwnClaimsTokenStore} refuses to store a token or extend a claim the node no longer holds).
     */
    private void claimAllSegments(String processor) {
        List<String> owners = jdbc.queryForList("SELECT owner FROM tokenentry WHERE processorname = ? FOR UPDATE",
                String.class, processor);
        if (owners.stream().anyMatch(java.util.Objects::nonNull)) {
            jdbc.update("UPDATE tokenentry SET owner = NULL WHERE processorname = ?", processor);
            log.info("Switch-over of {}: segments still claimed by {} taken back", processor, owners);
        }
    }

    /** Every segment of the processor goes on from the last event the copies hold, claimed by nobody. */
    private void moveToken(String processor, TrackingToken token) {
        SerializedObject<byte[]> serialized = tokenSerializer.serialize(token, byte[].class);
        int segments = jdbc.update(
                "UPDATE tokenentry SET token = ?, tokentype = ?, owner = NULL WHERE processorname = ?",
                serialized.getData(), serialized.getType().getName(), processor);
        if (segments == 0) {
            throw new IllegalStateException("processor " + processor + " has no tokens to move");
        }
    }

    private static List<String> reversed(List<String> tables) {
        List<String> reversed = new ArrayList<>(tables);
        Collections.reverse(reversed);
        return reversed;
    }

    private long head() {
        TrackingToken head = eventStore.createHeadToken();
        return position(head);
    }

    private static long position(TrackingToken token) {
        return token == null ? -1 : token.position().orElse(-1);
    }
}
