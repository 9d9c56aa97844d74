package vn.evn.cashless.api.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import vn.evn.cashless.api.support.EndToEndTest;
import vn.evn.cashless.api.support.Http;
import vn.evn.cashless.api.support.Tester;

/** The audit export, read as an auditor's tool reads it: NDJSON lines, pages, resumes, one customer's ledger. */
class AuditExportEndToEndTest extends EndToEndTest {

    private static final List<String> FIELDS = List.of("position", "eventId", "type", "revision", "aggregateType",
            "aggregateId", "sequence", "recordedAt", "actor", "correlationId", "source", "payload");

    @Autowired
    private DataSource dataSource;
    @Autowired
    private JdbcTemplate jdbc;

    @Test
    void exportsEachEventOnALineWithWhoCausedItAndThePayloadAsStored() {
        long before = safePosition();
        String commune = uniqueCommuneCode();
        String branch = branchWith(commune);
        String code = uniqueCustomerCode();
        Http.Response registered = http().post("/api/customers", Map.of("code", code, "name", "Nguyễn Thị Ánh Tuyết",
                        "branch", branch, "commune", commune, "registeredAt", "2021-06-30T17:30:00Z"),
                Map.of("X-Actor", "le.thi.b@pc-hagiang", "X-Correlation-Id", "ticket-4711"));
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);

        Http.Response export = http().get("/api/audit/events?after=" + before);

        assertThat(export.status()).isEqualTo(200);
        assertThat(export.contentType()).startsWith("application/x-ndjson");
        assertThat(export.raw().body()).endsWith("\n");
        List<JsonNode> lines = lines(export);
        assertThat(lines).allSatisfy(line -> assertThat(line.propertyNames()).containsExactlyElementsOf(FIELDS));
        assertThat(lines).extracting(line -> line.get("position").asLong()).isSorted().doesNotHaveDuplicates()
                .allSatisfy(position -> assertThat(position).isGreaterThan(before)
                        .isLessThanOrEqualTo(Long.parseLong(export.header("X-Safe-Position"))));
        JsonNode customer = lines.stream().filter(line -> line.get("aggregateId").asString().equals(code))
                .findFirst().orElseThrow();
        assertThat(customer.get("type").asString()).isEqualTo("CustomerRegistered");
        assertThat(customer.get("revision").asString()).isEqualTo("1");
        assertThat(customer.get("aggregateType").asString()).isEqualTo("Customer");
        assertThat(customer.get("sequence").asLong()).isZero();
        assertThat(customer.get("eventId").asString()).isNotBlank();
        assertThat(customer.get("recordedAt").asString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d.*\\+07:00");
        assertThat(customer.get("actor").asString()).isEqualTo(Tester.NAME);
        assertThat(customer.get("correlationId").asString()).isEqualTo("ticket-4711");
        assertThat(customer.get("source").asString()).isEqualTo("api");
        JsonNode payload = customer.get("payload");
        assertThat(payload.isObject()).isTrue();
        assertThat(payload.get("name").asString()).isEqualTo("Nguyễn Thị Ánh Tuyết");
        assertThat(payload.get("customer").asString()).isEqualTo(code);
        String stored = jdbc.queryForObject("SELECT convert_from(payload, 'UTF8') FROM domainevententry "
                + "WHERE aggregateidentifier = ?", String.class, code);
        assertThat(export.raw().body()).contains("\"payload\":" + stored + "}\n");
    }

    @Test
    void pagesResumeAfterTheLastPositionReceivedAndMissNothing() {
        long before = safePosition();
        String commune = uniqueCommuneCode();
        String branch = branchWith(commune);
        String code = customer(branch, commune);
        paidBill(code, "2021-05", 300_000, "BANK", "Agribank", "2021-05-20T08:00:00+07:00");

        List<Long> whole = positions(lines(http().get("/api/audit/events?after=" + before)));
        List<Long> paged = new ArrayList<>();
        long after = before;
        while (true) {
            List<Long> page = positions(lines(http().get("/api/audit/events?limit=2&after=" + after)));
            assertThat(page).hasSizeLessThanOrEqualTo(2);
            if (page.isEmpty()) {
                break;
            }
            paged.addAll(page);
            after = page.get(page.size() - 1);
        }

        assertThat(whole).hasSizeGreaterThanOrEqualTo(5);
        assertThat(paged).startsWith(whole.toArray(Long[]::new));
    }

    @Test
    void badPositionsAndLimitsAreRejectedNamingTheParameter() {
        assertInvalid("/api/audit/events?after=-1", "after");
        assertInvalid("/api/audit/events?after=twelve", "after");
        assertInvalid("/api/audit/events?after=", "after");
        assertInvalid("/api/audit/events?limit=0", "limit");
        assertInvalid("/api/audit/events?limit=100001", "limit");
        assertInvalid("/api/audit/events?limit=1.5", "limit");
        assertInvalid("/api/audit/customers/PA20/events", "code");
    }

    @Test
    void aCustomersLedgerHoldsItsOwnEventsAndItsBillsInGlobalOrder() {
        String commune = uniqueCommuneCode();
        String branch = branchWith(commune);
        String code = customer(branch, commune);
        String neighbour = customer(branch, commune);
        assertThat(http().put("/api/customers/" + code + "/phone", Map.of("phone", "0987654321",
                "changedAt", "2021-02-01T08:00:00+07:00")).status()).isEqualTo(200);
        assertThat(http().post("/api/customers/" + code + "/payment-channels", Map.of("kind", "E_WALLET",
                "provider", "MoMo", "registeredAt", "2020-06-01T00:00:00Z")).status()).isEqualTo(201);
        String payment = paidBill(code, "2021-06", 512_000, "E_WALLET", "MoMo", "2021-06-30T17:30:00Z");
        assertThat(http().post("/api/payments/" + payment + "/reversal", Map.of("reason",
                "Ngân hàng báo trùng giao dịch", "reversedAt", "2021-07-02T09:00:00+07:00")).status()).isEqualTo(200);
        paidBill(neighbour, "2021-06", 100_000, "BANK", "Agribank", "2021-06-10T08:00:00+07:00");

        Http.Response ledger = http().get("/api/audit/customers/" + code.toLowerCase() + "/events");

        assertThat(ledger.status()).isEqualTo(200);
        assertThat(ledger.contentType()).startsWith("application/x-ndjson");
        List<JsonNode> lines = lines(ledger);
        assertThat(lines).extracting(line -> line.get("type").asString()).containsExactly("CustomerRegistered",
                "CustomerPhoneChanged", "PaymentChannelRegistered", "BillIssued", "PaymentRecorded",
                "PaymentReversed");
        assertThat(lines).extracting(line -> line.get("aggregateId").asString())
                .containsExactly(code, code, code, code + "-2021-06", code + "-2021-06", code + "-2021-06");
        assertThat(positions(lines)).isSorted().allSatisfy(position ->
                assertThat(position).isLessThanOrEqualTo(Long.parseLong(ledger.header("X-Safe-Position"))));
        assertThat(lines.get(5).get("payload").get("reason").asString()).isEqualTo("Ngân hàng báo trùng giao dịch");
    }

    @Test
    void anUnknownCustomerHasNoLedger() {
        Http.Response response = http().get("/api/audit/customers/" + uniqueCustomerCode() + "/events");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("code").asString()).isEqualTo("CUSTOMER_NOT_FOUND");
        assertThat(response.json().get("field").asString()).isEqualTo("code");
    }

    /**
     * A transaction that drew a lower global index commits after one with a higher index. The export waits for it
     * rather than hand out the higher one first, so a client resuming after its last position gets both.
     */
    @Test
    void anEventCommittedLateBelowAVisibleOneIsNeverSkipped() throws Exception {
        String commune = uniqueCommuneCode();
        String branch = branchWith(commune);
        String code = customer(branch, commune);
        bill(code, "2021-06", 512_000);
        long resumeAfter = safePosition();

        CompletableFuture<Http.Response> export;
        long slowPosition;
        try (Connection slow = dataSource.getConnection()) {
            slow.setAutoCommit(false);
            slowPosition = insertPhoneChangeAsAxonWould(slow, code, branch, commune);
            Http.Response paid = pay(code, "2021-06", 512_000, "BANK", "Agribank", "REF-" + UUID.randomUUID(),
                    "2021-06-15T08:00:00+07:00");
            assertThat(paid.status()).as(paid.toString()).isEqualTo(201);
            long paymentPosition = jdbc.queryForObject("SELECT MAX(globalindex) FROM domainevententry "
                    + "WHERE aggregateidentifier = ?", Long.class, code + "-2021-06");
            assertThat(paymentPosition).isGreaterThan(slowPosition);

            export = CompletableFuture.supplyAsync(() -> http().get("/api/audit/events?after=" + resumeAfter));
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                    .until(this::anExportWaitsForWriters);
            assertThat(export).isNotDone();
            slow.commit();
        }

        Http.Response resumed = export.get(30, TimeUnit.SECONDS);
        assertThat(resumed.status()).isEqualTo(200);
        List<JsonNode> mine = lines(resumed).stream()
                .filter(line -> line.get("aggregateId").asString().startsWith(code)).toList();
        assertThat(mine).extracting(line -> line.get("type").asString())
                .containsExactly("CustomerPhoneChanged", "PaymentRecorded");
        assertThat(mine.get(0).get("position").asLong()).isEqualTo(slowPosition);
    }

    /** The row Axon's JDBC engine writes for an event: it never names the global index. */
    private static long insertPhoneChangeAsAxonWould(Connection connection, String code, String branch,
                                                     String commune) throws Exception {
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO domainevententry (eventidentifier, aggregateidentifier, sequencenumber, type, timestamp,
                                              payloadtype, payloadrevision, payload, metadata)
                VALUES (?, ?, 1, 'Customer', '2021-06-30T10:00:00Z', 'vn.evn.cashless.domain.customer.CustomerPhoneChanged',
                        '1', convert_to(?, 'UTF8'), convert_to(?, 'UTF8'))
                RETURNING globalindex""")) {
            insert.setString(1, UUID.randomUUID().toString());
            insert.setString(2, code);
            insert.setString(3, Http.JSON.writeValueAsString(Map.of("customer", code, "branch", branch, "commune", commune, "phone", "0987654321",
                    "previousPhone", "0912345678", "changedAt", "2021-06-30T10:00:00Z")));
            insert.setString(4, Http.JSON.writeValueAsString(Map.of("actor", "slow.writer",
                    "correlationId", "slow", "source", "test")));
            try (var result = insert.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        }
    }

    private boolean anExportWaitsForWriters() {
        return Boolean.TRUE.equals(jdbc.queryForObject("""
                SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND NOT granted
                               AND ((classid::bigint << 32) | objid::bigint) = 7301200145)""", Boolean.class));
    }

    private long safePosition() {
        Http.Response empty = http().get("/api/audit/events?limit=1&after=" + Long.MAX_VALUE);
        assertThat(empty.status()).isEqualTo(200);
        assertThat(empty.raw().body()).isEmpty();
        return Long.parseLong(empty.header("X-Safe-Position"));
    }

    private void assertInvalid(String path, String field) {
        Http.Response response = http().get(path);
        assertThat(response.status()).as(path).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("code").asString()).isEqualTo("INVALID_VALUE");
        assertThat(response.json().get("field").asString()).isEqualTo(field);
        assertThat(response.json().get("reason").asString()).isNotBlank();
    }

    private static List<JsonNode> lines(Http.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.raw().body().lines().map(Http.JSON::readTree).toList();
    }

    private static List<Long> positions(List<JsonNode> lines) {
        return lines.stream().map(line -> line.get("position").asLong()).toList();
    }
}
