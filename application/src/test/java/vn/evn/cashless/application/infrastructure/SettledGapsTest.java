package vn.evn.cashless.application.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.axonframework.common.jdbc.DataSourceConnectionProvider;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.jackson3.Jackson3Serializer;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A streaming reader's token, read from the ledger's event store on a real PostgreSQL: an index a rolled-back append
 * drew is not carried as a gap, and an append still running when the reader passes its index is delivered when it
 * commits, and a reader still waiting for it is never taken for one that has read it.
 */
class SettledGapsTest {

    private static EmbeddedPostgres postgres;
    private static DataSource application;
    private static JdbcTemplate jdbc;
    private static SettledPositions settled;
    private static SnapshotFreeEventStorageEngine engine;

    @BeforeAll
    static void startDatabase() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        Flyway.configure().dataSource(postgres.getPostgresDatabase()).locations("classpath:db/migration").load()
                .migrate();
        application = postgres.getDatabase("ledger_app", "postgres");
        jdbc = new JdbcTemplate(application);
        Serializer serializer = Jackson3Serializer.builder().build();
        EventSchema schema = new EventSchema();
        settled = new SettledPositions(application, Duration.ZERO);
        engine = new SnapshotFreeEventStorageEngine(JdbcEventStorageEngine.builder()
                .snapshotSerializer(serializer).eventSerializer(serializer)
                .connectionProvider(new DataSourceConnectionProvider(application))
                .transactionManager(NoTransactionManager.INSTANCE).schema(schema).batchSize(1_000),
                new DataSourceConnectionProvider(application), schema, settled);
    }

    @AfterAll
    static void stopDatabase() throws Exception {
        postgres.close();
    }

    @Test
    void anIndexDrawnByARolledBackAppendIsNoGap() throws Exception {
        GapAwareTrackingToken start = readerAt(append(1).get(0));
        drawAndRollBack(5_000);
        List<Appended> appended = append(10);

        List<TrackedEventData<?>> read = readOn(start);

        assertThat(read).extracting(TrackedEventData::getEventIdentifier)
                .containsExactlyElementsOf(appended.stream().map(Appended::id).toList());
        assertThat(read).allSatisfy(event -> assertThat(token(event).getGaps()).isEmpty());
    }

    @Test
    void anAppendStillRunningWhenTheReaderPassesIsDeliveredWhenItCommits() throws Exception {
        GapAwareTrackingToken start = readerAt(append(1).get(0));
        drawAndRollBack(100);
        long settledBefore = settled.refresh();
        try (Connection running = application.getConnection()) {
            running.setAutoCommit(false);
            Appended late = insert(running, 1).get(0);
            assertThat(late.index()).isGreaterThan(settledBefore);
            drawAndRollBack(2_000);
            append(10);

            GapAwareTrackingToken passed = lastToken(readOn(start));
            assertThat(passed.getGaps()).as("the 100 settled before are dropped; nothing later is known settled "
                    + "while an append runs").contains(late.index()).hasSize(2_001);

            running.commit();
            List<TrackedEventData<?>> fromStart = readOn(start);
            GapAwareTrackingToken seenLate = token(fromStart.get(fromStart.size() - 1));
            assertThat(seenLate.getIndex()).isEqualTo(passed.getIndex());
            assertThat(seenLate).as("a reader that has read the late event, at the same index: Axon joins a reader "
                    + "to another's stream by token equality").isNotEqualTo(passed);

            List<TrackedEventData<?>> read = readOn(passed);
            assertThat(read).extracting(TrackedEventData::getEventIdentifier).containsExactly(late.id());
            assertThat(token(read.get(0)).getGaps()).doesNotContain(late.index());

            Appended next = append(1).get(0);
            List<TrackedEventData<?>> after = readOn(lastToken(read));
            assertThat(after).extracting(TrackedEventData::getEventIdentifier).containsExactly(next.id());
            assertThat(token(after.get(0)).getGaps()).as("the rolled-back indexes, settled since").isEmpty();
        }
    }

    /** What a reader gets from the given token on, fetch after fetch, until a fetch finds nothing more. */
    private static List<TrackedEventData<?>> readOn(GapAwareTrackingToken token) {
        List<TrackedEventData<?>> read = new ArrayList<>();
        List<? extends TrackedEventData<?>> fetched = engine.fetchTrackedEvents(token, 1_000);
        while (!fetched.isEmpty()) {
            read.addAll(fetched);
            fetched = engine.fetchTrackedEvents(lastToken(fetched), 1_000);
        }
        return read;
    }

    private record Appended(long index, String id) {
    }

    /** A reader that has seen every event up to the given one. */
    private static GapAwareTrackingToken readerAt(Appended event) {
        return GapAwareTrackingToken.newInstance(event.index(), List.of());
    }

    /** Events appended and committed, in global index order. */
    private static List<Appended> append(int events) throws Exception {
        try (Connection connection = application.getConnection()) {
            return insert(connection, events);
        }
    }

    /** Draws {@code indexes} global indexes in an append that rolls back. */
    private static void drawAndRollBack(int indexes) {
        new TransactionTemplate(new DataSourceTransactionManager(application)).executeWithoutResult(status -> {
            jdbc.update(INSERT_SQL + " FROM generate_series(1, ?) AS g", UUID.randomUUID().toString(),
                    Instant.now().toString(), indexes);
            status.setRollbackOnly();
        });
    }

    private static List<Appended> insert(Connection connection, int events) throws Exception {
        try (PreparedStatement insert = connection.prepareStatement(
                INSERT_SQL + " FROM generate_series(1, ?) AS g RETURNING globalindex, eventidentifier")) {
            insert.setString(1, UUID.randomUUID().toString());
            insert.setString(2, Instant.now().toString());
            insert.setInt(3, events);
            List<Appended> appended = new ArrayList<>();
            try (ResultSet rows = insert.executeQuery()) {
                while (rows.next()) {
                    appended.add(new Appended(rows.getLong(1), rows.getString(2)));
                }
            }
            appended.sort(Comparator.comparingLong(Appended::index));
            return appended;
        }
    }

    /** Fresh events (younger than Axon's gap timeout, so gaps before them are kept), one aggregate each. */
    private static final String INSERT_SQL = """
            INSERT INTO domainevententry (aggregateidentifier, sequencenumber, type, eventidentifier, payload,
                                          payloadtype, timestamp)
            SELECT ?::text || '-' || g, 0, 'Test', gen_random_uuid()::text, convert_to('{"branch":"ZZ"}', 'UTF8'),
                   'test.Event', ?::text""";

    private static GapAwareTrackingToken lastToken(List<? extends TrackedEventData<?>> events) {
        assertThat(events).isNotEmpty();
        return token(events.get(events.size() - 1));
    }

    private static GapAwareTrackingToken token(TrackedEventData<?> event) {
        return (GapAwareTrackingToken) event.trackingToken();
    }
}
