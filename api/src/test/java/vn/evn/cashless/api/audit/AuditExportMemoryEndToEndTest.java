package vn.evn.cashless.api.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import vn.evn.cashless.api.support.Http;
import vn.evn.cashless.api.support.Tester;
import vn.evn.cashless.api.support.Reads;
import vn.evn.cashless.api.support.RunningApplication;
import vn.evn.cashless.application.audit.EventExport;

/**
 * The export streams a history far larger than the application's heap: the application runs in a process of its
 * own held to 160 MB, and hands out several hundred MB of NDJSON without running out of memory.
 */
class AuditExportMemoryEndToEndTest {

    private static final String HEAP = "-Xmx160m";
    private static final int ARCHIVED_EVENTS = 50_000;
    /** About 5.5 kB of Vietnamese text per event: the history comes to about 280 MB of NDJSON. */
    private static final int NOTE_REPEATS = 125;
    private static final long HEAP_BYTES = 160L * 1024 * 1024;

    @Test
    void aHistoryMuchLargerThanTheHeapStreamsInConstantMemory() throws Exception {
        Path root = Path.of("target", "audit-memory", UUID.randomUUID().toString());
        try (EmbeddedPostgres server = EmbeddedPostgres.builder().start()) {
            Map<String, String> database = Map.of(
                    "SPRING_DATASOURCE_URL", server.getJdbcUrl("postgres", "postgres"),
                    "SPRING_DATASOURCE_USERNAME", "postgres");
            JdbcTemplate jdbc = new JdbcTemplate(server.getPostgresDatabase());
            Flyway.configure().dataSource(server.getPostgresDatabase()).locations("classpath:db/migration").load()
                    .migrate();
            long inserting = System.nanoTime();
            long archived = archiveHistory(jdbc);
            System.out.printf("Archived history written in %.1f s%n", (System.nanoTime() - inserting) / 1e9);

            String customer = "PA20BM0009999";
            try (RunningApplication small = RunningApplication.start(root.resolve("unused"), database,
                    List.of(HEAP, "-XX:+ExitOnOutOfMemoryError"))) {
                Http http = small.http();
                assertThat(http.post("/api/branches", Map.of("code", "BM", "name", "Điện lực Bắc Mê",
                        "company", "PC Hà Giang")).status()).isEqualTo(201);
                assertThat(http.post("/api/branches/BM/communes", Map.of("code", "01018",
                        "name", "Xã Phiêng Luông", "kind", "COMMUNE")).status()).isEqualTo(201);
                assertThat(http.post("/api/customers", Map.of("code", customer, "name", "Sùng Mí Páo",
                        "branch", "BM", "commune", "01018", "registeredAt", "2019-03-01T00:00:00Z")).status())
                        .isEqualTo(201);
                Reads.awaitCaughtUp(http);
                assertThat(http.get("/api/customers/" + customer).status()).isEqualTo(200);

                Export export = streamEverything(small.port());

                long head = archived + 3;
                assertThat(export.status()).isEqualTo(200);
                assertThat(export.safePosition()).isEqualTo(head);
                assertThat(export.lines()).isEqualTo(head);
                assertThat(export.first().get("position").asLong()).isEqualTo(1);
                assertThat(export.first().get("payload").get("note").asString()).startsWith("Điện lực Bắc Mê ghi chú");
                assertThat(export.last().get("position").asLong()).isEqualTo(head);
                assertThat(export.last().get("type").asString()).isEqualTo("CustomerRegistered");
                assertThat(export.last().get("payload").get("name").asString()).isEqualTo("Sùng Mí Páo");
                assertThat(export.bytes()).isGreaterThan(HEAP_BYTES * 3 / 2);
                double rawSeconds = rawRead(server);
                System.out.printf("Audit export with %s: %,d events, %,d MB in %.1f s: %,.0f events/s, %.1f MB/s "
                                + "(a bare JDBC cursor over the same rows: %,.0f events/s)%n",
                        HEAP, export.lines(), export.bytes() >> 20, export.seconds(), export.lines() / export.seconds(),
                        (export.bytes() >> 20) / export.seconds(), export.lines() / rawSeconds);

                Http.Response ledger = http.get("/api/audit/customers/" + customer + "/events");
                assertThat(ledger.status()).isEqualTo(200);
                assertThat(ledger.raw().body().lines()).hasSize(1);

                assertThat(small.isAlive()).isTrue();
                assertThat(http.get("/api/status").status()).isEqualTo(200);
                assertThat(small.log()).doesNotContain("OutOfMemoryError");
            }
            assertThat(plan(jdbc, customer)).contains("domainevententry_aggregate_range")
                    .doesNotContain("Seq Scan on domainevententry");
        }
    }

    /**
     * Archived notes written straight into the event store, far more than the heap holds. Every read model starts
     * past them (one token per processor, at the head): they ignore such notes anyway, and reading them would only
     * slow the test.
     */
    private static long archiveHistory(JdbcTemplate jdbc) {
        jdbc.update("""
                INSERT INTO domainevententry (eventidentifier, aggregateidentifier, sequencenumber, type, timestamp,
                                              payloadtype, payloadrevision, payload, metadata)
                SELECT 'archive-' || n, 'ARCHIVE-' || n, 0, 'Archive', '2021-06-30T17:30:00.000Z',
                       'vn.evn.cashless.archive.ArchivedNote', '1',
                       convert_to('{"note":"' || repeat('Điện lực Bắc Mê ghi chú lưu trữ ', ?) || '","n":' || n || '}',
                                  'UTF8'),
                       convert_to('{"actor":"archive","correlationId":"archive-' || n || '","source":"archive"}',
                                  'UTF8')
                FROM generate_series(1, ?) AS n""", NOTE_REPEATS, ARCHIVED_EVENTS);
        jdbc.execute("ANALYZE domainevententry");
        long head = jdbc.queryForObject("SELECT MAX(globalindex) FROM domainevententry", Long.class);
        ObjectNode atHead = Http.JSON.createObjectNode().put("index", head);
        atHead.putArray("gaps");
        for (String processor : streamingProcessors()) {
            jdbc.update("INSERT INTO tokenentry (processorname, segment, token, tokentype) "
                    + "VALUES (?, 0, convert_to(?, 'UTF8'), ?)", processor, atHead.toString(),
                    GapAwareTrackingToken.class.getName());
        }
        return head;
    }

    /** The read models, as the application's configuration names them. */
    private static Set<String> streamingProcessors() {
        YamlPropertiesFactoryBean yaml = new YamlPropertiesFactoryBean();
        yaml.setResources(new ClassPathResource("application.yml"));
        Properties properties = yaml.getObject();
        Set<String> names = new TreeSet<>();
        String prefix = "axon.eventhandling.processors.";
        for (String key : properties.stringPropertyNames()) {
            if (key.startsWith(prefix) && key.endsWith(".mode")) {
                names.add(key.substring(prefix.length(), key.length() - ".mode".length()));
            }
        }
        assertThat(names).isNotEmpty();
        return names;
    }

    private record Export(int status, long safePosition, long lines, long bytes, double seconds, JsonNode first,
                          JsonNode last) {
    }

    /** Reads the export as a client would, line by line, keeping only the first and the last. */
    private static Export streamEverything(int port) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        long started = System.nanoTime();
        HttpResponse<InputStream> response = client.send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/api/audit/events")).GET()
                        .header("Authorization", Tester.authorization()).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        long lines = 0;
        long bytes = 0;
        String first = null;
        String last = null;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(),
                StandardCharsets.UTF_8), 1 << 16)) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (first == null) {
                    first = line;
                }
                last = line;
                lines++;
                bytes += line.getBytes(StandardCharsets.UTF_8).length + 1;
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        return new Export(response.statusCode(),
                Long.parseLong(response.headers().firstValue("X-Safe-Position").orElse("-1")), lines, bytes, seconds,
                first == null ? null : Http.JSON.readTree(first), last == null ? null : Http.JSON.readTree(last));
    }

    /** The same rows read with a cursor and nothing done with them, for scale: the floor of any export. */
    private static double rawRead(EmbeddedPostgres server) throws Exception {
        long started = System.nanoTime();
        long bytes = 0;
        try (Connection connection = server.getPostgresDatabase().getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT globalindex, metadata, payload FROM domainevententry ORDER BY globalindex")) {
                select.setFetchSize(500);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        bytes += rows.getBytes(2).length + rows.getBytes(3).length;
                    }
                }
            }
            connection.commit();
        }
        assertThat(bytes).isPositive();
        return (System.nanoTime() - started) / 1e9;
    }

    private static String plan(JdbcTemplate jdbc, String customer) {
        return String.join("\n", jdbc.query("EXPLAIN " + EventExport.CUSTOMER_LEDGER, (row, n) -> row.getString(1),
                customer, customer + ".", customer, customer + "-%", Long.MAX_VALUE));
    }
}
