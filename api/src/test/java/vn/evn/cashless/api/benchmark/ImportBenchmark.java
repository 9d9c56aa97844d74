package vn.evn.cashless.api.benchmark;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import vn.evn.cashless.api.support.FreePorts;
import vn.evn.cashless.api.support.Http;
import vn.evn.cashless.api.support.RunningApplication;

/**
 * The reconciliation import alone, as {@code SpeedBenchmark} measures it (one file {@code POST /api/reconciliations},
 * from the upload to the job's {@code SUCCEEDED}, 1,000 VND lines spread over the Bắc Mê customers' bills of a month),
 * beside 500-row batch INSERTs on the same embedded server in the same run. It prints figures and asserts none.
 *
 * <pre>
 * ./mvnw -B -Pbenchmark -pl api -am verify -Dtest=ImportBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dit.test=NONE [-Dimport.lines=100000] [-Dimport.customers=10000] [-Dbench.data=DIR] [-Dbench.jfr=FILE]
 * </pre>
 *
 * <p>The application runs in a JVM of its own ({@code -Xmx512m}) with the demo loaded. {@code -Dbench.data=DIR} keeps
 * a copy of the loaded demo: later runs start on a fresh copy of it, so that runs before and after a change import
 * into the same history. {@code -Dbench.jfr=FILE} records the application with Java Flight Recorder.
 */
class ImportBenchmark {

    private static final int LINES = Integer.getInteger("import.lines", 100_000);
    private static final int CUSTOMERS = Integer.getInteger("import.customers", 10_000);
    private static final int LINES_PER_BILL = 100;
    private static final YearMonth PERIOD = YearMonth.of(2021, 11);

    @Test
    void measure() throws Exception {
        Path run = Path.of("target", "bench", "import-" + UUID.randomUUID()).toAbsolutePath();
        Path data = run.resolve("postgres");
        String kept = System.getProperty("bench.data");
        Path template = kept == null ? null : Path.of(kept).toAbsolutePath();
        int pgPort = FreePorts.draw();
        String pg = "--ledger.embedded-postgres.port=" + pgPort;
        if (template == null || !Files.isDirectory(template)) {
            try (RunningApplication app = RunningApplication.start(data, Map.of(), List.of("-Xmx512m"), pg,
                    "--spring.profiles.active=demo")) {
                Http http = app.http();
                await().atMost(Duration.ofMinutes(30)).pollInterval(Duration.ofSeconds(1)).until(() -> {
                    JsonNode status = http.get("/api/status").json();
                    return status.get("demo").get("state").asString().equals("loaded")
                            && status.get("caughtUp").asBoolean();
                });
            }
            if (template != null) {
                copy(data, template);
            }
        } else {
            copy(template, data);
        }

        List<String> jvm = new ArrayList<>(List.of("-Xmx512m"));
        String jfr = System.getProperty("bench.jfr");
        if (jfr != null) {
            jvm.add("-XX:StartFlightRecording=filename=" + Path.of(jfr).toAbsolutePath() + ",settings=profile");
        }
        try (RunningApplication app = RunningApplication.start(data, Map.of(), jvm, pg)) {
            Http http = app.http();
            int bills = Math.min(CUSTOMERS, LINES);
            issueBills(http, bills);
            awaitCaughtUp(http);
            double load1 = loadAverage();
            double batch;
            try (Connection c = DriverManager.getConnection("jdbc:postgresql://localhost:" + pgPort + "/postgres",
                    "postgres", "")) {
                batch = RawBatchInsert.rowsPerSecond(c, 200);
            }
            double load2 = loadAverage();
            // printed at once: a run stopped during the import still has its baseline (and the job its progress)
            System.out.printf("raw 500-row batch INSERT: %,.0f rows/s (load average %.1f → %.1f)%n", batch, load1,
                    load2);
            long started = System.nanoTime();
            JsonNode imported = importFile(http, run, bills);
            double lines = LINES / ((System.nanoTime() - started) / 1e9);
            double load3 = loadAverage();
            System.out.println();
            System.out.printf("Import benchmark, %d cores, application in its own JVM (-Xmx512m), fsync on%n",
                    Runtime.getRuntime().availableProcessors());
            System.out.printf("  raw 500-row batch INSERT                 %,10.0f rows/s   (load average %.1f → %.1f)%n",
                    batch, load1, load2);
            System.out.printf("  reconciliation import of %,d lines  %,10.0f lines/s  %.3f× the batch INSERT"
                    + "   (load average %.1f → %.1f)%n", LINES, lines, lines / batch, load2, load3);
            System.out.printf("  accepted %,d lines; the job's own figure %,.0f lines/s%n",
                    imported.get("totals").get("accepted").get("lines").asLong(),
                    imported.get("progress").get("linesPerSecond").asDouble());
            System.out.println();
        }
    }

    /** Bills of {@code count} BM customers for the month, over HTTP with 16 clients, untimed. */
    private static void issueBills(Http http, int count) throws Exception {
        Clients.run(16, count, i -> {
            Http.Response r = http.post("/api/bills", Map.of("customer", bm(i), "period",
                    PERIOD.toString(), "amount", 1_000L * LINES_PER_BILL, "dueDate", PERIOD.atDay(25).toString()));
            if (r.status() != 201 && r.status() != 409) {
                throw new IllegalStateException("bill " + bm(i) + ": " + r);
            }
        });
    }

    private static JsonNode importFile(Http http, Path run, int bills) throws Exception {
        Path csv = run.resolve("reconciliation.csv");
        try (var out = Files.newBufferedWriter(csv)) {
            out.write("customer,period,amount,kind,provider,externalRef,paidAt\n");
            for (int n = 0; n < LINES; n++) {
                out.write(bm(n % bills) + "," + PERIOD + ",1000,BANK,Agribank,IMPORT-" + n + ","
                        + PERIOD.atDay(10) + "T09:00:00+07:00\n");
            }
        }
        Http.Response started = http.post("/api/reconciliations", Files.readString(csv),
                Map.of("Content-Type", "text/csv"));
        if (started.status() == 201) {
            return started.json();
        }
        if (started.status() != 202) {
            throw new IllegalStateException("import: " + started);
        }
        String report = started.header("Location") + "?limit=1";
        JsonNode imported = await().atMost(Duration.ofHours(2)).pollInterval(Duration.ofMillis(250))
                .until(() -> http.get(report).json(), r -> !r.get("state").asString().equals("RUNNING"));
        if (!imported.get("state").asString().equals("SUCCEEDED")) {
            throw new IllegalStateException("import: " + imported);
        }
        return imported;
    }

    private static void awaitCaughtUp(Http http) {
        await().atMost(Duration.ofMinutes(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> http.get("/api/status").json().get("caughtUp").asBoolean());
    }

    private static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                    // PostgreSQL refuses a data directory others may read
                    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwx------"));
                } else if (!path.getFileName().toString().equals("postmaster.pid")) {
                    Files.copy(path, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    private static String bm(int i) {
        return String.format("PA20BM%07d", i + 1);
    }

}
