package vn.evn.cashless.api.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import javax.sql.DataSource;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import vn.evn.cashless.api.LedgerApplication;
import vn.evn.cashless.api.support.Http;
import vn.evn.cashless.api.support.Tester;
import vn.evn.cashless.application.infrastructure.EmbeddedPostgresServer;
import vn.evn.cashless.application.billing.BillingService;
import vn.evn.cashless.application.messaging.RequestContext;
import vn.evn.cashless.domain.billing.BillId;
import vn.evn.cashless.domain.billing.BillingPeriod;
import vn.evn.cashless.domain.billing.ExternalRef;
import vn.evn.cashless.domain.billing.RecordPayment;
import vn.evn.cashless.domain.billing.Vnd;
import vn.evn.cashless.domain.channel.ChannelKind;
import vn.evn.cashless.domain.channel.Provider;
import vn.evn.cashless.domain.customer.CustomerCode;

/**
 * Prints how fast the ledger is on this machine, beside raw PostgreSQL on the same server in the same run. Not part
 * of {@code ./mvnw verify}; run it with {@code ./mvnw -Pbenchmark verify}. It measures, it asserts no speed.
 *
 * <p>Steps: the Bắc Mê demo load (batched commands); payments recorded one command per transaction, as the API
 * records them, from 1 and from 8 threads, against single-row INSERT transactions from as many threads; the same
 * over HTTP; a full replay of the payment read model against a raw sequential read of the event table; and the
 * latency of the coverage and progress queries.
 */
class LedgerBenchmark {

    private static final int THREADS = 8;
    private static String ownerUrl;

    private static String[] arguments(Path data) {
        List<String> arguments = new ArrayList<>(List.of("--spring.profiles.active=demo", "--server.port=0",
                "--ledger.embedded-postgres.data-dir=" + data.toAbsolutePath()));
        Tester.settings().forEach(setting -> arguments.add("--" + setting));
        return arguments.toArray(String[]::new);
    }
    private final Map<String, String> results = new LinkedHashMap<>();

    @Test
    void measure() throws Exception {
        Path data = Path.of("target", "benchmark-data", UUID.randomUUID().toString(), "postgres");
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(LedgerApplication.class)
                .run(arguments(data))) {
            Http http = new Http(Integer.parseInt(app.getEnvironment().getProperty("local.server.port")));
            DataSource dataSource = app.getBean(DataSource.class);
            ownerUrl = app.getBean(EmbeddedPostgresServer.class).jdbcUrl();
            BillingService billing = app.getBean(BillingService.class);

            JsonNode demo = awaitDemo(http);
            results.put("demo load (batched commands, 1 thread)", String.format("%,d commands in %.1f s = %,.0f commands/s",
                    demo.get("commands").asLong(), demo.get("millis").asLong() / 1000.0,
                    demo.get("commandsPerSecond").asDouble()));

            double raw1 = rawSingleRowTransactions(dataSource, 1, 3_000);
            double raw8 = rawSingleRowTransactions(dataSource, THREADS, 12_000);
            double rawBatch = rawBatchedRows(dataSource, 200, 500);
            results.put("raw PostgreSQL: 1-row INSERT per transaction, 1 thread", perSecond(raw1, "tx"));
            results.put("raw PostgreSQL: 1-row INSERT per transaction, 8 threads", perSecond(raw8, "tx"));
            results.put("raw PostgreSQL: 500-row INSERT per transaction, 1 thread", perSecond(rawBatch, "rows"));

            // Customers i = 0..9999 have bills for January to June; July bills are issued here, untimed.
            RequestContext context = new RequestContext("benchmark", "benchmark", "benchmark");
            BillingPeriod july = BillingPeriod.of("2021-07");
            run(THREADS, 10_000, i -> billing.issueBill(BillId.of(customer(i), july), Vnd.of(300_000),
                    LocalDate.of(2021, 7, 25), context));

            // Warm-up, untimed: the JIT compiles the command and HTTP paths on August bills before anything is timed.
            BillingPeriod august = BillingPeriod.of("2021-08");
            run(THREADS, 1_000, i -> billing.issueBill(BillId.of(customer(i), august), Vnd.of(300_000),
                    LocalDate.of(2021, 8, 25), context));
            run(THREADS, 500, i -> billing.recordPayment(new RecordPayment(BillId.of(customer(i), august),
                    Vnd.of(300_000), ChannelKind.BANK, Provider.of("BIDV"), ExternalRef.of("WARM-" + i),
                    Instant.parse("2021-08-10T03:00:00Z"), true), context));
            run(THREADS, 500, n -> http.post("/api/payments", Map.of("customer", customer(500 + n).value(),
                    "period", "2021-08", "amount", 300_000, "kind", "BANK", "provider", "BIDV",
                    "externalRef", "WARM-HTTP-" + n, "paidAt", "2021-08-11T03:00:00Z")));

            AtomicInteger next = new AtomicInteger();
            IntConsumer pay = n -> {
                int i = next.getAndIncrement();
                billing.recordPayment(new RecordPayment(BillId.of(customer(i), july), Vnd.of(300_000),
                        ChannelKind.E_WALLET, Provider.of("MoMo"), ExternalRef.of("BENCH-" + i),
                        Instant.parse("2021-07-10T03:00:00Z"), true), context);
            };
            double one = run(1, 2_000, pay);
            double eight = run(THREADS, 4_000, pay);
            results.put("ledger: RecordPayment, 1 command per transaction, 1 thread",
                    perSecond(one, "commands") + ratio(one, raw1, "1-row tx, 1 thread"));
            results.put("ledger: RecordPayment, 1 command per transaction, 8 threads",
                    perSecond(eight, "commands") + ratio(eight, raw8, "1-row tx, 8 threads"));

            double overHttp = run(THREADS, 4_000, n -> {
                int i = next.getAndIncrement();
                Http.Response response = http.post("/api/payments", Map.of("customer", customer(i).value(),
                        "period", "2021-07", "amount", 300_000, "kind", "BANK", "provider", "BIDV",
                        "externalRef", "BENCH-HTTP-" + i, "paidAt", "2021-07-11T03:00:00Z"));
                assertThat(response.status()).isEqualTo(201);
            });
            results.put("HTTP: POST /api/payments, 8 clients",
                    perSecond(overHttp, "requests") + ratio(overHttp, raw8, "1-row tx, 8 threads"));

            long head = http.get("/api/status").json().get("head").asLong();
            double rawRead = rawSequentialRead(dataSource);
            double replay = replay(app.getBean(EventProcessingConfiguration.class), "payments", head);
            results.put("raw PostgreSQL: sequential read of the event table", perSecond(rawRead, "rows"));
            results.put("ledger: full replay of the payments read model", perSecond(replay, "events")
                    + ratio(replay, rawRead, "raw sequential read"));

            results.put("GET coverage 2021-H1 (13 communes)", latency(http, "/api/branches/BM/coverage?period=2021-H1"));
            results.put("GET progress 2021-H1", latency(http, "/api/plans/BM/2021-H1/progress"));
            results.put("GET channels 2021", latency(http, "/api/branches/BM/channels?period=2021"));

            // A reconciliation file of 100,000 lines: ten 1,000 VND payments on each customer's September bill.
            BillingPeriod september = BillingPeriod.of("2021-09");
            run(THREADS, 10_000, i -> billing.issueBill(BillId.of(customer(i), september), Vnd.of(300_000),
                    LocalDate.of(2021, 9, 25), context));
            int lines = Integer.getInteger("reconciliation.lines", 100_000);
            StringBuilder file = new StringBuilder("customer,period,amount,kind,provider,externalRef,paidAt\n");
            for (int n = 0; n < lines; n++) {
                file.append(customer(n / 10 % 10_000).value()).append(",2021-09,1000,")
                        .append(n % 3 == 0 ? "E_WALLET,MoMo," : "BANK,Agribank,").append("RECON-").append(n)
                        .append(",2021-09-15T09:00:00+07:00\n");
            }
            Http.Response started = http.post("/api/reconciliations", file.toString(),
                    Map.of("Content-Type", "text/csv"));
            assertThat(started.status()).as(started.toString()).isEqualTo(202);
            String report = started.header("Location") + "?limit=1";
            JsonNode imported = await().atMost(Duration.ofMinutes(60)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> http.get(report).json(), r -> !r.get("state").asString().equals("RUNNING"));
            assertThat(imported.get("state").asString()).as(imported.toString()).isEqualTo("SUCCEEDED");
            results.put("HTTP: POST /api/reconciliations, " + String.format("%,d", lines) + " lines (a job)",
                    perSecond(imported.get("progress").get("linesPerSecond").asDouble(), "lines")
                            + ", " + imported.get("totals").get("accepted").get("lines").asLong() + " accepted");
        }
        System.out.println();
        System.out.println("Ledger benchmark, " + Runtime.getRuntime().availableProcessors() + " cores, "
                + "PostgreSQL embedded with fsync and synchronous_commit on");
        results.forEach((name, value) -> System.out.printf("  %-62s %s%n", name, value));
        System.out.println();
    }

    private static CustomerCode customer(int i) {
        return CustomerCode.of(String.format("PA20BM%07d", i + 1));
    }

    private static JsonNode awaitDemo(Http http) {
        JsonNode[] demo = new JsonNode[1];
        await().atMost(Duration.ofMinutes(15)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            JsonNode status = http.get("/api/status").json();
            demo[0] = status.get("demo");
            return demo[0].get("state").asString().equals("loaded") && status.get("caughtUp").asBoolean();
        });
        return demo[0];
    }

    /** Runs {@code count} tasks on {@code threads} threads; returns tasks per second. */
    private static double run(int threads, int count, IntConsumer task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            AtomicInteger left = new AtomicInteger(count);
            List<Future<?>> workers = new ArrayList<>();
            long started = System.nanoTime();
            for (int t = 0; t < threads; t++) {
                workers.add(pool.submit(() -> {
                    int n;
                    while ((n = left.decrementAndGet()) >= 0) {
                        task.accept(n);
                    }
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
            return count / ((System.nanoTime() - started) / 1e9);
        } finally {
            pool.shutdownNow();
        }
    }

    private static double rawSingleRowTransactions(DataSource dataSource, int threads, int count) throws Exception {
        createRawTable(dataSource);
        byte[] payload = new byte[300];
        return run(threads, count, n -> {
            try (Connection c = dataSource.getConnection();
                 PreparedStatement insert = c.prepareStatement(
                         "INSERT INTO bench_raw (key, payload) VALUES (?, ?)")) {
                c.setAutoCommit(true);
                insert.setString(1, UUID.randomUUID().toString());
                insert.setBytes(2, payload);
                insert.executeUpdate();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static double rawBatchedRows(DataSource dataSource, int transactions, int rows) throws Exception {
        createRawTable(dataSource);
        byte[] payload = new byte[300];
        double txPerSecond = run(1, transactions, n -> {
            try (Connection c = dataSource.getConnection();
                 PreparedStatement insert = c.prepareStatement(
                         "INSERT INTO bench_raw (key, payload) VALUES (?, ?)")) {
                c.setAutoCommit(false);
                for (int r = 0; r < rows; r++) {
                    insert.setString(1, UUID.randomUUID().toString());
                    insert.setBytes(2, payload);
                    insert.addBatch();
                }
                insert.executeBatch();
                c.commit();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        return txPerSecond * rows;
    }

    /** The baseline's table is made by the schema's owner: the application's role may not create tables. */
    private static void createRawTable(DataSource dataSource) throws Exception {
        try (Connection c = DriverManager.getConnection(ownerUrl, "postgres", ""); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS bench_raw (id BIGSERIAL PRIMARY KEY, key VARCHAR(64) UNIQUE, "
                    + "payload BYTEA)");
        }
    }

    private static double rawSequentialRead(DataSource dataSource) throws Exception {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement read = c.prepareStatement(
                    "SELECT globalindex, payloadtype, payload, metadata FROM domainevententry ORDER BY globalindex")) {
                read.setFetchSize(1_000);
                long started = System.nanoTime();
                long rows = 0;
                long bytes = 0;
                try (ResultSet rs = read.executeQuery()) {
                    while (rs.next()) {
                        rows++;
                        bytes += rs.getBytes(3).length;
                    }
                }
                assertThat(bytes).isPositive();
                return rows / ((System.nanoTime() - started) / 1e9);
            }
        }
    }

    /** Resets a read model and times its rebuild from the first event to the head. */
    private static double replay(EventProcessingConfiguration processing, String name, long head) {
        StreamingEventProcessor processor = processing.eventProcessor(name, StreamingEventProcessor.class)
                .orElseThrow();
        processor.shutDown();
        processor.resetTokens();
        long started = System.nanoTime();
        processor.start();
        await().atMost(Duration.ofMinutes(15)).pollInterval(Duration.ofMillis(20)).until(() ->
                !processor.processingStatus().isEmpty() && processor.processingStatus().values().stream()
                        .allMatch(s -> s.getCurrentPosition().orElse(0) >= head));
        return head / ((System.nanoTime() - started) / 1e9);
    }

    private static String latency(Http http, String path) {
        for (int i = 0; i < 20; i++) {
            http.get(path);
        }
        long[] nanos = new long[200];
        for (int i = 0; i < nanos.length; i++) {
            long started = System.nanoTime();
            assertThat(http.get(path).status()).isEqualTo(200);
            nanos[i] = System.nanoTime() - started;
        }
        Arrays.sort(nanos);
        return String.format("p50 %.1f ms, p95 %.1f ms, max %.1f ms", nanos[100] / 1e6, nanos[190] / 1e6,
                nanos[199] / 1e6);
    }

    private static String perSecond(double value, String unit) {
        return String.format("%,.0f %s/s", value, unit);
    }

    private static String ratio(double ledger, double raw, String against) {
        return String.format("  (%.2f × %s)", ledger / raw, against);
    }
}
