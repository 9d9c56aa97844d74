package vn.evn.cashless.api.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import vn.evn.cashless.api.support.FreePorts;
import vn.evn.cashless.api.support.Http;
import vn.evn.cashless.api.support.RunningApplication;
import vn.evn.cashless.api.support.Tester;

/**
 * Prints how fast the read path is, beside raw PostgreSQL on the same embedded server in the same run: a full rebuild
 * of the payments read model against 500-row batch INSERTs, the audit export against a raw sequential read of the
 * event table, and the latency of coverage, progress and the company view. The application runs in a JVM of its own
 * with {@code -Xmx512m}, loaded with the Bắc Mê demo; the load comes from this JVM. It measures, it asserts no speed.
 *
 * <p>{@code -Dbench.data=DIR} keeps the data directory (the demo is loaded once, later runs start on it);
 * {@code -Dbench.jfr=FILE} records the application with Java Flight Recorder; {@code -Dbench.queriesOnly=true}
 * measures the queries only (no baselines, rebuilds or export); {@code -Dbench.bodies=DIR} writes the last answer of
 * each query there, to compare the figures of two runs; {@code -Dbench.explain=true} prints the plans of the queries
 * coverage and progress are read with, as they are now and as they were before the figures' counters;
 * {@code -Dbench.queries=false} leaves the query latencies out; {@code -Dbench.warmup=true} rebuilds the payments
 * once, untimed, before measuring.
 */
class ReadPathBenchmark {

    private static final int REQUESTS = 300;

    private final Map<String, String> results = new LinkedHashMap<>();

    @Test
    void measure() throws Exception {
        String kept = System.getProperty("bench.data");
        Path data = kept != null ? Path.of(kept).toAbsolutePath()
                : Path.of("target", "benchmark-data", UUID.randomUUID().toString(), "postgres").toAbsolutePath();
        int pgPort = FreePorts.draw();
        List<String> jvm = new ArrayList<>(List.of("-Xmx512m"));
        String jfr = System.getProperty("bench.jfr");
        if (jfr != null) {
            jvm.add("-XX:StartFlightRecording=filename=" + Path.of(jfr).toAbsolutePath() + ",settings=profile");
        }
        try (RunningApplication app = RunningApplication.start(data, Map.of(), jvm,
                "--spring.profiles.active=demo", "--ledger.embedded-postgres.port=" + pgPort)) {
            Http http = app.http();
            long loadStarted = System.nanoTime();
            awaitCaughtUp(http);
            results.put("demo loaded and read models caught up", String.format("%.0f s after start",
                    (System.nanoTime() - loadStarted) / 1e9));
            String owner = "jdbc:postgresql://localhost:" + pgPort + "/postgres";
            long events = count(owner, "SELECT count(*) FROM domainevententry");
            results.put("events in the store", String.format("%,d", events));

            if (!Boolean.getBoolean("bench.queriesOnly")) {
                rebuildsAndExport(http, app.port(), owner);
            }
            // -Dbench.queries=false: the rebuilds and the export only
            if (Boolean.parseBoolean(System.getProperty("bench.queries", "true"))) {
                results.put("GET /api/branches/BM/coverage?period=2021-H1",
                        latency(http, "/api/branches/BM/coverage?period=2021-H1"));
                results.put("GET /api/plans/BM/2021-H1/progress", latency(http, "/api/plans/BM/2021-H1/progress"));
                results.put("GET /api/companies/PCHAGIANG/progress?period=2021-H1",
                        latency(http, "/api/companies/PCHAGIANG/progress?period=2021-H1"));
                results.put("GET /api/branches/BM/coverage?period=2021-06",
                        latency(http, "/api/branches/BM/coverage?period=2021-06"));
                results.put("GET /api/branches/BM/coverage?period=2021 (a year)",
                        latency(http, "/api/branches/BM/coverage?period=2021"));
                String asOf = Instant.now().minusSeconds(1).toString();
                results.put("GET /api/branches/BM/coverage?period=2021-H1&asOf=(a second ago)",
                        latency(http, "/api/branches/BM/coverage?period=2021-H1&asOf=" + asOf, 2, 5));
            }
            if (Boolean.getBoolean("bench.explain")) {
                explain(owner);
            }
        }
        System.out.println();
        System.out.println("Read path benchmark, " + Runtime.getRuntime().availableProcessors() + " cores, "
                + "application in its own JVM (-Xmx512m), PostgreSQL embedded with fsync and synchronous_commit on");
        results.forEach((name, value) -> System.out.printf("  %-62s %s%n", name, value));
        System.out.println();
    }

    /** The rebuilds of the payments and figures read models and the audit export, beside their raw baselines. */
    private void rebuildsAndExport(Http http, int port, String owner) throws Exception {
        if (Boolean.getBoolean("bench.warmup")) {
            // a JVM started on kept data has not run anything yet: one untimed rebuild first
            rebuild(http, "payments");
        }
        double rawBatch;
        try (Connection c = DriverManager.getConnection(owner, "postgres", "")) {
            rawBatch = RawBatchInsert.rowsPerSecond(c, 200);
        }
        double rawRead = rawSequentialRead(owner);
        results.put("raw PostgreSQL: 500-row INSERT per transaction, 1 thread", perSecond(rawBatch, "rows"));
        results.put("raw PostgreSQL: sequential read of domainevententry", perSecond(rawRead, "rows"));

        double rebuild = rebuild(http, "payments");
        results.put("rebuild of the payments read model", perSecond(rebuild, "events")
                + ratio(rebuild, rawBatch, "500-row batch INSERT"));
        double rebuildFigures = rebuild(http, "figures");
        results.put("rebuild of the figures read model", perSecond(rebuildFigures, "events")
                + ratio(rebuildFigures, rawBatch, "500-row batch INSERT"));

        MessageDigest whole = MessageDigest.getInstance("SHA-256");
        export(port, whole);
        results.put("audit export, SHA-256 of the whole body (untimed run)",
                HexFormat.of().formatHex(whole.digest()));
        double export = export(port, null);
        results.put("audit export GET /api/audit/events (whole history)", perSecond(export, "events")
                + ratio(export, rawRead, "raw sequential read"));
    }

    private static void awaitCaughtUp(Http http) {
        await().atMost(Duration.ofMinutes(20)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            JsonNode status = http.get("/api/status").json();
            return status.get("demo").get("state").asString().equals("loaded")
                    && status.get("caughtUp").asBoolean();
        });
    }

    /** Events per second of a rebuild, from its start to its end as the client sees them. */
    private static double rebuild(Http http, String name) {
        long started = System.nanoTime();
        Http.Response response = http.post("/api/admin/projections/" + name + "/rebuild", Map.of());
        assertThat(response.status()).as(response.toString()).isEqualTo(202);
        String job = response.header("Location");
        JsonNode done = await().atMost(Duration.ofMinutes(30)).pollInterval(Duration.ofMillis(50))
                .until(() -> http.get(job).json(), j -> !j.get("state").asString().equals("RUNNING"));
        double seconds = (System.nanoTime() - started) / 1e9;
        assertThat(done.get("state").asString()).as(done.toString()).isEqualTo("SUCCEEDED");
        return done.get("processed").asLong() / seconds;
    }

    /** Streams the whole export and counts its lines; events per second. Digests the body if given a digest. */
    private static double export(int port, MessageDigest digest) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/audit/events"))
                .header("Authorization", Tester.authorization()).GET().build();
        long started = System.nanoTime();
        HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        long lines = 0;
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = response.body()) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                if (digest != null) {
                    digest.update(buffer, 0, n);
                }
                for (int i = 0; i < n; i++) {
                    if (buffer[i] == '\n') {
                        lines++;
                    }
                }
            }
        }
        assertThat(lines).isPositive();
        return lines / ((System.nanoTime() - started) / 1e9);
    }

    private static String latency(Http http, String path) {
        return latency(http, path, REQUESTS, REQUESTS);
    }

    private static String latency(Http http, String path, int warmUp, int requests) {
        for (int i = 0; i < warmUp; i++) {
            assertThat(http.get(path).status()).isEqualTo(200);
        }
        long[] nanos = new long[requests];
        String body = null;
        for (int i = 0; i < nanos.length; i++) {
            long started = System.nanoTime();
            Http.Response response = http.get(path);
            nanos[i] = System.nanoTime() - started;
            assertThat(response.status()).isEqualTo(200);
            body = response.raw().body();
        }
        String bodies = System.getProperty("bench.bodies");
        if (bodies != null) {
            // the answers, to compare between runs (figures must not change)
            try {
                Files.createDirectories(Path.of(bodies));
                Files.writeString(Path.of(bodies, path.replaceAll("[^A-Za-z0-9-]+", "_") + ".json"), body);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        Arrays.sort(nanos);
        return String.format("p50 %.1f ms, p99 %.1f ms, max %.1f ms", nanos[requests / 2] / 1e6,
                nanos[requests * 99 / 100] / 1e6, nanos[requests - 1] / 1e6);
    }

    /**
     * The plans of the queries coverage and progress are read with, for 2021-H1 of branch BM: first as they were
     * before the figures' counters (V13_1), over every customer, registration and customer-month; then as they are.
     */
    private static void explain(String url) throws Exception {
        String kinds = "string_to_array((SELECT cashless_kinds FROM fig_plan WHERE branch = 'BM' "
                + "AND period = '2021-H1'), ',')";
        List<String> queries = List.of(
                "SELECT commune, COUNT(*) FROM fig_customer WHERE branch = 'BM' AND registered_at < '2021-07-01' "
                        + "GROUP BY commune",
                "SELECT commune, COUNT(DISTINCT customer) FROM fig_registration WHERE branch = 'BM' "
                        + "AND type = 'PAYMENT' AND channel = ANY (" + kinds + ") AND registered_at < '2021-07-01' "
                        + "AND (unregistered_at IS NULL OR unregistered_at >= '2021-07-01') GROUP BY commune",
                "SELECT commune, COUNT(DISTINCT customer) FROM fig_customer_month WHERE branch = 'BM' "
                        + "AND month >= '2021-01-01' AND month < '2021-07-01' AND kind = ANY (" + kinds + ") "
                        + "AND payments > 0 GROUP BY commune",
                "SELECT commune, COUNT(*) FROM (SELECT DISTINCT commune, customer FROM fig_registration "
                        + "WHERE branch = 'BM' AND type = 'PAYMENT' AND channel = ANY (" + kinds + ") "
                        + "AND registered_at < '2021-07-01' AND (unregistered_at IS NULL "
                        + "OR unregistered_at >= '2021-07-01')) registered GROUP BY commune",
                "SELECT commune, COUNT(*) FROM (SELECT DISTINCT commune, customer FROM fig_customer_month "
                        + "WHERE branch = 'BM' AND month >= '2021-01-01' AND month < '2021-07-01' "
                        + "AND kind = ANY (" + kinds + ") AND payments > 0) paying GROUP BY commune",
                "SELECT commune, kind, provider, SUM(payments), SUM(amount) FROM fig_month WHERE branch = 'BM' "
                        + "AND month >= '2021-01-01' AND month < '2021-07-01' GROUP BY commune, kind, provider "
                        + "HAVING SUM(payments) <> 0 ORDER BY commune, kind, provider",
                "SELECT commune, name, kind, since FROM fig_commune WHERE branch = 'BM' ORDER BY commune",
                // with the counters (StoredFigures since V13_1): customers, registered customers, paying customers
                "SELECT commune, SUM(customers) FROM (SELECT commune, customers FROM fig_customer_count "
                        + "WHERE branch = 'BM' AND month < '2021-07-01' UNION ALL SELECT commune, 1 FROM fig_customer "
                        + "WHERE branch = 'BM' AND registered_at >= '2021-07-01T00:00+07' "
                        + "AND registered_at < '2021-07-01T00:00+07') registered GROUP BY commune "
                        + "HAVING SUM(customers) <> 0",
                "SELECT commune, SUM(customers) FROM fig_registered WHERE branch = 'BM' AND type = 'PAYMENT' "
                        + "AND string_to_array(channels, ',') && " + kinds + " GROUP BY commune",
                "SELECT commune, SUM(CASE WHEN is_active THEN 1 ELSE 0 END - CASE WHEN is_open THEN 1 ELSE 0 END) "
                        + "FROM (SELECT commune, customer, bool_or(registered_at < '2021-07-01T00:00+07' "
                        + "AND (unregistered_at IS NULL OR unregistered_at >= '2021-07-01T00:00+07')) AS is_active, "
                        + "bool_or(unregistered_at IS NULL) AS is_open FROM fig_registration "
                        + "WHERE customer IN (SELECT customer FROM fig_registration WHERE branch = 'BM' "
                        + "AND type = 'PAYMENT' AND channel = ANY (" + kinds + ") "
                        + "AND (registered_at >= '2021-07-01T00:00+07' OR unregistered_at >= '2021-07-01T00:00+07')) "
                        + "AND branch = 'BM' AND type = 'PAYMENT' AND channel = ANY (" + kinds + ") "
                        + "GROUP BY commune, customer) changed GROUP BY commune",
                "SELECT commune, SUM(customers) FROM fig_paying WHERE branch = 'BM' AND period = '2021-H1' "
                        + "AND string_to_array(kinds, ',') && " + kinds + " GROUP BY commune "
                        + "HAVING SUM(customers) <> 0");
        try (Connection c = DriverManager.getConnection(url, "postgres", ""); Statement s = c.createStatement()) {
            for (String query : queries) {
                System.out.println("EXPLAIN " + query);
                try (ResultSet rs = s.executeQuery("EXPLAIN (ANALYZE, BUFFERS) " + query)) {
                    while (rs.next()) {
                        System.out.println("  " + rs.getString(1));
                    }
                }
            }
        }
    }

    private static long count(String url, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(url, "postgres", ""); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static double rawSequentialRead(String url) throws Exception {
        try (Connection c = DriverManager.getConnection(url, "postgres", "")) {
            c.setAutoCommit(false);
            double best = 0;
            for (int attempt = 0; attempt < 2; attempt++) {
                try (PreparedStatement read = c.prepareStatement("SELECT globalindex, eventidentifier, payloadtype, "
                        + "payload, metadata FROM domainevententry ORDER BY globalindex")) {
                    read.setFetchSize(1_000);
                    long started = System.nanoTime();
                    long rows = 0;
                    long bytes = 0;
                    try (ResultSet rs = read.executeQuery()) {
                        while (rs.next()) {
                            rows++;
                            bytes += rs.getBytes(4).length;
                        }
                    }
                    assertThat(bytes).isPositive();
                    best = Math.max(best, rows / ((System.nanoTime() - started) / 1e9));
                }
            }
            c.commit();
            return best;
        }
    }


    private static String perSecond(double value, String unit) {
        return String.format("%,.0f %s/s", value, unit);
    }

    private static String ratio(double value, double baseline, String name) {
        return String.format(" (%.2f x %s)", value / baseline, name);
    }
}
