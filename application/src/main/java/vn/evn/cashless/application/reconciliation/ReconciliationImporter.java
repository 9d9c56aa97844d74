package vn.evn.cashless.application.reconciliation;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import vn.evn.cashless.application.admin.Jobs;
import vn.evn.cashless.application.billing.BillingService;
import vn.evn.cashless.application.messaging.CommandBatch;
import vn.evn.cashless.application.messaging.RequestContext;
import vn.evn.cashless.domain.billing.PaymentOutcome;
import vn.evn.cashless.domain.shared.DomainException;

/**
 * Imports a reconciliation file through the same rules as a single payment ({@link BillingService}), many lines per
 * transaction.
 * <p>
 * A batch of lines is one database transaction that also holds the batch's report lines and the job's progress:
 * after a stop, the report says exactly what was recorded, and the file sent again finds those lines as duplicates.
 * The batch is one Axon unit of work, and each line one command in a unit of work nested in it: the lines' events are
 * appended, and their look-ups written, when the batch commits (see {@link CommandBatch}). A line the bill refuses
 * (above the outstanding amount, a conflicting resend, an unknown bill) throws before anything is written and rolls
 * back its own nested unit of work only, so the good lines of the batch stay. A later line for the same bill sees the
 * earlier lines' events, staged in the batch. The one refusal that would fail the whole batch at its commit, a
 * reference already taken by another bill (a unique key), is decided before the command, from the references the
 * batch starts with and the ones its own lines took. The bills of a batch are read in one query as it starts
 * ({@link BillingService#recordTogether}), and its report lines written in one statement.
 * Whatever still fails the transaction (a concurrent writer on another node claimed the same key or bill, or the
 * batch names a provider never recorded before in two spellings) rolls the batch back, and its lines are then
 * recorded one by one, exactly as {@code POST /api/payments} records them.
 */
@Component
public class ReconciliationImporter {

    /** Lines per transaction. */
    static final int BATCH = 500;

    private static final Logger log = LoggerFactory.getLogger(ReconciliationImporter.class);

    private final BillingService billing;
    private final Reconciliations reconciliations;
    private final Jobs jobs;
    private final TransactionTemplate transactions;
    private final ObjectProvider<LineCounter> counters;
    private final CommandBatch commandBatch;
    private final ScheduledExecutorService watcher = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "reconciliation-watch");
        thread.setDaemon(true);
        return thread;
    });
    private final ExecutorService workers = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "reconciliation-import");
        thread.setDaemon(true);
        return thread;
    });

    public ReconciliationImporter(BillingService billing, Reconciliations reconciliations, Jobs jobs,
                                  PlatformTransactionManager transactionManager, ObjectProvider<LineCounter> counters,
                                  CommandBatch commandBatch) {
        this.commandBatch = commandBatch;
        this.billing = billing;
        this.reconciliations = reconciliations;
        this.jobs = jobs;
        this.transactions = new TransactionTemplate(transactionManager);
        this.counters = counters;
    }

    /** The lines of one file, read as the import goes; closed when it ends. */
    public interface Source extends Iterator<ImportLine>, AutoCloseable {
        @Override
        void close();
    }

    /** Records a new import of a file, running; its id is also its job's. */
    public UUID begin(String sha256, String actor, String provider, long bytes, long lines) {
        return reconciliations.begin(sha256, actor, provider, bytes, lines);
    }

    /** Imports in this thread, returning when the report is complete. */
    public void run(UUID id, Source lines, RequestContext context) {
        try (lines) {
            long processed = 0;
            while (lines.hasNext()) {
                List<ImportLine> batch = new ArrayList<>(BATCH);
                while (batch.size() < BATCH && lines.hasNext()) {
                    batch.add(lines.next());
                }
                long done = processed + batch.size();
                List<LineResult> results;
                try {
                    results = commandBatch.inOneTransaction("reconciliation " + id, context, () -> {
                        List<LineResult> decided = decide(batch, context);
                        commitBatch(id, decided, done);
                        return decided;
                    });
                } catch (Interrupted e) {
                    throw e;
                } catch (RuntimeException e) {
                    log.info("Import {}: a batch of {} lines met a concurrent writer ({}); recording it line by line",
                            id, batch.size(), e.toString());
                    List<LineResult> oneByOne = oneByOne(batch, context);
                    transactions.executeWithoutResult(status -> commitBatch(id, oneByOne, done));
                    results = oneByOne;
                }
                processed = done;
                Map<Outcome, Long> counted = new EnumMap<>(Outcome.class);
                results.forEach(r -> counted.merge(r.outcome(), 1L, Long::sum));
                counters.ifAvailable(counter -> counted.forEach(counter::counted));
            }
            jobs.succeeded(id, processed);
        } catch (Interrupted e) {
            log.warn("Import {} stopped: it was taken for interrupted", id);
        } catch (RuntimeException | Error e) {
            log.error("Import {} failed", id, e);
            jobs.failed(id, String.valueOf(e));
        }
    }

    /** Imports in a thread of its own; the job shows the progress. */
    public void start(UUID id, Source lines, RequestContext context) {
        workers.submit(() -> run(id, lines, context));
    }

    /**
     * Every node looks, now and then, for imports whose node stopped or died (no heartbeat for a minute) and marks
     * them failed, so that no import stays running for ever; their file may be sent again, and what they stored comes
     * back as duplicates.
     */
    @EventListener(ApplicationReadyEvent.class)
    public void watchForInterrupted() {
        watcher.scheduleWithFixedDelay(this::failInterrupted, 0, 30, TimeUnit.SECONDS);
    }

    @EventListener(ContextClosedEvent.class)
    public void stopWatching() {
        watcher.shutdownNow();
    }

    public void failInterrupted() {
        try {
            int failed = reconciliations.failInterrupted();
            if (failed > 0) {
                log.info("{} reconciliation imports were interrupted by a stop and are marked failed", failed);
            }
        } catch (RuntimeException e) {
            log.warn("Could not look for interrupted imports: {}", e.toString());
        }
    }

    private void commitBatch(UUID id, List<LineResult> results, long done) {
        reconciliations.append(id, results);
        if (!reconciliations.beat(id)) {
            throw new Interrupted();
        }
        jobs.progress(id, done, done);
    }

    /** Decides every line of a batch inside its transaction. */
    private List<LineResult> decide(List<ImportLine> batch, RequestContext context) {
        List<BillingService.Together> payments = batch.stream().filter(line -> line.rejection() == null)
                .map(line -> new BillingService.Together(billing.underRecordedProvider(line.payment()), context))
                .toList();
        Iterator<BillingService.Decided> decided = billing.recordTogether(payments).iterator();
        List<LineResult> results = new ArrayList<>(batch.size());
        for (ImportLine line : batch) {
            if (line.rejection() != null) {
                results.add(LineResult.refused(line, line.rejection(), null));
                continue;
            }
            BillingService.Decided outcome = decided.next();
            if (outcome.refusal() != null) {
                results.add(LineResult.refused(line, outcome.refusal(), line.payment().paymentId().toString()));
            } else {
                results.add(LineResult.recorded(line, outcome.outcome().alreadyRecorded() ? Outcome.DUPLICATE
                        : Outcome.ACCEPTED, outcome.outcome().paymentId()));
            }
        }
        return results;
    }

    /** A batch that met a concurrent writer: each line in its own transactions, as the single-payment API does. */
    private List<LineResult> oneByOne(List<ImportLine> batch, RequestContext context) {
        List<LineResult> results = new ArrayList<>(batch.size());
        for (ImportLine line : batch) {
            if (line.rejection() != null) {
                results.add(LineResult.refused(line, line.rejection(), null));
                continue;
            }
            try {
                PaymentOutcome outcome = billing.recordPayment(line.payment(), context);
                results.add(LineResult.recorded(line, outcome.alreadyRecorded() ? Outcome.DUPLICATE
                        : Outcome.ACCEPTED, outcome.paymentId()));
            } catch (DomainException e) {
                results.add(LineResult.refused(line, e, line.payment().paymentId().toString()));
            }
        }
        return results;
    }

    /** The import was taken for interrupted (its heartbeat went stale): it stops without committing more. */
    private static final class Interrupted extends RuntimeException {
        Interrupted() {
            super("the import was taken for interrupted");
        }
    }
}
