package vn.evn.cashless.api.benchmark;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import vn.evn.cashless.api.support.FreePorts;
import vn.evn.cashless.api.support.Http;
import vn.evn.cashless.api.support.RunningApplication;
import vn.evn.cashless.api.support.Tester;
import vn.evn.cashless.api.support.SharedDatabase;

/**
 * The one benchmark of issue 10: the ledger measured from outside its JVM, each figure beside what the same
 * PostgreSQL server does raw in the same run, with the ratio and the target. It asserts no speed: it prints a table
 * and writes {@code api/target/bench/results.json}.
 *
 * <pre>
 * ./mvnw -B -Pbenchmark -pl api -am verify -Dtest=SpeedBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dit.test=NONE [-Dbench.events=1000000] [-Dbench.quick=true]
 * </pre>
 *
 * <p>The application runs in a JVM of its own with {@code -Xmx512m} on a fresh embedded PostgreSQL (fsync and
 * synchronous_commit on); 16 client threads in this JVM drive it over HTTP. Where {@code wrk} is installed (or can
 * be: {@code apt-get install wrk} as root), the HTTP ceiling and the ingests are measured once more with the load from
 * {@code wrk}, a process of its own that takes far less of the two cores than this JVM. The baselines connect with
 * JDBC to the same server (its port is fixed at start) and work in a schema of their own, {@code bench}. The history
 * is built through the ledger's public paths only: the Bắc Mê demo load, then reconciliation files. Each measurement
 * runs on its own; one that fails is reported in the table, and the others still run.
 */
class SpeedBenchmark {

    private static final boolean QUICK = Boolean.getBoolean("bench.quick");
    private static final long EVENTS = Long.getLong("bench.events", QUICK ? 0 : 1_000_000);
    private static final int CLIENTS = 16;
    private static final int INGEST = Integer.getInteger("bench.ingest", QUICK ? 2_000 : 10_000);
    private static final int RECONCILIATION_LINES = Integer.getInteger("bench.reconciliation.lines",
            QUICK ? 5_000 : 100_000);
    private static final int QUERIES = QUICK ? 200 : 1_000;
    private static final int QUERY_WARM_UP = QUICK ? 100 : 500;
    private static final int LATENCY_PAYMENTS = QUICK ? 100 : 200;
    /** Payments before the timed ones, so that the JIT has compiled the path on the empty ledger too. */
    private static final int LATENCY_WARM_UP = 200;
    private static final int DEMO_CUSTOMERS = 10_000;
    /** How long wrk loads the server before a measured run, and how long the measured run lasts. */
    private static final Duration WRK_WARM_UP = Duration.ofSeconds(QUICK ? 3 : 10);
    private static final Duration WRK_RUN = Duration.ofSeconds(QUICK ? 5 : 20);
    /**
     * Payments through the two nodes before their ingest is timed, each on a bill of its own, after a customer and a
     * bill made over HTTP for every payment; the JIT compiles the path meanwhile.
     */
    private static final int TWO_NODES_WARM_UP = QUICK ? 500 : 2_000;
    private static final int LINES_PER_BILL = 10;
    private static final int HISTORY_FILE_LINES = 100_000;
    private static final Path ROOT = Path.of("target", "bench");

    private final Map<String, Row> rows = new LinkedHashMap<>();
    private final Map<String, Double> baselines = new LinkedHashMap<>();
    private final AtomicLong maxHeap = new AtomicLong();
    /** Off while queries are timed: a scrape of the metrics is itself a request, and makes garbage. */
    private final AtomicBoolean sampling = new AtomicBoolean(true);
    private final List<String> notes = new ArrayList<>();
    private int pgPort;
    private Optional<Path> wrk = Optional.empty();
    private Http http;
    private int port;
    private long head;

    /** One line of the table; numbers are null where there is none. */
    record Row(String figure, Double value, String unit, Double baseline, String baselineName, Double ratio,
               String target, Boolean met, String error) {
    }

    @Test
    void measure() throws Exception {
        Path run = ROOT.resolve("run-" + UUID.randomUUID());
        Path data = run.resolve("node").resolve("postgres");
        pgPort = FreePorts.draw();
        wrk = Wrk.find(notes);
        List<String> jvm = List.of("-Xmx512m");
        String pg = "--ledger.embedded-postgres.port=" + pgPort;

        // 1. fresh database, no demo: start time, append latency on the empty ledger
        long launched = System.nanoTime();
        try (RunningApplication app = RunningApplication.start(data, Map.of(), jvm, pg)) {
            record("time from process start to first answered request, fresh database",
                    (System.nanoTime() - launched) / 1e6, "ms", null, null, null, null);
            http = app.http();
            step("append latency p50, empty ledger", () -> appendLatency("ZA", "empty ledger"));
        }

        // 2. the history, through the demo load and reconciliation files
        try (RunningApplication app = RunningApplication.start(data, Map.of(), jvm, pg,
                "--spring.profiles.active=demo")) {
            http = app.http();
            port = app.port();
            ScheduledExecutorService heap = heapSampler();
            try {
                step("history: demo load", this::demoLoad);
                step("history: reconciliation files", this::buildHistory);
                head = head();
                notes.add(String.format("history: %,d events (asked for %,d)", head, EVENTS));

                // 3. baselines, on the same server, at the chosen size
                step("raw: 1-row INSERT transactions/s, 1 client", () -> rawSingleRowInserts(1));
                step("raw: 1-row INSERT transactions/s, 16 clients", () -> rawSingleRowInserts(CLIENTS));
                step("raw: select an aggregate's rows + INSERT one, transactions/s, 16 clients",
                        this::rawSelectAndInsert);
                step("raw: 500-row batch INSERT rows/s", this::rawBatchInsert);
                step("raw: sequential read rows/s (copy of the event table)", this::rawSequentialRead);

                // 4. the ledger
                step("append latency p50, at the chosen size", () -> appendLatency("ZB", "chosen size"));
                step("the server's own ceiling: GET /api/branches/BM, 16 clients", this::httpCeiling);
                step("ingest: POST /api/payments, 16 clients", () -> ingest("2021-08", 0.0));
                step("ingest with ~20% resent duplicates, 16 clients", () -> ingest("2021-10", 0.2));
                if (wrk.isPresent()) {
                    step("ingest, load from wrk", () -> ingestFromWrk("2021-09", 0.0));
                    step("ingest with ~20% resent duplicates, load from wrk", () -> ingestFromWrk("2021-12", 0.2));
                }
                step("reconciliation import lines/s", this::reconciliation);
                step("query p50/p99", this::queries);
                step("as-of figures", this::asOf);
                step("audit export events/s", this::auditExport);
                step("verify events/s", this::verify);
                step("rebuild of the payments read model events/s", this::rebuild);
            } finally {
                heap.shutdownNow();
                heap.awaitTermination(30, TimeUnit.SECONDS);
            }
            record("heap used, max over the run (-Xmx512m)", maxHeap.get() / 1024.0 / 1024.0, "MiB", null, null,
                    "< 512 MiB", maxHeap.get() > 0 ? maxHeap.get() < 512L * 1024 * 1024 : null);
        }

        // 5. start at the chosen size
        long restarted = System.nanoTime();
        try (RunningApplication app = RunningApplication.start(data, Map.of(), jvm, pg)) {
            record("time from process start to first answered request, at the chosen size",
                    (System.nanoTime() - restarted) / 1e6, "ms", null, null, null, null);
        }

        // 6. two nodes on one database
        step("ingest on two nodes, 16 clients", () -> twoNodes(run.resolve("two-nodes")));

        report(true);
    }

    // ---------------------------------------------------------------------------------------------- the history

    private void demoLoad() {
        long started = System.nanoTime();
        JsonNode[] demo = new JsonNode[1];
        await().atMost(Duration.ofMinutes(30)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            JsonNode status = http.get("/api/status").json();
            demo[0] = status.get("demo");
            return demo[0].get("state").asString().equals("loaded") && status.get("caughtUp").asBoolean();
        });
        double seconds = (System.nanoTime() - started) / 1e9;
        long events = head();
        record("history: demo load (batches of 500 commands), events/s", events / seconds, "events/s", null, null,
                null, null);
        notes.add(String.format("demo load: %,d commands, %,d events in %.0f s", demo[0].get("commands").asLong(),
                events, seconds));
    }

    /**
     * Month after month, a bill for each of the BM customers and a reconciliation file paying each bill in
     * {@value #LINES_PER_BILL} lines of 1,000 VND, until the event table holds the size asked for.
     */
    private void buildHistory() throws Exception {
        long start = head();
        if (start >= EVENTS) {
            return;
        }
        long started = System.nanoTime();
        YearMonth period = YearMonth.of(2022, 1);
        long lines = 0;
        int files = 0;
        for (long now = start; now < EVENTS; now = head(), period = period.plusMonths(1)) {
            issueBills(period, DEMO_CUSTOMERS, 1_000L * LINES_PER_BILL);
            long wanted = Math.min(EVENTS - head(), (long) DEMO_CUSTOMERS * LINES_PER_BILL);
            for (long offset = 0; offset < wanted; offset += HISTORY_FILE_LINES) {
                int size = (int) Math.min(HISTORY_FILE_LINES, wanted - offset);
                JsonNode done = importFile(period, offset, size, "HIST-" + (files++));
                long accepted = done.get("totals").get("accepted").get("lines").asLong();
                if (accepted != size) {
                    // a history that quietly stops paying its bills is not the history asked for
                    throw new IllegalStateException("history: " + size + " lines of " + period + ", " + accepted
                            + " accepted: " + done.get("totals"));
                }
                lines += accepted;
            }
        }
        awaitCaughtUp();
        long end = head();
        double seconds = (System.nanoTime() - started) / 1e9;
        record("history: bills over HTTP + reconciliation files, events/s", (end - start) / seconds, "events/s",
                null, null, null, null);
        notes.add(String.format("history after the demo: %,d events in %.0f s (%,d payment lines in %d files)",
                end - start, seconds, lines, files));
    }

    private long head() {
        return http.get("/api/status").json().get("head").asLong();
    }

    /** Bills over HTTP for customers 1..count of the demo branch BM, 16 clients, untimed. */
    private void issueBills(YearMonth period, int count, long amount) throws Exception {
        LocalDate due = period.atDay(25);
        Clients.run(CLIENTS, count, i -> {
            Http.Response r = http.post("/api/bills", Map.of("customer", bm(i), "period", period.toString(),
                    "amount", amount, "dueDate", due.toString()));
            if (r.status() != 201 && r.status() != 409) {
                throw new IllegalStateException("bill " + bm(i) + " " + period + ": " + r);
            }
        });
    }

    /** Imports {@code lines} payments of 1,000 VND, spread over the BM customers' bills of a period. */
    private JsonNode importFile(YearMonth period, long offset, int lines, String prefix) throws Exception {
        Path csv = Files.createTempFile(ROOT.toAbsolutePath(), "reconciliation-", ".csv");
        // the 10th of the bill's month, or a day ago for a bill of a month still to come: the ledger refuses a
        // payment made in the future, and ten million events of history reach past the present month
        OffsetDateTime paidAt = OffsetDateTime.of(period.atDay(10).atTime(9, 0), ZoneOffset.ofHours(7));
        OffsetDateTime dayAgo = OffsetDateTime.now(ZoneOffset.ofHours(7)).minusDays(1).withNano(0);
        if (paidAt.isAfter(dayAgo)) {
            paidAt = dayAgo;
        }
        try {
            try (var out = Files.newBufferedWriter(csv)) {
                out.write("customer,period,amount,kind,provider,externalRef,paidAt\n");
                for (long n = offset; n < offset + lines; n++) {
                    out.write(bm((int) (n % DEMO_CUSTOMERS)) + "," + period + ",1000,BANK,Agribank," + prefix + "-"
                            + n + "," + paidAt + "\n");
                }
            }
            Http.Response started = http.post("/api/reconciliations", Files.readString(csv),
                    Map.of("Content-Type", "text/csv"));
            if (started.status() != 202 && started.status() != 201) {
                throw new IllegalStateException("import: " + started);
            }
            if (started.status() == 201) {
                return started.json();
            }
            String report = started.header("Location") + "?limit=1";
            JsonNode imported = await().atMost(Duration.ofHours(2)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> http.get(report).json(), r -> !r.get("state").asString().equals("RUNNING"));
            if (!imported.get("state").asString().equals("SUCCEEDED")) {
                throw new IllegalStateException("import: " + imported);
            }
            return imported;
        } finally {
            Files.deleteIfExists(csv);
        }
    }

    // ------------------------------------------------------------------------------------------------ baselines

    private Connection raw() throws Exception {
        return DriverManager.getConnection("jdbc:postgresql://localhost:" + pgPort + "/postgres", "postgres", "");
    }

    private void rawSingleRowInserts(int clients) throws Exception {
        try (Connection c = raw(); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA IF NOT EXISTS bench");
            s.execute("CREATE TABLE IF NOT EXISTS bench.single (id BIGSERIAL PRIMARY KEY, key TEXT UNIQUE, "
                    + "payload BYTEA)");
        }
        int count = (QUICK ? 1_000 : 3_000) * (clients == 1 ? 1 : 4);
        byte[] payload = new byte[300];
        double tps = runConnections(clients, count, (c, n) -> {
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO bench.single (key, payload) VALUES (?, ?)")) {
                insert.setString(1, UUID.randomUUID().toString());
                insert.setBytes(2, payload);
                insert.executeUpdate();
            }
        });
        String name = "raw 1-row INSERT tx/s, " + clients + (clients == 1 ? " client" : " clients");
        baselines.put(name, tps);
        record(name, tps, "tx/s", null, null, null, null);
    }

    /** An aggregate is a key with 5 rows; a transaction reads one's rows, then appends the next. */
    private void rawSelectAndInsert() throws Exception {
        int aggregates = 20_000;
        try (Connection c = raw(); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA IF NOT EXISTS bench");
            s.execute("DROP TABLE IF EXISTS bench.aggregate_events");
            s.execute("CREATE TABLE bench.aggregate_events (aggregate TEXT NOT NULL, seq INT NOT NULL, "
                    + "payload BYTEA NOT NULL, PRIMARY KEY (aggregate, seq))");
            s.execute("INSERT INTO bench.aggregate_events SELECT 'A' || a, q, convert_to(repeat('x', 300), 'UTF8') "
                    + "FROM generate_series(1, " + aggregates + ") a, generate_series(1, 5) q");
            s.execute("ANALYZE bench.aggregate_events");
        }
        AtomicInteger next = new AtomicInteger();
        byte[] payload = new byte[300];
        double tps = runConnections(CLIENTS, QUICK ? 4_000 : 12_000, (c, n) -> {
            String aggregate = "A" + (1 + next.getAndIncrement() % aggregates);
            c.setAutoCommit(false);
            int last = 0;
            try (PreparedStatement select = c.prepareStatement(
                    "SELECT seq, payload FROM bench.aggregate_events WHERE aggregate = ? ORDER BY seq")) {
                select.setString(1, aggregate);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        last = rs.getInt(1);
                        rs.getBytes(2);
                    }
                }
            }
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO bench.aggregate_events (aggregate, seq, payload) VALUES (?, ?, ?)")) {
                insert.setString(1, aggregate);
                insert.setInt(2, last + 1);
                insert.setBytes(3, payload);
                insert.executeUpdate();
            }
            c.commit();
            c.setAutoCommit(true);
        });
        baselines.put("select-and-insert", tps);
        record("raw select an aggregate's 5 rows + INSERT one, tx/s, 16 clients", tps, "tx/s", null, null, null,
                null);
    }

    private void rawBatchInsert() throws Exception {
        double rows;
        try (Connection c = raw()) {
            rows = RawBatchInsert.rowsPerSecond(c, QUICK ? 60 : 200);
        }
        baselines.put("batch", rows);
        record("raw 500-row batch INSERT, rows/s", rows, "rows/s", null, null, null, null);
    }

    /** A copy of the event table in the bench schema, read whole in order with a cursor, every column fetched. */
    private void rawSequentialRead() throws Exception {
        try (Connection c = raw(); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA IF NOT EXISTS bench");
            s.execute("DROP TABLE IF EXISTS bench.event_copy");
            s.execute("CREATE TABLE bench.event_copy AS SELECT * FROM domainevententry");
            s.execute("ALTER TABLE bench.event_copy ADD PRIMARY KEY (globalindex)");
            s.execute("VACUUM ANALYZE bench.event_copy");
        }
        try (Connection c = raw()) {
            c.setAutoCommit(false);
            try (PreparedStatement read = c.prepareStatement("SELECT * FROM bench.event_copy ORDER BY globalindex")) {
                read.setFetchSize(1_000);
                long started = System.nanoTime();
                long count = 0;
                try (ResultSet rs = read.executeQuery()) {
                    int columns = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        count++;
                        for (int i = 1; i <= columns; i++) {
                            rs.getObject(i);
                        }
                    }
                }
                double rowsPerSecond = count / ((System.nanoTime() - started) / 1e9);
                baselines.put("sequential", rowsPerSecond);
                record(String.format("raw sequential read, rows/s (%,d rows, a copy of the event table)", count),
                        rowsPerSecond, "rows/s", null, null, null, null);
            }
        }
    }

    // -------------------------------------------------------------------------------------------------- the ledger

    /**
     * One client, one payment at a time, each on a bill of its own with no payment yet (customers of a branch made
     * for it), so that only the size of the history differs between the two measurements.
     */
    private void appendLatency(String branch, String where) throws Exception {
        String commune = "99" + (branch.charAt(1) - 'A' + 100);
        Http.Response b = http.post("/api/branches", Map.of("code", branch, "name", "Benchmark " + branch,
                "company", "Benchmark"));
        check(b, 201);
        check(http.post("/api/branches/" + branch + "/communes", Map.of("code", commune, "name", "Xã " + branch,
                "kind", "COMMUNE")), 201);
        List<String> customers = new ArrayList<>();
        for (int i = 0; i < LATENCY_PAYMENTS + LATENCY_WARM_UP; i++) {
            String code = String.format("PA20%s%07d", branch, i + 1);
            check(http.post("/api/customers", Map.of("code", code, "name", "Khách " + i, "branch", branch,
                    "commune", commune, "registeredAt", "2020-01-01T00:00:00+07:00")), 201);
            check(http.post("/api/bills", Map.of("customer", code, "period", "2021-07", "amount", 300_000,
                    "dueDate", "2021-07-25")), 201);
            customers.add(code);
        }
        long[] nanos = new long[LATENCY_PAYMENTS];
        for (int i = 0; i < customers.size(); i++) {
            long started = System.nanoTime();
            check(http.post("/api/payments", payment(customers.get(i), "2021-07", 300_000, "LAT-" + branch + "-" + i)),
                    201);
            if (i >= LATENCY_WARM_UP) {
                nanos[i - LATENCY_WARM_UP] = System.nanoTime() - started;
            }
        }
        Arrays.sort(nanos);
        double p50 = nanos[nanos.length / 2] / 1e6;
        if (where.equals("empty ledger")) {
            baselines.put("latency at zero", p50);
            record("append latency p50, 1 client, empty ledger", p50, "ms", null, null, null, null);
        } else {
            Double zero = baselines.get("latency at zero");
            Double ratio = zero == null ? null : p50 / zero;
            record("append latency p50, 1 client, at the chosen size", p50, "ms", zero, "p50 on the empty ledger",
                    "≤ 1.2× the empty ledger's", ratio == null ? null : ratio <= 1.2);
        }
    }

    /**
     * 16 clients each posting payments of 1,000 VND to the BM customers' bills of a period, one bill after another,
     * every answer checked (201, or 200 for a resent one). With a share of duplicates, that share of the requests
     * resends a payment already answered, identical; the figure counts every 2xx.
     */
    private void ingest(String period, double duplicates) throws Exception {
        int bills = Math.min(DEMO_CUSTOMERS, INGEST + 500);
        issueBills(YearMonth.parse(period), bills, 300_000);
        // warm-up, untimed
        Clients.run(CLIENTS, 500, i -> check(http.post("/api/payments",
                payment(bm(i % bills), period, 1_000, "WARM-" + period + "-" + i)), 201));
        ConcurrentLinkedQueue<Map<String, Object>> sent = new ConcurrentLinkedQueue<>();
        AtomicInteger fresh = new AtomicInteger(500);
        AtomicInteger resent = new AtomicInteger();
        double rate = Clients.run(CLIENTS, INGEST, n -> {
            Map<String, Object> again = duplicates > 0 && ThreadLocalRandom.current().nextDouble() < duplicates
                    ? sent.peek() : null;
            if (again != null) {
                check(http.post("/api/payments", again), 200);
                resent.incrementAndGet();
                return;
            }
            int i = fresh.getAndIncrement();
            Map<String, Object> body = payment(bm(i % bills), period, 1_000, "BENCH-" + period + "-" + i);
            check(http.post("/api/payments", body), 201);
            sent.add(body);
            if (sent.size() > 1_000) {
                sent.poll();
            }
        });
        Double baseline = baselines.get("select-and-insert");
        if (duplicates == 0) {
            record("ingest: POST /api/payments, 16 clients, requests/s", rate, "requests/s", baseline,
                    "select-and-insert tx/s, 16 clients", "≥ 0.8×", baseline == null ? null : rate / baseline >= 0.8);
            baselines.put("ingest", rate);
            Double ceiling = baselines.get("ceiling");
            if (ceiling != null) {
                notes.add(String.format("ingest: %,.0f payments/s is %.2f× the server's own ceiling in this run"
                        + " (GET /api/branches/BM, %,.0f requests/s)", rate, rate / ceiling, ceiling));
            }
        } else {
            record(String.format("ingest with %.0f%% resent duplicates, 16 clients, requests/s",
                            100.0 * resent.get() / INGEST), rate, "requests/s", baseline,
                    "select-and-insert tx/s, 16 clients", "≥ 0.8×", baseline == null ? null : rate / baseline >= 0.8);
        }
    }

    /**
     * What this server answers at most for the cheapest signed-in request: {@code GET /api/branches/BM} (sign-in, the
     * query bus, one row, JSON), 16 clients, every answer checked. Not a target; the ceiling that any request, a payment
     * included, runs under on this machine, so that the ingest can be read against it as well as against the raw
     * baseline.
     */
    private void httpCeiling() throws Exception {
        Clients.run(CLIENTS, 2_000, n -> check(http.get("/api/branches/BM"), 200)); // warm-up, untimed
        double rate = Clients.run(CLIENTS, QUICK ? 5_000 : 20_000, n -> check(http.get("/api/branches/BM"), 200));
        record("the server's own ceiling: GET /api/branches/BM (signed in, one row), 16 clients, requests/s", rate,
                "requests/s", baselines.get("select-and-insert"), "select-and-insert tx/s, 16 clients", null, null);
        baselines.put("ceiling", rate);
        if (wrk.isPresent()) {
            String branch = Wrk.get(Tester.authorization(), "/api/branches/BM");
            Wrk.run(wrk.get(), port, branch, WRK_WARM_UP);
            Wrk.Result measured = expectOnly("GET /api/branches/BM", Wrk.run(wrk.get(), port, branch, WRK_RUN),
                    false, true);
            record("the server's own ceiling, load from wrk: GET /api/branches/BM, 16 connections, requests/s",
                    measured.perSecond(), "requests/s", baselines.get("select-and-insert"),
                    "select-and-insert tx/s, 16 clients", null, null);
            baselines.put("ceiling-wrk", measured.perSecond());
        }
    }

    /**
     * As {@link #ingest}, with the load from {@code wrk} (a process of its own, written in C) for a fixed time
     * instead of from this JVM: 16 connections posting payments of 1,000 VND to the BM customers' bills of a
     * period, every answer counted by its status. With a share of resends, that share of the requests resends,
     * identical, a payment already answered; the figure counts every 2xx. Any other answer fails the step.
     */
    private void ingestFromWrk(String period, double resend) throws Exception {
        issueBills(YearMonth.parse(period), DEMO_CUSTOMERS, 300_000);
        String prefix = "WRK-" + period;
        expectOnly("warm-up", Wrk.run(wrk.get(), port, Wrk.payments(Tester.authorization(), "BM", period,
                DEMO_CUSTOMERS, prefix + "-WARM", 0.0, 2, 0), WRK_WARM_UP), true, false);
        Wrk.Result measured = expectOnly("payments", Wrk.run(wrk.get(), port, Wrk.payments(Tester.authorization(),
                "BM", period, DEMO_CUSTOMERS, prefix, resend, 2, 0), WRK_RUN), true, resend > 0);
        Double baseline = baselines.get("select-and-insert");
        String figure = resend == 0 ? "ingest, load from wrk: POST /api/payments, 16 connections, requests/s"
                : String.format("ingest with %.0f%% resent duplicates, load from wrk, 16 connections, requests/s",
                        100.0 * measured.ok() / (measured.created() + measured.ok()));
        record(figure, measured.perSecond(), "requests/s", baseline, "select-and-insert tx/s, 16 clients", "≥ 0.8×",
                baseline == null ? null : measured.perSecond() / baseline >= 0.8);
        Double ceiling = baselines.get("ceiling-wrk");
        if (resend == 0 && ceiling != null) {
            notes.add(String.format("ingest, load from wrk: %,.0f payments/s is %.2f× the server's own ceiling"
                    + " under wrk (%,.0f requests/s)", measured.perSecond(), measured.perSecond() / ceiling, ceiling));
        }
    }

    /**
     * A wrk run's result, if every answer was one this run may get: {@code 201} where {@code created} (new
     * payments), {@code 200} where {@code ok} (resent payments, a {@code GET}), nothing else.
     */
    private static Wrk.Result expectOnly(String what, Wrk.Result result, boolean created, boolean ok) {
        if (result.other() > 0 || (!created && result.created() > 0) || (!ok && result.ok() > 0)) {
            throw new IllegalStateException(String.format("%s from wrk: %d answered 201, %d answered 200, %d other"
                    + " (the first: %s)", what, result.created(), result.ok(), result.other(), result.firstOther()));
        }
        return result;
    }

    private void reconciliation() throws Exception {
        YearMonth period = YearMonth.of(2021, 11);
        issueBills(period, Math.min(DEMO_CUSTOMERS, RECONCILIATION_LINES), 1_000L * LINES_PER_BILL);
        long started = System.nanoTime();
        JsonNode imported = importFile(period, 0, RECONCILIATION_LINES, "RECON");
        double wall = RECONCILIATION_LINES / ((System.nanoTime() - started) / 1e9);
        long accepted = imported.get("totals").get("accepted").get("lines").asLong();
        Double baseline = baselines.get("batch");
        record(String.format("reconciliation import of a %,d-line file, lines/s (upload to SUCCEEDED)",
                RECONCILIATION_LINES), wall, "lines/s", baseline, "500-row batch INSERT rows/s", "≥ 0.4×",
                baseline == null ? null : wall / baseline >= 0.4);
        notes.add(String.format("reconciliation: %,d of %,d lines accepted; the job's own figure %,.0f lines/s",
                accepted, RECONCILIATION_LINES, imported.get("progress").get("linesPerSecond").asDouble()));
    }

    private void queries() throws Exception {
        // the read models catch up with the import just before; the queries are timed on a server at rest
        long waited = System.nanoTime();
        awaitCaughtUp();
        notes.add(String.format("queries: the read models caught up %.1f s after the import's SUCCEEDED",
                (System.nanoTime() - waited) / 1e9));
        String company = http.get("/api/branches/BM").json().get("companyCode").asString();
        Map<String, String> queries = new LinkedHashMap<>();
        queries.put("query coverage BM 2021-H1", "/api/branches/BM/coverage?period=2021-H1");
        queries.put("query progress BM 2021-H1", "/api/plans/BM/2021-H1/progress");
        queries.put("query company view " + company + " 2021-H1",
                "/api/companies/" + company + "/progress?period=2021-H1");
        // what a back office meets right after a large import, and whether fresh statistics alone put it right
        notes.add("queries right after the import, PostgreSQL's maintenance as it goes: " + series(queries));
        double analyzed = seconds("ANALYZE");
        notes.add(String.format("queries after ANALYZE alone (%.1f s): %s", analyzed, series(queries)));
        // PostgreSQL's autovacuum works through the tables the history and the import filled, on the same two cores,
        // for minutes after them (one table after another, a new worker every minute). The table's queries are timed
        // on a server at rest, so that work is done first, at once, as an operator would after a bulk load
        notes.add(String.format("queries: timed after VACUUM (ANALYZE) of the database, which took %.1f s",
                seconds("VACUUM (ANALYZE)")));
        queries.forEach(this::latency);
    }

    /** Each query warmed up and timed as {@link #latency} does it; one line: p50 / p99, and autovacuum at the end. */
    private String series(Map<String, String> queries) {
        List<String> figures = new ArrayList<>();
        queries.forEach((name, path) -> {
            warmUp(path);
            long[] nanos = timed(path);
            figures.add(String.format("%s p50 %.1f / p99 %.1f ms", name.substring("query ".length()), p50(nanos),
                    p99(nanos)));
        });
        return String.join("; ", figures) + "; autovacuum at the end: " + autovacuum();
    }

    /** Untimed requests first: a server that has answered these before, its JIT having compiled their code. */
    private void warmUp(String path) {
        for (int i = 0; i < QUERY_WARM_UP; i++) {
            check(http.get(path), 200);
        }
    }

    /** The query's times, sorted, the heap sampler standing still meanwhile. */
    private long[] timed(String path) {
        long[] nanos = new long[QUERIES];
        sampling.set(false);
        try {
            for (int i = 0; i < nanos.length; i++) {
                long started = System.nanoTime();
                check(http.get(path), 200);
                nanos[i] = System.nanoTime() - started;
            }
        } finally {
            sampling.set(true);
        }
        Arrays.sort(nanos);
        return nanos;
    }

    private static double p50(long[] sorted) {
        return sorted[sorted.length / 2] / 1e6;
    }

    private static double p99(long[] sorted) {
        return sorted[(int) Math.ceil(sorted.length * 0.99) - 1] / 1e6;
    }

    private void latency(String name, String path) {
        warmUp(path);
        List<String> before = scrape(http);
        long[] nanos = timed(path);
        String autovacuum = autovacuum();
        List<String> after = scrape(http);
        notes.add(String.format("%s: %,d timed requests; the server's GC pauses meanwhile: %.0f, %.0f ms in all; "
                        + "PostgreSQL's autovacuum at the end: %s", name, QUERIES,
                metric(after, "jvm_gc_pause_seconds_count", "") - metric(before, "jvm_gc_pause_seconds_count", ""),
                (metric(after, "jvm_gc_pause_seconds_sum", "") - metric(before, "jvm_gc_pause_seconds_sum", "")) * 1000,
                autovacuum));
        double p99 = p99(nanos);
        record(name + ", p50", p50(nanos), "ms", null, null, null, null);
        record(name + ", p99", p99, "ms", null, null, "< 20 ms", p99 < 20);
    }

    /** The figures as the ledger knew them a second ago, computed from the events (not the live read models). */
    private void asOf() {
        for (String[] query : new String[][] {{"coverage", "/api/branches/BM/coverage?period=2021-H1&asOf="},
                {"progress", "/api/plans/BM/2021-H1/progress?asOf="}}) {
            int count = QUICK ? 5 : 10;
            long[] nanos = new long[count];
            for (int i = 0; i < count; i++) {
                String at = Instant.now().minusSeconds(1).atOffset(ZoneOffset.UTC).toString();
                long started = System.nanoTime();
                check(http.get(query[1] + at), 200);
                nanos[i] = System.nanoTime() - started;
            }
            Arrays.sort(nanos);
            record("as-of " + query[0] + " BM 2021-H1 (asOf = a second ago), p50 of " + count, nanos[count / 2] / 1e6,
                    "ms", null, null, null, null);
        }
    }

    private void auditExport() {
        long started = System.nanoTime();
        long lines = http.countLines("/api/audit/events");
        double rate = lines / ((System.nanoTime() - started) / 1e9);
        Double baseline = baselines.get("sequential");
        record(String.format("audit export GET /api/audit/events (%,d events streamed), events/s", lines), rate,
                "events/s", baseline, "sequential read rows/s", "≥ 0.5×", baseline == null ? null : rate / baseline >= 0.5);
    }

    private void verify() {
        long started = System.nanoTime();
        Http.Response response = http.get("/api/audit/verify");
        check(response, 200);
        double seconds = (System.nanoTime() - started) / 1e9;
        long events = response.json().get("events").asLong();
        Double baseline = baselines.get("sequential");
        record("hash chain verify GET /api/audit/verify, events/s", events / seconds, "events/s", baseline,
                "sequential read rows/s", null, null);
        if (!response.json().get("verified").asBoolean()) {
            notes.add("verify: the chain did NOT verify: " + response.json());
        }
    }

    private void rebuild() {
        awaitCaughtUp();
        long started = System.nanoTime();
        Http.Response accepted = http.post("/api/admin/projections/payments/rebuild", "");
        check(accepted, 202);
        String job = accepted.header("Location");
        JsonNode done = await().atMost(Duration.ofHours(2)).pollInterval(Duration.ofMillis(250))
                .until(() -> http.get(job).json(), j -> !j.get("state").asString().equals("RUNNING"));
        double seconds = (System.nanoTime() - started) / 1e9;
        if (!done.get("state").asString().equals("SUCCEEDED")) {
            throw new IllegalStateException("rebuild: " + done);
        }
        long events = done.get("processed").asLong();
        Double baseline = baselines.get("batch");
        record(String.format("rebuild of the payments read model (%,d events), events/s", events), events / seconds,
                "events/s", baseline, "500-row batch INSERT rows/s", "≥ 0.4×",
                baseline == null ? null : events / seconds / baseline >= 0.4);
    }

    /** Two application JVMs on one external PostgreSQL (fsync on), clients alternating between them. */
    private void twoNodes(Path root) throws Exception {
        try (SharedDatabase database = SharedDatabase.startDurable();
             RunningApplication first = database.node(root.resolve("node-0"), List.of("-Xmx512m"));
             RunningApplication second = database.node(root.resolve("node-1"), List.of("-Xmx512m"))) {
            Http[] nodes = {first.http(), second.http()};
            Http one = nodes[0];
            check(one.post("/api/branches", Map.of("code", "ZN", "name", "Two nodes", "company", "Benchmark")), 201);
            check(one.post("/api/branches/ZN/communes", Map.of("code", "99900", "name", "Xã ZN", "kind", "COMMUNE")),
                    201);
            // as the single node's ingest: each payment the first on a bill of its own, warm-up and timed alike
            int customers = TWO_NODES_WARM_UP + INGEST;
            Clients.run(CLIENTS, customers, i -> {
                String code = zn(i);
                Http node = nodes[i % 2];
                check(node.post("/api/customers", Map.of("code", code, "name", "Khách " + i, "branch", "ZN",
                        "commune", "99900", "registeredAt", "2020-01-01T00:00:00+07:00")), 201);
                check(node.post("/api/bills", Map.of("customer", code, "period", "2021-07", "amount", 300_000,
                        "dueDate", "2021-07-25")), 201);
            });
            // two fresh JVMs, where the single node's ingest runs in one warm from building the history
            Clients.run(CLIENTS, TWO_NODES_WARM_UP, i -> check(nodes[i % 2].post("/api/payments", payment(zn(i),
                    "2021-07", 1_000, "WARM2-" + i)), 201));
            AtomicInteger next = new AtomicInteger(TWO_NODES_WARM_UP);
            double rate = Clients.run(CLIENTS, INGEST, n -> {
                int i = next.getAndIncrement();
                check(nodes[i % 2].post("/api/payments", payment(zn(i), "2021-07", 1_000,
                        "TWO-" + i)), 201);
            });
            Double baseline = baselines.get("select-and-insert");
            Double single = baselines.get("ingest");
            record("ingest on two nodes (one external PostgreSQL), 16 clients, requests/s", rate, "requests/s",
                    baseline, "select-and-insert tx/s, 16 clients (main server)", "≥ 0.8×",
                    baseline == null ? null : rate / baseline >= 0.8);
            if (single != null) {
                notes.add(String.format("two nodes: %.2f× the single node's ingest (a fresh, small database)",
                        rate / single));
            }
            if (wrk.isPresent()) {
                // the same, the load from two wrk processes, one a node, each with payments of its own: one pays
                // the even customers in turn, the other the odd ones
                List<Integer> ports = List.of(first.port(), second.port());
                List<String> scripts = List.of(
                        Wrk.payments(Tester.authorization(), "ZN", "2021-07", customers, "WRK2-A", 0.0, 2, 0),
                        Wrk.payments(Tester.authorization(), "ZN", "2021-07", customers, "WRK2-B", 0.0, 2, 1));
                Wrk.Result measured = expectOnly("payments on two nodes", Wrk.runTogether(wrk.get(), ports,
                        scripts, WRK_RUN), true, false);
                record("ingest on two nodes, load from wrk (one process a node, 8 connections each), requests/s",
                        measured.perSecond(), "requests/s", baseline, "select-and-insert tx/s, 16 clients (main server)",
                        "≥ 0.8×", baseline == null ? null : measured.perSecond() / baseline >= 0.8);
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------- helpers

    private static Map<String, Object> payment(String customer, String period, long amount, String ref) {
        return Map.of("customer", customer, "period", period, "amount", amount, "kind", "BANK", "provider", "BIDV",
                "externalRef", ref, "paidAt", YearMonth.parse(period).atDay(12) + "T03:00:00Z");
    }

    /** The i-th customer of the main history's branch (BM). */
    private static String bm(int i) {
        return String.format("PA20BM%07d", i + 1);
    }

    /** The i-th customer of the two-node step's own branch (ZN). */
    private static String zn(int i) {
        return String.format("PA20ZN%07d", i + 1);
    }

    private static void check(Http.Response response, int status) {
        if (response.status() != status) {
            throw new IllegalStateException("expected " + status + ", got " + response);
        }
    }

    /** Runs a maintenance statement on the whole database; the seconds it took. */
    private double seconds(String maintenance) throws Exception {
        long started = System.nanoTime();
        try (Connection connection = raw(); Statement statement = connection.createStatement()) {
            statement.execute(maintenance);
        }
        return (System.nanoTime() - started) / 1e9;
    }

    /** What PostgreSQL's autovacuum workers are doing now: "idle", their tables, or why that is unknown. */
    private String autovacuum() {
        List<String> working = new ArrayList<>();
        try (Connection connection = raw(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("""
                     SELECT coalesce(substring(query from 'autovacuum: (.*)'), '?') FROM pg_stat_activity
                     WHERE backend_type = 'autovacuum worker'""")) {
            while (rs.next()) {
                working.add(rs.getString(1));
            }
        } catch (Exception e) {
            return "unknown: " + e;
        }
        return working.isEmpty() ? "idle" : String.join(", ", working);
    }

    private void awaitCaughtUp() {
        await().atMost(Duration.ofMinutes(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> http.get("/api/status").json().get("caughtUp").asBoolean());
    }

    interface ConnectionTask {
        void run(Connection connection, int n) throws Exception;
    }

    interface Step {
        void run() throws Exception;
    }

    /** Runs a measurement; a failure becomes a row of the table instead of ending the run. */
    private void step(String name, Step step) {
        long started = System.nanoTime();
        try {
            step.run();
        } catch (Throwable e) {
            rows.put(name, new Row(name, null, null, null, null, null, null, null, e.toString()));
            System.out.println("benchmark step failed: " + name);
            e.printStackTrace(System.out);
        }
        System.out.printf("benchmark step done: %s (%.1f s)%n", name, (System.nanoTime() - started) / 1e9);
        try {
            report(false); // what is measured so far stays written, should the run be stopped
        } catch (IOException e) {
            System.out.println("could not write the results: " + e);
        }
    }

    private void record(String figure, double value, String unit, Double baseline, String baselineName,
                        String target, Boolean met) {
        Double ratio = baseline == null || baseline == 0 ? null : value / baseline;
        rows.put(figure, new Row(figure, value, unit, baseline, baselineName, ratio, target, met, null));
    }

    /** As {@link Clients#run}, each thread with a JDBC connection of its own to the application's server. */
    private double runConnections(int threads, int count, ConnectionTask task) throws Exception {
        List<Connection> connections = new ArrayList<>();
        try {
            for (int t = 0; t < threads; t++) {
                connections.add(raw());
            }
            return Clients.run(connections, count, task::run);
        } finally {
            for (Connection connection : connections) {
                connection.close();
            }
        }
    }

    /** Reads the application's heap in use from its Prometheus endpoint every second; keeps the largest. */
    private ScheduledExecutorService heapSampler() {
        Http sampler = http;
        ScheduledExecutorService every = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "heap-sampler");
            thread.setDaemon(true);
            return thread;
        });
        every.scheduleWithFixedDelay(() -> {
            if (!sampling.get()) {
                return;
            }
            try {
                maxHeap.accumulateAndGet((long) metric(scrape(sampler), "jvm_memory_used_bytes{", "area=\"heap\""),
                        Math::max);
            } catch (RuntimeException e) {
                // the application is busy or stopping: the next sample counts
            }
        }, 0, 1, TimeUnit.SECONDS);
        return every;
    }

    /** The server's metrics, one line each, as Prometheus reads them. */
    private static List<String> scrape(Http server) {
        return server.get("/actuator/prometheus").raw().body().lines().toList();
    }

    /** The sum of the scraped lines that start with {@code prefix} and contain {@code containing}. */
    private static double metric(List<String> scraped, String prefix, String containing) {
        double sum = 0;
        for (String line : scraped) {
            if (line.startsWith(prefix) && line.contains(containing)) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }


    // ----------------------------------------------------------------------------------------------------- report

    private void report(boolean print) throws IOException {
        StringBuilder table = new StringBuilder();
        table.append(String.format("%nSpeed benchmark: %,d events (%s), %d cores, %,d MiB memory, Java %s%n",
                head, QUICK && EVENTS == 0 ? "quick mode: the demo's history" : String.format("asked %,d%s", EVENTS,
                        QUICK ? ", quick mode" : ""), Runtime.getRuntime().availableProcessors(),
                memoryMiB(), System.getProperty("java.version")));
        table.append("Application: own JVM, -Xmx512m, embedded PostgreSQL with fsync and synchronous_commit on; "
                + "16 HTTP client threads in the benchmark's JVM\n\n");
        table.append(String.format("| %-92s | %14s | %14s | %6s | %-24s | %-4s |%n", "figure", "value", "baseline",
                "ratio", "target", "met?"));
        table.append("|").append("-".repeat(94)).append("|").append("-".repeat(16)).append("|")
                .append("-".repeat(16)).append("|").append("-".repeat(8)).append("|").append("-".repeat(26))
                .append("|").append("-".repeat(6)).append("|\n");
        for (Row row : rows.values()) {
            if (row.error() != null) {
                table.append(String.format("| %-92s | %s |%n", row.figure(), "FAILED: " + row.error()));
                continue;
            }
            table.append(String.format("| %-92s | %14s | %14s | %6s | %-24s | %-4s |%n", row.figure(),
                    number(row.value()) + " " + shortUnit(row.unit()), row.baseline() == null ? ""
                            : number(row.baseline()), row.ratio() == null ? "" : String.format("%.2f×", row.ratio()),
                    row.target() == null ? "" : row.target(),
                    row.met() == null ? "" : row.met() ? "yes" : "no"));
        }
        notes.forEach(note -> table.append("  ").append(note).append('\n'));
        if (print) {
            System.out.println(table);
        }

        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        machine.put("memoryMiB", memoryMiB());
        machine.put("java", System.getProperty("java.version"));
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("date", Instant.now().toString());
        json.put("machine", machine);
        json.put("complete", print);
        json.put("quick", QUICK);
        json.put("eventsAsked", EVENTS);
        json.put("events", head);
        json.put("conditions", "application in its own JVM with -Xmx512m; embedded PostgreSQL 17, fsync and "
                + "synchronous_commit on; 16 HTTP client threads in the benchmark's JVM on the same machine");
        json.put("figures", new ArrayList<>(rows.values()));
        json.put("notes", notes);
        Files.createDirectories(ROOT);
        Files.writeString(ROOT.resolve("results.json"), Http.JSON.writerWithDefaultPrettyPrinter()
                .writeValueAsString(json));
        Files.writeString(ROOT.resolve("results.txt"), table);
    }

    private static long memoryMiB() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getTotalMemorySize() / 1024 / 1024;
    }

    private static String number(double value) {
        return Math.abs(value) >= 100 ? String.format("%,.0f", value) : String.format("%.1f", value);
    }

    private static String shortUnit(String unit) {
        return unit == null ? "" : unit.replace("requests/s", "req/s");
    }
}
