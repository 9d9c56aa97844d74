package vn.evn.cashless.api.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import vn.evn.cashless.api.support.EndToEndTest;
import vn.evn.cashless.application.audit.HashChainEvent;
import vn.evn.cashless.application.infrastructure.EmbeddedPostgresServer;

/**
 * Tamper evidence, as an auditor sees it: the chain covers every event made through the API, the database refuses
 * to change or remove history, and what is done around those refusals is named, at its position, by verification.
 * Each test that tampers puts the history back as it was before it ends, since the application is shared.
 */
class AuditChainEndToEndTest extends EndToEndTest {

    /** The trigger that refuses UPDATE, DELETE and TRUNCATE (V6). */
    private static final String APPEND_ONLY = "domainevententry_append_only";
    /** The trigger that draws each event's position (V5). */
    private static final String DRAWS_POSITIONS = "domainevententry_global_index";

    @Autowired
    private JdbcTemplate applicationJdbc;
    @Autowired
    private EmbeddedPostgresServer server;

    @Test
    void theChainCoversEveryEventMadeThroughTheApiAndVerifies() throws Exception {
        String commune = uniqueCommuneCode();
        String customer = customer(branchWith(commune), commune);
        paidBill(customer, "2021-06", 512_000, "E_WALLET", "MoMo", "2021-06-30T17:30:00Z");

        JsonNode head = awaitChainCaughtUp();
        JsonNode verdict = http().get("/api/audit/verify").json();

        assertThat(verdict.get("verified").asBoolean()).as(verdict.toString()).isTrue();
        long stored = applicationJdbc.queryForObject("SELECT COUNT(*) FROM domainevententry WHERE globalindex <= ?",
                Long.class, head.get("position").asLong());
        assertThat(verdict.get("events").asLong()).isEqualTo(stored);
        assertThat(head.get("events").asLong()).isEqualTo(stored);
        assertThat(head.get("link").asString()).hasSize(64);
    }

    @Test
    void anAuditorRecomputesTheSameLinksFromTheDocumentedEncodingAlone() throws Exception {
        branchWith(uniqueCommuneCode());
        long head = awaitChainCaughtUp().get("position").asLong();

        List<String> recomputed = new ArrayList<>();
        try (Connection owner = owner(); Statement statement = owner.createStatement()) {
            String script = Files.readString(Path.of("..", "docs", "audit-chain-recompute.sql"));
            boolean isResult = statement.execute(script);
            while (!isResult) {
                isResult = statement.getMoreResults();
            }
            try (ResultSet links = statement.getResultSet()) {
                while (links.next()) {
                    if (links.getLong(1) <= head) {
                        recomputed.add(links.getLong(1) + " " + links.getString(2));
                    }
                }
            }
        }
        List<String> chain = applicationJdbc.query("SELECT position, link FROM audit_chain ORDER BY position",
                (row, n) -> row.getLong(1) + " " + HexFormat.of().formatHex(row.getBytes(2)));
        assertThat(recomputed).isNotEmpty().isEqualTo(chain.subList(0, recomputed.size()));
    }

    @Test
    void theApplicationsRoleMayNotChangeOrRemoveHistory() {
        branchWith(uniqueCommuneCode());
        awaitChainCaughtUp();
        assertThat(applicationJdbc.queryForObject("SELECT current_user", String.class)).isEqualTo("ledger_app");

        for (String table : List.of("domainevententry", "audit_chain")) {
            String key = table.equals("audit_chain") ? "position" : "globalindex";
            for (String sql : List.of("UPDATE " + table + " SET " + key + " = " + key + " WHERE " + key + " > 0",
                    "DELETE FROM " + table + " WHERE " + key + " > 0", "TRUNCATE " + table)) {
                assertThatThrownBy(() -> applicationJdbc.execute(sql)).as(sql)
                        .rootCause().isInstanceOf(SQLException.class)
                        .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("42501"));
            }
        }
    }

    @Test
    void theOwnerIsRefusedByTheTriggerEvenInReplicaMode() throws Exception {
        branchWith(uniqueCommuneCode());
        awaitChainCaughtUp();
        try (Connection owner = owner(); Statement statement = owner.createStatement()) {
            for (String table : List.of("domainevententry", "audit_chain")) {
                String key = table.equals("audit_chain") ? "position" : "globalindex";
                for (String sql : List.of("UPDATE " + table + " SET " + key + " = " + key,
                        "DELETE FROM " + table, "TRUNCATE " + table)) {
                    for (String mode : List.of("origin", "replica")) {
                        statement.execute("SET session_replication_role = " + mode);
                        assertThatThrownBy(() -> statement.execute(sql)).as(sql + " in " + mode + " mode")
                                .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
                    }
                }
            }
        }
        assertThat(http().get("/api/audit/verify").json().get("verified").asBoolean()).isTrue();
    }

    @Test
    void anEditedPayloadIsNamedAsChangedAtItsPosition() throws Exception {
        String branch = branchWith(uniqueCommuneCode());
        awaitChainCaughtUp();
        long position = position(branch, 1);
        byte[] original = applicationJdbc.queryForObject(
                "SELECT payload FROM domainevententry WHERE globalindex = ?", byte[].class, position);
        byte[] edited = new String(original, StandardCharsets.UTF_8).replace("Xã", "Phường")
                .getBytes(StandardCharsets.UTF_8);
        assertThat(edited).isNotEqualTo(original);
        try {
            aroundTheTrigger("UPDATE domainevententry SET payload = ? WHERE globalindex = ?", edited, position);

            JsonNode verdict = verifyNames("changed", position);
            assertThat(verdict.get("storedLink").asString()).isNotEqualTo(verdict.get("computedLink").asString());
        } finally {
            aroundTheTrigger("UPDATE domainevententry SET payload = ? WHERE globalindex = ?", original, position);
        }
        assertThat(http().get("/api/audit/verify").json().get("verified").asBoolean()).isTrue();
    }

    @Test
    void aDeletedEventIsNamedAsRemovedAtItsPosition() throws Exception {
        String branch = branchWith(uniqueCommuneCode());
        awaitChainCaughtUp();
        long position = position(branch, 0);
        HashChainEvent kept = applicationJdbc.queryForObject("SELECT " + HashChainEvent.COLUMNS
                + " FROM domainevententry WHERE globalindex = ?", (row, n) -> HashChainEvent.read(row), position);
        try {
            aroundTheTrigger("DELETE FROM domainevententry WHERE globalindex = ?", position);

            verifyNames("removed", position);
        } finally {
            // put back at its own position: past the trigger that draws positions, too
            aroundTheTriggers(List.of(APPEND_ONLY, DRAWS_POSITIONS), "INSERT INTO domainevententry ("
                            + HashChainEvent.COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", kept.position(),
                    kept.eventId(), kept.payloadType(), kept.payloadRevision(), kept.aggregateType(),
                    kept.aggregateId(), kept.sequenceNumber(), kept.payload(), kept.metadata(), kept.timestamp());
        }
        assertThat(http().get("/api/audit/verify").json().get("verified").asBoolean()).isTrue();
    }

    @Test
    void anEventSlippedIntoAPassedOverPositionIsNamedAsInserted() throws Exception {
        long skipped;
        try (Connection owner = owner(); Statement statement = owner.createStatement();
             ResultSet drawn = statement.executeQuery(
                     "SELECT nextval(pg_get_serial_sequence('domainevententry', 'globalindex'))")) {
            drawn.next();
            skipped = drawn.getLong(1);
        }
        branchWith(uniqueCommuneCode());
        assertThat(awaitChainCaughtUp().get("position").asLong()).isGreaterThan(skipped);
        try {
            try (Connection owner = owner()) {
                owner.setAutoCommit(false);
                try (Statement statement = owner.createStatement()) {
                    statement.execute("ALTER TABLE domainevententry DISABLE TRIGGER " + DRAWS_POSITIONS);
                    forge(owner, skipped);
                    statement.execute("ALTER TABLE domainevententry ENABLE TRIGGER " + DRAWS_POSITIONS);
                }
                owner.commit();
            }

            verifyNames("inserted", skipped);
        } finally {
            aroundTheTrigger("DELETE FROM domainevententry WHERE globalindex = ?", skipped);
        }
        assertThat(http().get("/api/audit/verify").json().get("verified").asBoolean()).isTrue();
    }

    /**
     * An append still in flight holds a lower index than events committed after it. The chain waits for it rather
     * than linking past it; once it commits, it is linked at its own position, before the later events.
     */
    @Test
    void anAppendStillInFlightIsWaitedForNotPassedOver() throws Exception {
        long before = awaitChainCaughtUp().get("position").asLong();
        long inFlight;
        try (Connection slow = owner()) {
            slow.setAutoCommit(false);
            inFlight = forge(slow, null);
            String branch = branchWith();
            long later = position(branch, 0);
            assertThat(later).isGreaterThan(inFlight);

            try (Connection observer = owner(); PreparedStatement waiting = observer.prepareStatement("""
                    SELECT COUNT(*) FROM pg_locks
                    WHERE locktype = 'advisory' AND mode = 'ExclusiveLock' AND NOT granted""")) {
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20)).until(() -> {
                    try (ResultSet count = waiting.executeQuery()) {
                        count.next();
                        return count.getLong(1) > 0;
                    }
                });
            }
            assertThat(http().get("/api/audit/head").json().get("position").asLong())
                    .isGreaterThanOrEqualTo(before).isLessThan(inFlight);
            slow.commit();
        }

        awaitChainCaughtUp();
        List<Long> chained = applicationJdbc.queryForList(
                "SELECT position FROM audit_chain WHERE position >= ? ORDER BY position LIMIT 2", Long.class,
                inFlight);
        assertThat(chained.get(0)).isEqualTo(inFlight);
        JsonNode verdict = http().get("/api/audit/verify").json();
        assertThat(verdict.get("verified").asBoolean()).as(verdict.toString()).isTrue();
    }

    /** Asks for a verification and checks that it names the problem at the position; returns the answer. */
    private JsonNode verifyNames(String problem, long position) {
        JsonNode verdict = http().get("/api/audit/verify").json();
        assertThat(verdict.get("verified").asBoolean()).as(verdict.toString()).isFalse();
        assertThat(verdict.get("problem").asString()).as(verdict.toString()).isEqualTo(problem);
        assertThat(verdict.get("position").asLong()).as(verdict.toString()).isEqualTo(position);
        return verdict;
    }

    /** Waits until the chain reaches the last stored event; returns the head. */
    private JsonNode awaitChainCaughtUp() {
        long stored = eventCount();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                .until(() -> http().get("/api/audit/head").json().get("position").asLong() >= stored);
        return http().get("/api/audit/head").json();
    }

    private long position(String aggregate, long sequenceNumber) {
        return applicationJdbc.queryForObject(
                "SELECT globalindex FROM domainevententry WHERE aggregateidentifier = ? AND sequencenumber = ?",
                Long.class, aggregate, sequenceNumber);
    }

    private Connection owner() throws SQLException {
        return DriverManager.getConnection(server.jdbcUrl(), "postgres", "");
    }

    /** Runs one statement as the owner with the trigger switched off, as someone covering their tracks would. */
    private void aroundTheTrigger(String sql, Object... parameters) throws SQLException {
        aroundTheTriggers(List.of(APPEND_ONLY), sql, parameters);
    }

    private void aroundTheTriggers(List<String> triggers, String sql, Object... parameters) throws SQLException {
        try (Connection owner = owner()) {
            owner.setAutoCommit(false);
            try (Statement statement = owner.createStatement();
                 PreparedStatement change = owner.prepareStatement(sql)) {
                for (String trigger : triggers) {
                    statement.execute("ALTER TABLE domainevententry DISABLE TRIGGER " + trigger);
                }
                for (int i = 0; i < parameters.length; i++) {
                    change.setObject(i + 1, parameters[i]);
                }
                change.executeUpdate();
                for (String trigger : triggers) {
                    statement.execute("ALTER TABLE domainevententry ENABLE " + (trigger.equals(APPEND_ONLY)
                            ? "ALWAYS " : "") + "TRIGGER " + trigger);
                }
                owner.commit();
            }
        }
    }

    /**
     * Writes an event no command made, of a type no handler knows, at the given position (or the next one); the
     * read models pass it over. Returns its position.
     */
    private static long forge(Connection owner, Long position) throws SQLException {
        String aggregate = "forged-" + UUID.randomUUID();
        try (PreparedStatement insert = owner.prepareStatement("""
                INSERT INTO domainevententry (globalindex, aggregateidentifier, sequencenumber, type, eventidentifier,
                                              metadata, payload, payloadrevision, payloadtype, timestamp)
                VALUES (COALESCE(?, nextval(pg_get_serial_sequence('domainevententry', 'globalindex'))), ?, 0,
                        'Forged', ?, convert_to('{}', 'UTF8'), convert_to('{}', 'UTF8'), '1',
                        'vn.evn.cashless.forged.Forged', '2021-07-01T00:00:00Z')
                RETURNING globalindex""")) {
            insert.setObject(1, position, java.sql.Types.BIGINT);
            insert.setString(2, aggregate);
            insert.setString(3, UUID.randomUUID().toString());
            try (ResultSet inserted = insert.executeQuery()) {
                inserted.next();
                return inserted.getLong(1);
            }
        }
    }
}
