package vn.evn.cashless.application.demo;

import java.util.Iterator;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;
import vn.evn.cashless.application.billing.BillingService;
import vn.evn.cashless.application.customer.CustomerService;
import vn.evn.cashless.application.messaging.CommandBatch;
import vn.evn.cashless.application.messaging.RequestContext;
import vn.evn.cashless.application.nodes.ClusterLock;
import vn.evn.cashless.domain.billing.RecordPayment;
import vn.evn.cashless.domain.customer.RegisterPaymentChannel;

/**
 * Loads the Bắc Mê demo through the command side (the same aggregates as the API, never SQL) when the {@code demo}
 * profile is active. Commands go in batches, each batch one transaction together with the record of its progress,
 * so a second start neither loads twice nor, after a crash, leaves half a batch behind. Runs beside the HTTP
 * server, which answers meanwhile; {@code GET /api/status} shows how far it is.
 */
@Component
@Profile("demo")
public class DemoDataLoader implements ApplicationRunner {

    public static final String NAME = "bac-me-2021-h1";
    private static final Logger log = LoggerFactory.getLogger(DemoDataLoader.class);
    private static final int BATCH = 500;
    private static final long WAIT_FOR_OTHER_NODE_MILLIS = 2_000;

    private final CommandGateway commands;
    private final CommandBatch commandBatch;
    private final DemoLoad load;
    private final AtomicReference<String> failure = new AtomicReference<>();
    private final AtomicBoolean running = new AtomicBoolean();

    private final ClusterLock clusterLock;
    private final BillingService billing;
    private final CustomerService customers;

    public DemoDataLoader(CommandGateway commands, CommandBatch commandBatch, DemoLoad load,
                          ClusterLock clusterLock, BillingService billing, CustomerService customers) {
        this.commands = commands;
        this.commandBatch = commandBatch;
        this.clusterLock = clusterLock;
        this.load = load;
        this.billing = billing;
        this.customers = customers;
    }

    @Override
    public void run(ApplicationArguments args) {
        running.set(true);
        Thread loader = new Thread(() -> {
            try {
                loadOnOneNode();
            } finally {
                running.set(false);
            }
        }, "demo-loader");
        loader.setDaemon(true);
        loader.start();
    }

    /** Whether this start's loader is still at work (deciding, loading or resuming). */
    public boolean running() {
        return running.get();
    }

    /** Why the last load failed, if it did. */
    public String failure() {
        return failure.get();
    }

    /**
     * Several nodes started with the demo profile load it once: the node holding the lock loads, the others wait
     * until it has finished. If it dies, its lock is free and a waiting node resumes the load from its last batch.
     */
    private void loadOnOneNode() {
        while (true) {
            Optional<ClusterLock.Held> lock = clusterLock.tryLock("demo:" + NAME);
            if (lock.isPresent()) {
                try (ClusterLock.Held held = lock.get()) {
                    load();
                }
                return;
            }
            if (load.progress(NAME).map(DemoLoad.Progress::finished).orElse(false)) {
                return;
            }
            try {
                Thread.sleep(WAIT_FOR_OTHER_NODE_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    void load() {
        DemoLoad.Progress progress = load.progress(NAME).orElse(null);
        if (progress != null && progress.finished()) {
            log.info("Demo data {} already loaded ({} commands in {} ms); nothing to do", NAME, progress.commands(),
                    progress.millis());
            return;
        }
        int done = progress == null ? 0 : progress.batchesDone();
        RequestContext context = new RequestContext("demo-loader", "demo-" + NAME, "demo");
        Iterator<Object> all = new BacMeDemo().commands();
        long skipped = 0;
        for (long i = 0; i < (long) done * BATCH && all.hasNext(); i++) {
            all.next();
            skipped++;
        }
        log.info("Loading demo data {}{}", NAME, done == 0 ? "" : " from batch " + done + " on");
        long started = System.nanoTime();
        long sent = 0;
        try {
            while (all.hasNext()) {
                int batch = ++done;
                // one batch, one transaction: the commands and the record of the batch done, so that a resumed
                // load starts exactly after the last batch stored
                sent += commandBatch.inOneTransaction("demo " + NAME + " batch " + batch, context, () -> {
                    int count = 0;
                    while (count < BATCH && all.hasNext()) {
                        commands.sendAndWait(GenericCommandMessage
                                .asCommandMessage(underRecordedProvider(all.next()))
                                .andMetaData(context.toMetaData()));
                        count++;
                    }
                    load.recordBatch(NAME, batch);
                    return count;
                });
                if (done % 20 == 0) {
                    log.info("Demo data: {} commands sent", skipped + sent);
                }
            }
            long millis = (System.nanoTime() - started) / 1_000_000;
            load.recordFinished(NAME, millis, sent);
            log.info("Demo data {} loaded: {} commands in {} ms ({} commands/s)", NAME, sent, millis,
                    millis == 0 ? sent : sent * 1000 / millis);
        } catch (RuntimeException e) {
            failure.set(e.toString());
            log.error("Demo data load stopped after {} commands; a restart resumes it", skipped + sent, e);
        }
    }

    /** A payment or registration under its provider's name as already recorded, as a request's would be. */
    private Object underRecordedProvider(Object command) {
        if (command instanceof RecordPayment payment) {
            return billing.underRecordedProvider(payment);
        }
        if (command instanceof RegisterPaymentChannel registration) {
            return customers.underRecordedProvider(registration);
        }
        return command;
    }
}
