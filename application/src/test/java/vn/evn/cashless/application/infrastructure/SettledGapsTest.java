package vn.evn.cashless.application.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import javax.sql.DataSource;
import org.axonframework.common.jdbc.DataSourceConnectionProvider;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingEventStream;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.jackson3.Jackson3Serializer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import vn.evn.cashless.application.support.MigratedPostgres;

/**
 * A streaming reader's tokens, read from the ledger's event store on a real PostgreSQL: an index drawn by an append
 * that rolled back stops being a gap once the position is settled past it; an append still running when a reader
 * passes its index is delivered when it commits; and a reader still waiting for it is never taken for one that has
 * read it.
 */
class SettledGapsTest {

    private static final Duration A_MINUTE = Duration.ofMinutes(1);

    private static EmbeddedPostgres postgres;
    private static DataSource application;
    private static JdbcTemplate jdbc;
    private static SettledPositions settled;
    private static SnapshotFreeEventStorageEngine engine;

    @BeforeAll
    static void startDatabase() throws Exception {
        postgres = MigratedPostgres.start();
        application = postgres.getDatabase("ledger_app", "postgres");
        jdbc = new JdbcTemplate(application);
        settled = new SettledPositions(application, Duration.ZERO);
        engine = engine(application, settled);
    }

    /** The ledger's event store as {@code AxonSetup} builds it, on the given database. */
    static SnapshotFreeEventStorageEngine engine(DataSource dataSource, SettledPositions settled) {
        Serializer serializer = Jackson3Serializer.builder().build();
        return new SnapshotFreeEventStorageEngine(JdbcEventStorageEngine.builder()
                .snapshotSerializer(serializer).eventSerializer(serializer)
                .connectionProvider(new DataSourceConnectionProvider(dataSource))
                .transactionManager(NoTransactionManager.INSTANCE).batchSize(1_000),
                new DataSourceConnectionProvider(dataSource), SnapshotFreeEventStorageEngine.eventSchema(), settled);
    }

    @AfterAll
    static void stopDatabase() throws Exception {
        postgres.close();
    }

    @Test
    void eachEventCarriesThePositionSettledWhenItsIndexWasDrawn() throws Exception {
        append(1);
        drawAndRollBack(300);
        long position = settled.trySettle();
        List<Appended> appended = append(3);

        assertThat(position).isEqualTo(jdbc.queryForObject(
                "SELECT last_value FROM domainevententry_globalindex_seq", Long.class) - 3);
        assertThat(appended).allSatisfy(event -> assertThat(jdbc.queryForObject(
                "SELECT settledindex FROM domainevententry WHERE globalindex = ?", Long.class, event.index()))
                .isEqualTo(position).isLessThan(event.index()));
    }

    @Test
    void waitingForTheWritersMovesTheSettledPositionOnToo() throws Exception {
        append(1);
        drawAndRollBack(50);
        long drawn = jdbc.queryForObject("SELECT last_value FROM domainevententry_globalindex_seq", Long.class);

        new TransactionTemplate(new DataSourceTransactionManager(application)).executeWithoutResult(status ->
                jdbc.queryForObject("SELECT final_event_position()", Long.class));

        assertThat(jdbc.queryForObject("SELECT last_value FROM event_settled_position", Long.class))
                .isEqualTo(drawn);
    }

    @Test
    void theApplicationsRoleMovesThePositionOnlyThroughTheLock() {
        long before = jdbc.queryForObject("SELECT last_value FROM event_settled_position", Long.class);

        for (String move : List.of("SELECT setval('event_settled_position', 1000000000000)",
                "SELECT nextval('event_settled_position')", "SELECT record_settled_event_position()")) {
            assertThatThrownBy(() -> jdbc.queryForObject(move, Object.class)).as(move)
                    .rootCause().hasMessageContaining("permission denied");
        }
        assertThat(jdbc.queryForObject("SELECT last_value FROM event_settled_position", Long.class))
                .isEqualTo(before);
    }

    @Test
    void anIndexDrawnByARolledBackAppendIsNoGapOnceSettled() throws Exception {
        GapAwareTrackingToken start = readerAt(append(1).get(0));
        drawAndRollBack(5_000);
        long position = settled.trySettle();
        List<Appended> appended = append(10);

        List<TrackedEventData<?>> read = readOn(start);

        assertThat(read).extracting(TrackedEventData::getEventIdentifier)
                .containsExactlyElementsOf(appended.stream().map(Appended::id).toList());
        assertThat(read).allSatisfy(event -> assertThat(token(event).getGaps())
                .as("Axon's truncation drops the gaps below its point, not the one at it").containsExactly(position));
    }

    @Test
    void anAppendStillRunningWhenAReaderPassesIsDeliveredWhenItCommits() throws Exception {
        GapAwareTrackingToken start = readerAt(append(1).get(0));
        drawAndRollBack(100);
        long settledBefore = settled.trySettle();
        try (Connection running = application.getConnection()) {
            running.setAutoCommit(false);
            Appended late = insert(running, 1).get(0);
            assertThat(late.index()).isGreaterThan(settledBefore);
            drawAndRollBack(2_000);
            assertThat(settled.trySettle()).as("nothing is settled past an append still running")
                    .isEqualTo(settledBefore);
            append(10);

            GapAwareTrackingToken passed = lastToken(readOn(start));
            List<Long> stillOpen = new ArrayList<>(List.of(settledBefore));
            LongStream.rangeClosed(late.index(), late.index() + 2_000).forEach(stillOpen::add);
            assertThat(passed.getGaps()).as("the 100 settled before are dropped (but the one at the settled "
                    + "position), not the running append's index nor those drawn after it")
                    .containsExactlyElementsOf(stillOpen);

            running.commit();
            settled.trySettle();
            List<TrackedEventData<?>> fromStart = readOn(start);
            GapAwareTrackingToken seenLate = token(fromStart.get(fromStart.size() - 1));
            assertThat(seenLate.getIndex()).isEqualTo(passed.getIndex());
            assertThat(seenLate).as("Axon joins a reader to another's stream by token equality: one that has read "
                    + "the late event is not the same as one still waiting for it").isNotEqualTo(passed);
            assertThat(passed.covers(seenLate)).isFalse();
            assertThat(seenLate.covers(passed)).isTrue();

            List<TrackedEventData<?>> read = readOn(passed);
            assertThat(read).extracting(TrackedEventData::getEventIdentifier).containsExactly(late.id());
            assertThat(token(read.get(0)).getGaps()).doesNotContain(late.index());
            assertThat(token(read.get(0))).as("the two readers are at the same place now")
                    .isEqualTo(seenLate);

            Appended next = append(1).get(0);
            List<TrackedEventData<?>> after = readOn(lastToken(read));
            assertThat(after).extracting(TrackedEventData::getEventIdentifier).containsExactly(next.id());
            assertThat(token(after.get(0)).getGaps()).as("the rolled-back indexes, settled since").isEmpty();
            assertThat(token(after.get(0))).isEqualTo(lastToken(readOn(lastToken(fromStart))));
        }
    }

    /**
     * What the read models see: a pooled processor of four segments, stopped and started again while an append
     * runs late, and two streams from the event cache, one opened before the late commit and one after. Each handles
     * every event once, the late one included, and the rolled-back appends' indexes leave the tokens.
     */
    @Test
    void aProcessorOfFourSegmentsAndTheEventCacheGetEveryEventOnceAcrossARestart() throws Exception {
        EmbeddedEventStore store = EmbeddedEventStore.builder().storageEngine(engine).build();
        TokenStore tokens = JdbcTokenStore.builder().connectionProvider(new DataSourceConnectionProvider(application))
                .serializer(Jackson3Serializer.builder().build()).build();
        String name = "settled-gaps-" + UUID.randomUUID();
        Map<String, Integer> handled = new ConcurrentHashMap<>();
        drawAndRollBack(1_000);
        settled.trySettle();
        TrackingToken head = store.createHeadToken();
        StreamReader early = new StreamReader(store.openStream(head));

        PooledStreamingEventProcessor first = processor(name, store, tokens, handled);
        first.start();
        await("the four segments claimed").atMost(A_MINUTE).until(() -> first.processingStatus().size() == 4);
        List<Appended> appended = new ArrayList<>();
        Appended late;
        try (Connection running = application.getConnection()) {
            running.setAutoCommit(false);
            late = insert(running, 1).get(0);
            drawAndRollBack(500);
            appended.addAll(append(50));
            await("the 50 handled").atMost(A_MINUTE)
                    .until(() -> appended.stream().allMatch(event -> handled.containsKey(event.id())));
            first.shutdownAsync().get(30, TimeUnit.SECONDS);
            running.commit();
        }
        settled.trySettle();
        drawAndRollBack(300);
        long settledLast = settled.trySettle();
        appended.addAll(append(50));
        appended.add(late);
        StreamReader later = new StreamReader(store.openStream(head));

        PooledStreamingEventProcessor second = processor(name, store, tokens, handled);
        second.start();
        long last = appended.stream().mapToLong(Appended::index).max().orElseThrow();
        try {
            await("every segment at the head").atMost(A_MINUTE).until(() -> atOrPast(second, 4, last));
            List<String> ids = appended.stream().map(Appended::id).toList();
            assertThat(ids).allSatisfy(id -> assertThat(handled.get(id)).as("times handled: " + id).isEqualTo(1));
            assertThat(second.processingStatus().values()).allSatisfy(status ->
                    assertThat(((GapAwareTrackingToken) status.getTrackingToken()).getGaps())
                            .as("none of the 1,800 rolled-back indexes, but the one at the settled position")
                            .isSubsetOf(settledLast));
            for (StreamReader reader : List.of(early, later)) {
                await("every event through the event cache").atMost(A_MINUTE).until(() -> reader.read.containsAll(ids));
                assertThat(reader.read.stream().filter(ids::contains)).as("each once").hasSize(ids.size());
            }
        } finally {
            second.shutdownAsync().get(30, TimeUnit.SECONDS);
            early.close();
            later.close();
            store.shutDown();
        }
    }

    /**
     * A processor's segment whose token is ahead of the stream its processor opens (from the lowest segment's token)
     * skips the events it has handled, although the stream's reader knows by then that the gaps in that segment's
     * token never fill: it is the event's settled position that counts, not what the reader knows.
     */
    @Test
    void aSegmentAheadOfTheStreamSkipsWhatItHasHandled() throws Exception {
        SettledPositions once = new SettledPositions(application, Duration.ofDays(1));
        once.trySettle(); // its only try: a reader through it learns nothing new
        SnapshotFreeEventStorageEngine unsettled = engine(application, once);
        Appended first = append(1).get(0);
        settled.trySettle();
        drawAndRollBack(200);
        List<Appended> before = append(9);
        GapAwareTrackingToken behind = readerAt(first);
        List<? extends TrackedEventData<?>> read = unsettled.fetchTrackedEvents(behind, 1_000);
        GapAwareTrackingToken ahead = lastToken(read);
        assertThat(ahead.getIndex()).isEqualTo(before.get(before.size() - 1).index());
        assertThat(ahead.getGaps()).as("the 200 rolled back, not settled when the nine were appended").hasSize(200);
        settled.trySettle();
        List<Appended> after = append(10);

        EmbeddedEventStore store = EmbeddedEventStore.builder().storageEngine(engine).build();
        TokenStore tokens = JdbcTokenStore.builder().connectionProvider(new DataSourceConnectionProvider(application))
                .serializer(Jackson3Serializer.builder().build()).build();
        String name = "segment-ahead-" + UUID.randomUUID();
        tokens.initializeTokenSegments(name, 2);
        tokens.storeToken(behind, name, 0);
        tokens.storeToken(ahead, name, 1);
        tokens.releaseClaim(name, 0);
        tokens.releaseClaim(name, 1);
        Map<String, Integer> handled = new ConcurrentHashMap<>();
        PooledStreamingEventProcessor processor = processor(name, store, tokens, handled);
        processor.start();
        long last = after.get(after.size() - 1).index();
        try {
            await("both segments at the head").atMost(A_MINUTE).until(() -> atOrPast(processor, 2, last));
        } finally {
            processor.shutdownAsync().get(30, TimeUnit.SECONDS);
            store.shutDown();
        }

        Segment behindSegment = Segment.ROOT_SEGMENT.split()[0];
        List<String> owedByTheSegmentBehind = before.stream()
                .filter(event -> behindSegment.matches(event.aggregate())).map(Appended::id).toList();
        assertThat(owedByTheSegmentBehind).as("both segments own some of the nine").isNotEmpty()
                .hasSizeLessThan(before.size());
        List<String> expected = new ArrayList<>(owedByTheSegmentBehind);
        after.forEach(event -> expected.add(event.id()));
        assertThat(handled).as("the segment ahead handles none of the nine again").containsOnlyKeys(expected)
                .allSatisfy((id, times) -> assertThat(times).as(id).isEqualTo(1));
    }

    /**
     * A node claims a segment whose token lists, as a gap, an append that was still running when the segment's last
     * holder stored it, and that has committed since. Its processor reads the stream from a lower segment's token, and
     * Axon hands the segment again the events after that gap (their tokens no longer list it): they are applied once
     * all the same, and the late events once.
     */
    @Test
    void aSegmentClaimedAfterOneOfItsGapsFilledAppliesNothingTwice() throws Exception {
        claimASegmentWithAGap(false);
    }

    /**
     * The same segment, claimed while the append is still running, and the append commits once the processor has read
     * past it: the late event that fills the segment's gap comes with a token whose index is the stream's furthest,
     * at or below the claimed token's and not one of its gaps, yet it is applied, once.
     */
    @Test
    void aGapOfAClaimedSegmentFilledUnderItsProcessorIsAppliedOnce() throws Exception {
        claimASegmentWithAGap(true);
    }

    private void claimASegmentWithAGap(boolean commitsUnderTheProcessor) throws Exception {
        Appended first = append(1).get(0);
        settled.trySettle();
        GapAwareTrackingToken behind = readerAt(first);
        Segment aheadSegment = Segment.ROOT_SEGMENT.split()[1];
        String name = "gap-filled-" + UUID.randomUUID();
        ClaimedTokens tokens = claimedTokens();
        Map<String, Integer> handled = new ConcurrentHashMap<>();
        EmbeddedEventStore store = EmbeddedEventStore.builder().storageEngine(engine).build();
        PooledStreamingEventProcessor processor = processor(name, store, tokens, handled);
        processor.registerHandlerInterceptor(new AppliedOnce(name, tokens, jdbc));
        List<Appended> late = new ArrayList<>();
        List<Appended> before;
        List<Appended> after;
        try (Connection running = application.getConnection()) {
            running.setAutoCommit(false);
            // one of them, at least, the segment ahead's own: it must apply that one, which fills its gap
            while (late.stream().noneMatch(event -> aheadSegment.matches(event.aggregate()))) {
                late.addAll(insert(running, 1));
            }
            before = append(20);
            GapAwareTrackingToken ahead = lastToken(readOn(behind));
            assertThat(ahead.getGaps()).as("the last holder's token: the append running then is a gap")
                    .containsAll(late.stream().map(Appended::index).toList());
            tokens.initializeTokenSegments(name, 2);
            tokens.storeToken(behind, name, 0);
            tokens.storeToken(ahead, name, 1);
            tokens.releaseClaim(name, 0);
            tokens.releaseClaim(name, 1);
            // what the last holder of the segment ahead applied: its share of the twenty
            before.stream().filter(event -> aheadSegment.matches(event.aggregate()))
                    .forEach(event -> handled.put(event.id(), 1));
            assertThat(handled).as("the segment ahead owns some of the twenty").isNotEmpty().hasSizeLessThan(20);

            if (commitsUnderTheProcessor) {
                processor.start();
                await("both segments past the twenty").atMost(A_MINUTE)
                        .until(() -> atOrPast(processor, 2, ahead.getIndex()));
                running.commit();
            } else {
                running.commit();
                settled.trySettle();
                List<? extends TrackedEventData<?>> readAgain = readOn(behind);
                assertThat(ahead.covers(readAgain.get(readAgain.size() - 1).trackingToken()))
                        .as("Axon's view: the last holder's token does not cover its own last event, once the gap "
                                + "filled").isFalse();
                processor.start();
            }
            after = append(10);
        }
        try {
            long last = after.get(after.size() - 1).index();
            await("both segments at the head, the late events applied").atMost(A_MINUTE)
                    .until(() -> atOrPast(processor, 2, last) && late.stream().allMatch(event -> handled.containsKey(event.id())));
        } finally {
            processor.shutdownAsync().get(30, TimeUnit.SECONDS);
            store.shutDown();
        }

        List<String> expected = new ArrayList<>(late.stream().map(Appended::id).toList());
        before.forEach(event -> expected.add(event.id()));
        after.forEach(event -> expected.add(event.id()));
        assertThat(handled).as("every event applied once, by the last holder or by this processor")
                .containsOnlyKeys(expected).allSatisfy((id, times) -> assertThat(times).as(id).isEqualTo(1));
    }

    /**
     * A processor that holds one segment claims another, further back, while the first has events in hand that it
     * has not applied (its queue full, so the stream is not read on and does not see a gap fill): Axon reads the
     * stream again from the new segment's token, and as a gap in the first segment's position has filled meanwhile,
     * hands it those events again. In batches of 100, one batch holds the last first copies and the stream's first
     * events read again, whose tokens are lower: a token stored from that batch alone would not cover the first
     * copies, and their second copies would be applied. Each is applied once.
     */
    @Test
    void aSegmentWithEventsInHandWhenItsProcessorClaimsAnotherAppliesNothingTwice() throws Exception {
        GapAwareTrackingToken behind = readerAt(append(1).get(0));
        settled.trySettle();
        String name = "claimed-later-" + UUID.randomUUID();
        ClaimedTokens tokens = claimedTokens();
        tokens.initializeTokenSegments(name, 2, behind);
        TokenStore otherNode = JdbcTokenStore.builder().connectionProvider(new DataSourceConnectionProvider(application))
                .serializer(Jackson3Serializer.builder().build()).nodeId("other-node").build();
        otherNode.fetchToken(name, 0);
        Segment held = Segment.ROOT_SEGMENT.split()[1];
        Map<String, Integer> handled = new ConcurrentHashMap<>();
        Set<String> plugs = ConcurrentHashMap.newKeySet();
        CountDownLatch gate = new CountDownLatch(1);
        // each stream reads the table itself, as one opened further back than the event cache holds does
        EmbeddedEventStore store = EmbeddedEventStore.builder().storageEngine(engine).optimizeEventConsumption(false)
                .build();
        Watched watched = new Watched(store);
        PooledStreamingEventProcessor processor = processor(name, watched, tokens, event -> {
            handled.merge(event.getIdentifier(), 1, Integer::sum);
            // the held segment's worker waits here while its next events queue up behind this one
            if (plugs.contains(event.getIdentifier())) {
                gate.await(1, TimeUnit.MINUTES);
            }
            return null;
        }, 100);
        processor.registerHandlerInterceptor(new AppliedOnce(name, tokens, jdbc));
        processor.start();
        List<Appended> plug = new ArrayList<>();
        List<Appended> late = new ArrayList<>();
        List<Appended> before;
        List<Appended> after;
        try {
            await("the one segment free claimed").atMost(A_MINUTE).until(() -> processor.processingStatus().size() == 1);
            while (plug.stream().noneMatch(event -> held.matches(event.aggregate()))) {
                plug.addAll(append(1));
            }
            plug.stream().filter(event -> held.matches(event.aggregate())).forEach(event -> plugs.add(event.id()));
            await("the held segment's worker at the plug").atMost(A_MINUTE)
                    .until(() -> plugs.stream().allMatch(handled::containsKey));
            try (Connection running = application.getConnection()) {
                running.setAutoCommit(false);
                late.addAll(insert(running, 1));
                // more than a work package's queue holds (Axon's 1,024): the stream stops at a full queue
                before = append(1_200);
                long gap = late.get(0).index();
                await("the held segment's queue full of events read past the running append").atMost(A_MINUTE)
                        .until(() -> watched.taken.stream().filter(token -> token.getGaps().contains(gap)).count()
                                >= 1_024);
                running.commit();
            }
            otherNode.releaseClaim(name, 0);
            // the claim and the stream read again from the other segment's token are one step of Axon's coordinator
            await("the other segment claimed").atMost(A_MINUTE).until(() -> processor.processingStatus().size() == 2);
            gate.countDown();
            after = append(10);
            long last = after.get(after.size() - 1).index();
            await("both segments at the head").atMost(A_MINUTE).until(() -> atOrPast(processor, 2, last));
        } finally {
            gate.countDown();
            processor.shutdownAsync().get(30, TimeUnit.SECONDS);
            store.shutDown();
        }

        List<String> expected = new ArrayList<>();
        for (List<Appended> events : List.of(plug, late, before, after)) {
            events.forEach(event -> expected.add(event.id()));
        }
        assertThat(handled).as("every event applied once").containsOnlyKeys(expected)
                .allSatisfy((id, times) -> assertThat(times).as(id).isEqualTo(1));
    }

    /**
     * While a node holds a segment, a token stored for it covers at least what the one it claimed covered: Axon's
     * work package, handed again events it had applied, takes their lower tokens as its own.
     */
    @Test
    void aClaimedSegmentsStoredTokenNeverMovesBack() {
        TokenStore database = JdbcTokenStore.builder()
                .connectionProvider(new DataSourceConnectionProvider(application))
                .serializer(Jackson3Serializer.builder().build()).build();
        ClaimedTokens tokens = new ClaimedTokens(database);
        String name = "never-back-" + UUID.randomUUID();
        tokens.initializeTokenSegments(name, 1);
        database.storeToken(GapAwareTrackingToken.newInstance(1_000, List.of(950L, 990L)), name, 0);
        database.releaseClaim(name, 0);

        assertThat(tokens.fetchToken(name, 0)).isEqualTo(tokens.held(name, 0).orElseThrow());
        tokens.storeToken(GapAwareTrackingToken.newInstance(960, List.of()), name, 0);

        GapAwareTrackingToken expected = GapAwareTrackingToken.newInstance(1_000, List.of(990L));
        assertThat(database.fetchToken(name, 0)).as("the claimed token's positions, and 950 filled since")
                .isEqualTo(expected);
        assertThat(tokens.held(name, 0)).contains(expected);
        tokens.storeToken(GapAwareTrackingToken.newInstance(1_005, List.of()), name, 0);
        assertThat(database.fetchToken(name, 0)).as("on from there as given")
                .isEqualTo(GapAwareTrackingToken.newInstance(1_005, List.of()));

        tokens.releaseClaim(name, 0);
        assertThat(tokens.held(name, 0)).as("nothing held after the release").isEmpty();
        tokens.storeToken(GapAwareTrackingToken.newInstance(10, List.of()), name, 0);
        assertThat(database.fetchToken(name, 0)).as("a token stored for a segment not claimed here is stored as given")
                .isEqualTo(GapAwareTrackingToken.newInstance(10, List.of()));
    }

    /**
     * In the application a segment's batch stores its token in a Spring transaction: the token counts as the
     * segment's committed position only once that transaction commits, and not at all if it rolls back.
     */
    @Test
    void aTokenStoredInATransactionIsHeldAsCommittedOnlyOnceItCommits() {
        ClaimedTokens tokens = new ClaimedTokens(JdbcTokenStore.builder()
                .connectionProvider(new SpringDataSourceConnectionProvider(application))
                .serializer(Jackson3Serializer.builder().build()).build());
        TransactionTemplate transaction = new TransactionTemplate(new DataSourceTransactionManager(application));
        String name = "committed-" + UUID.randomUUID();
        GapAwareTrackingToken claimed = GapAwareTrackingToken.newInstance(10, List.of());
        tokens.initializeTokenSegments(name, 1, claimed);
        tokens.fetchToken(name, 0);

        transaction.executeWithoutResult(status -> {
            tokens.storeToken(GapAwareTrackingToken.newInstance(20, List.of()), name, 0);
            assertThat(tokens.held(name, 0)).as("before the commit").contains(claimed);
            status.setRollbackOnly();
        });
        assertThat(tokens.held(name, 0)).as("rolled back").contains(claimed);
        assertThat(tokens.delegate().fetchToken(name, 0)).isEqualTo(claimed);

        GapAwareTrackingToken committed = GapAwareTrackingToken.newInstance(30, List.of());
        transaction.executeWithoutResult(status -> tokens.storeToken(committed, name, 0));
        assertThat(tokens.held(name, 0)).as("committed").contains(committed);
        assertThat(tokens.delegate().fetchToken(name, 0)).isEqualTo(committed);
    }

    private static PooledStreamingEventProcessor processor(String name, EmbeddedEventStore store, TokenStore tokens,
                                                           Map<String, Integer> handled) {
        return processor(name, store, tokens, event -> handled.merge(event.getIdentifier(), 1, Integer::sum), 10);
    }

    private static PooledStreamingEventProcessor processor(String name,
                                                           StreamableMessageSource<TrackedEventMessage<?>> store,
                                                           TokenStore tokens, EventMessageHandler handler,
                                                           int batchSize) {
        return PooledStreamingEventProcessor.builder().name(name)
                .eventHandlerInvoker(SimpleEventHandlerInvoker.builder().eventHandlers(handler).build())
                .messageSource(store).tokenStore(tokens).transactionManager(NoTransactionManager.INSTANCE)
                .coordinatorExecutor(Executors.newSingleThreadScheduledExecutor())
                .workerExecutor(Executors.newScheduledThreadPool(4))
                .initialSegmentCount(4).initialToken(source -> source.createHeadToken())
                .tokenClaimInterval(200).batchSize(batchSize)
                .build();
    }

    private static ClaimedTokens claimedTokens() {
        return new ClaimedTokens(JdbcTokenStore.builder().connectionProvider(new DataSourceConnectionProvider(application))
                .serializer(Jackson3Serializer.builder().build()).build());
    }

    /** Whether each of the processor's {@code segments} is claimed and has read up to {@code index} or past it. */
    private static boolean atOrPast(PooledStreamingEventProcessor processor, int segments, long index) {
        return processor.processingStatus().size() == segments && processor.processingStatus().values().stream()
                .allMatch(status -> status.getTrackingToken() != null
                        && status.getTrackingToken().position().orElse(0) >= index);
    }

    /** The store's streams as a processor reads them, with the token of every event it has taken. */
    private static final class Watched implements StreamableMessageSource<TrackedEventMessage<?>> {
        final List<GapAwareTrackingToken> taken = new CopyOnWriteArrayList<>();
        private final EmbeddedEventStore store;

        Watched(EmbeddedEventStore store) {
            this.store = store;
        }

        @Override
        public BlockingStream<TrackedEventMessage<?>> openStream(TrackingToken token) {
            TrackingEventStream stream = store.openStream(token);
            return new BlockingStream<>() {
                @Override
                public Optional<TrackedEventMessage<?>> peek() {
                    return stream.peek();
                }

                @Override
                public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
                    return stream.hasNextAvailable(timeout, unit);
                }

                @Override
                public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
                    TrackedEventMessage<?> event = stream.nextAvailable();
                    taken.add((GapAwareTrackingToken) event.trackingToken());
                    return event;
                }

                @Override
                public void close() {
                    stream.close();
                }

                @Override
                public boolean setOnAvailableCallback(Runnable callback) {
                    return stream.setOnAvailableCallback(callback);
                }
            };
        }

        @Override
        public TrackingToken createTailToken() {
            return store.createTailToken();
        }

        @Override
        public TrackingToken createHeadToken() {
            return store.createHeadToken();
        }

        @Override
        public TrackingToken createTokenAt(Instant dateTime) {
            return store.createTokenAt(dateTime);
        }
    }

    /**
     * Reads a stream on a thread of its own, keeping every event's identifier in order of delivery. It asks for the
     * next event with a short timeout, as the processors do: a stream of the event cache that has gone back to reading
     * the table on its own waits, in {@code nextAvailable()}, for the cache's reader to signal new events, and a signal
     * given just before it starts waiting is lost. It would then sleep until the next append, and this test appends
     * nothing once its events are in.
     */
    private static final class StreamReader implements AutoCloseable {
        final List<String> read = new CopyOnWriteArrayList<>();
        private final TrackingEventStream stream;
        private final Thread thread;

        StreamReader(TrackingEventStream stream) {
            this.stream = stream;
            this.thread = new Thread(() -> {
                try {
                    while (!Thread.currentThread().isInterrupted()) {
                        if (stream.hasNextAvailable(100, TimeUnit.MILLISECONDS)) {
                            read.add(stream.nextAvailable().getIdentifier());
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            thread.start();
        }

        @Override
        public void close() throws InterruptedException {
            thread.interrupt();
            thread.join(5_000);
            stream.close();
        }
    }

    /** What a reader gets from the given token on, fetch after fetch, until a fetch finds nothing more. */
    static List<TrackedEventData<?>> readOn(GapAwareTrackingToken token) {
        List<TrackedEventData<?>> read = new ArrayList<>();
        List<? extends TrackedEventData<?>> fetched = engine.fetchTrackedEvents(token, 1_000);
        while (!fetched.isEmpty()) {
            read.addAll(fetched);
            fetched = engine.fetchTrackedEvents(lastToken(fetched), 1_000);
        }
        return read;
    }

    record Appended(long index, String id, String aggregate) {
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

    static List<Appended> insert(Connection connection, int events) throws Exception {
        try (PreparedStatement insert = connection.prepareStatement(INSERT_SQL
                + " FROM generate_series(1, ?) AS g RETURNING globalindex, eventidentifier, aggregateidentifier")) {
            insert.setString(1, UUID.randomUUID().toString());
            insert.setString(2, Instant.now().toString());
            insert.setInt(3, events);
            List<Appended> appended = new ArrayList<>();
            try (ResultSet rows = insert.executeQuery()) {
                while (rows.next()) {
                    appended.add(new Appended(rows.getLong(1), rows.getString(2), rows.getString(3)));
                }
            }
            appended.sort(Comparator.comparingLong(Appended::index));
            return appended;
        }
    }

    /** Fresh events (younger than Axon's gap timeout, so gaps before them are kept), one aggregate each. */
    static final String INSERT_SQL = """
            INSERT INTO domainevententry (aggregateidentifier, sequencenumber, type, eventidentifier, payload,
                                          payloadtype, metadata, timestamp)
            SELECT ?::text || '-' || g, 0, 'Test', gen_random_uuid()::text, convert_to('{"branch":"ZZ"}', 'UTF8'),
                   'test.Event', convert_to('{}', 'UTF8'), ?::text""";

    private static GapAwareTrackingToken lastToken(List<? extends TrackedEventData<?>> events) {
        assertThat(events).isNotEmpty();
        return token(events.get(events.size() - 1));
    }

    private static GapAwareTrackingToken token(TrackedEventData<?> event) {
        return (GapAwareTrackingToken) event.trackingToken();
    }
}
