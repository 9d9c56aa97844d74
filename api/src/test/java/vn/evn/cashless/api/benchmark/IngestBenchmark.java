package vn.evn.cashless.api.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import vn.evn.cashless.api.support.FreePorts;
import vn.evn.cashless.api.support.Http;
import vn.evn.cashless.api.support.RunningApplication;
import vn.evn.cashless.domain.shared.Zones;

/**
 * How many single payments 16 clients get recorded over HTTP, each answered only once committed, beside what the
 * application's own embedded PostgreSQL does raw with 16 JDBC connections for the same shape of work: read an
 * aggregate's rows by key (about five) and insert one row, one transaction each. The application runs in a JVM of its
 * own, so the load comes from outside it. Run with {@code ./mvnw -Pbenchmark -pl api -am verify
 * -Dtest=IngestBenchmark -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=NONE} ({@code -Dingest.seconds=30}, {@code -Dingest.customers=2000}, {@code -Dingest.jfr=file.jfr} to record the
 * application with Java Flight Recorder during the run); it asserts no speed.
 */
class IngestBenchmark {

    private static final int CLIENTS = 16;
    private static final int CUSTOMERS = Integer.getInteger("ingest.customers", 2_000);
    private static final int SECONDS = Integer.getInteger("ingest.seconds", 30);
    private static final int WARM_UP_SECONDS = Integer.getInteger("ingest.warm-up", 10);
    private static final YearMonth MONTH = YearMonth.now(Zones.VIETNAM);

    @Test
    void singlePaymentsOverHttpBesideRawSelectAndInsert() throws Exception {
        Path data = Path.of("target", "bench-ingest", UUID.randomUUID().toString(), "ledger");
        int postgresPort = FreePorts.draw();
        String recording = System.getProperty("ingest.jfr");
        List<String> jvm = new ArrayList<>(List.of("-Xmx1g"));
        if (recording != null) {
            jvm.add("-XX:StartFlightRecording=filename=" + Path.of(recording).toAbsolutePath()
                    + ",settings=profile");
        }
        List<String> arguments = new ArrayList<>(List.of("--ledger.embedded-postgres.port=" + postgresPort));
        // application settings of this run, e.g. -Dingest.args=--ledger.payments.group-commit.enabled=false
        String extra = System.getProperty("ingest.args", "").strip();
        if (!extra.isEmpty()) {
            arguments.addAll(List.of(extra.split("\\s+")));
        }
        try (RunningApplication ledger = RunningApplication.start(data, Map.of(), jvm,
                arguments.toArray(String[]::new))) {
            Http http = ledger.http();
            customersWithBills(http);
            AtomicLong next = new AtomicLong();
            Load warmUp = run(WARM_UP_SECONDS, () -> pay(http, next.getAndIncrement()));
            System.out.printf("ingest benchmark: warm-up %s%n", warmUp);

            String url = "jdbc:postgresql://localhost:" + postgresPort + "/postgres";
            Load raw = rawSelectAndInsert(url);
            Load ingest = run(SECONDS, () -> pay(http, next.getAndIncrement()));
            System.out.printf("ingest benchmark: %d customers, %d clients, %d s each, application -Xmx1g %s%n",
                    CUSTOMERS, CLIENTS, SECONDS, extra);
            System.out.printf("ingest benchmark: raw select ~5 rows + insert 1 tx, 16 JDBC threads: %s%n", raw);
            System.out.printf("ingest benchmark: HTTP POST /api/payments, 16 clients:              %s%n", ingest);
            System.out.printf("ingest benchmark: ratio %.2f×%n", ingest.perSecond() / raw.perSecond());
            http.get("/actuator/prometheus").raw().body().lines()
                    .filter(line -> line.startsWith("ledger_payment_groups"))
                    .forEach(line -> System.out.printf("ingest benchmark: %s%n", line));
        }
    }

    private static void pay(Http http, long n) {
        int customer = (int) (n % CUSTOMERS);
        Http.Response response = http.post("/api/payments", Map.of("customer", code(customer),
                "period", MONTH.toString(), "amount", 1_000, "kind", "BANK", "provider", "BIDV",
                "externalRef", "INGEST-" + n, "paidAt", "2021-07-11T03:00:00Z"));
        if (response.status() != 201) {
            throw new AssertionError("payment " + n + ": " + response);
        }
    }

    private static String code(int i) {
        return String.format("PA28IB%07d", i);
    }

    /** One branch, one commune, {@link #CUSTOMERS} customers with a bill each, large enough for every payment. */
    private static void customersWithBills(Http http) throws Exception {
        assertThat(http.post("/api/branches", Map.of("code", "IB", "name", "Điện lực Ingest", "company",
                "PC Hồ Chí Minh")).status()).isEqualTo(201);
        assertThat(http.post("/api/branches/IB/communes", Map.of("code", "28000", "name", "Xã Ingest",
                "kind", "COMMUNE")).status()).isEqualTo(201);
        LocalDate due = LocalDate.now(Zones.VIETNAM).plusDays(20);
        Clients.run(CLIENTS, CUSTOMERS, i -> {
            Http.Response registered = http.post("/api/customers", Map.of("code", code(i),
                    "name", "Khách hàng " + i, "branch", "IB", "commune", "28000",
                    "phone", "0912345678", "registeredAt", "2020-01-01T00:00:00Z"));
            assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
            Http.Response billed = http.post("/api/bills", Map.of("customer", code(i),
                    "period", MONTH.toString(), "amount", 1_000_000_000L, "dueDate", due.toString()));
            assertThat(billed.status()).as(billed.toString()).isEqualTo(201);
        });
    }

    /**
     * The raw baseline on the same server: a table keyed like the event store (aggregate, sequence) holding five
     * rows for each of {@link #CUSTOMERS} aggregates; each transaction reads one aggregate's rows and appends one.
     */
    private static Load rawSelectAndInsert(String url) throws Exception {
        try (Connection connection = DriverManager.getConnection(url, "postgres", "");
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS bench_select_insert (aggregate VARCHAR(255) NOT NULL, "
                    + "seq BIGINT NOT NULL, payload BYTEA NOT NULL, PRIMARY KEY (aggregate, seq))");
            statement.execute("INSERT INTO bench_select_insert SELECT 'agg-' || a, s, "
                    + "convert_to(repeat('x', 400), 'UTF8') FROM generate_series(0, " + (CUSTOMERS - 1)
                    + ") a, generate_series(0, 4) s");
            statement.execute("ANALYZE bench_select_insert");
        }
        ThreadLocal<Connection> connections = ThreadLocal.withInitial(() -> {
            try {
                Connection connection = DriverManager.getConnection(url, "postgres", "");
                connection.setAutoCommit(false);
                return connection;
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        byte[] payload = "x".repeat(400).getBytes();
        return run(SECONDS, () -> {
            Connection connection = connections.get();
            String aggregate = "agg-" + ThreadLocalRandom.current().nextInt(CUSTOMERS);
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT seq, payload FROM bench_select_insert WHERE aggregate = ? ORDER BY seq");
                 PreparedStatement insert = connection.prepareStatement(
                         "INSERT INTO bench_select_insert (aggregate, seq, payload) VALUES (?, ?, ?)")) {
                select.setString(1, aggregate);
                long last = -1;
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        last = rows.getLong(1);
                        rows.getBytes(2);
                    }
                }
                insert.setString(1, aggregate);
                insert.setLong(2, last + 1);
                insert.setBytes(3, payload);
                insert.executeUpdate();
                connection.commit();
            } catch (SQLException e) {
                try {
                    connection.rollback();
                } catch (SQLException ignored) {
                    // the next transaction reports it
                }
                if (!"23505".equals(e.getSQLState())) {
                    throw new IllegalStateException(e);
                }
            }
        });
    }

    /** What one timed run did: how many operations, how fast, and the latency of each. */
    record Load(long count, double seconds, long[] nanos) {

        double perSecond() {
            return count / seconds;
        }

        double percentile(double p) {
            return nanos.length == 0 ? 0 : nanos[(int) Math.min(nanos.length - 1, Math.floor(p * nanos.length))]
                    / 1e6;
        }

        @Override
        public String toString() {
            return String.format("%,d in %.1f s: %,.0f/s, p50 %.1f ms, p99 %.1f ms", count, seconds, perSecond(),
                    percentile(0.50), percentile(0.99));
        }
    }

    /** {@link #CLIENTS} threads doing one operation after another for so many seconds. */
    private static Load run(int seconds, Runnable operation) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(CLIENTS);
        long started = System.nanoTime();
        long end = started + seconds * 1_000_000_000L;
        List<Future<long[]>> work = new ArrayList<>();
        for (int t = 0; t < CLIENTS; t++) {
            work.add(threads.submit(() -> {
                long[] nanos = new long[1024];
                int count = 0;
                while (System.nanoTime() < end) {
                    long before = System.nanoTime();
                    operation.run();
                    if (count == nanos.length) {
                        nanos = Arrays.copyOf(nanos, count * 2);
                    }
                    nanos[count++] = System.nanoTime() - before;
                }
                return Arrays.copyOf(nanos, count);
            }));
        }
        threads.shutdown();
        List<long[]> all = new ArrayList<>();
        for (Future<long[]> one : work) {
            all.add(one.get());
        }
        double elapsed = (System.nanoTime() - started) / 1e9;
        long[] nanos = all.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        return new Load(nanos.length, elapsed, nanos);
    }

}
