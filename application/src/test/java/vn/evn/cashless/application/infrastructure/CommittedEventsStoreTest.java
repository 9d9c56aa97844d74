package vn.evn.cashless.application.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.jackson3.Jackson3Serializer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import vn.evn.cashless.application.support.MigratedPostgres;

/**
 * Two nodes' event stores on one real PostgreSQL, each keeping the aggregates' events it has seen committed: a load
 * reads from the database only what follows what its node keeps, sees what the other node appended meanwhile, and
 * never what a transaction that rolled back appended.
 */
class CommittedEventsStoreTest {

    private static EmbeddedPostgres postgres;
    private static DataSource application;
    private static TransactionTemplate transactions;

    @BeforeAll
    static void startDatabase() throws Exception {
        postgres = MigratedPostgres.start();
        application = postgres.getDatabase("ledger_app", "postgres");
        transactions = new TransactionTemplate(new DataSourceTransactionManager(application));
    }

    @AfterAll
    static void stopDatabase() throws Exception {
        postgres.close();
    }

    /** What a test event carries: Vietnamese text, to see it come back exactly from memory and from the database. */
    record Noted(String text) {
    }

    @Test
    void aLoadReadsFromTheDatabaseOnlyTheEventsAfterThoseItsNodeKeeps() {
        Node first = new Node();
        Node second = new Node();
        String aggregate = "HĐ-" + UUID.randomUUID();

        first.append(aggregate, 0, "Hóa đơn tháng 11");
        first.append(aggregate, 1, "Thanh toán qua Ngân hàng");
        assertThat(first.kept.beginning(aggregate)).hasSize(2);
        first.readFromTheDatabase.set(0);
        assertThat(first.load(aggregate)).containsExactly("Hóa đơn tháng 11", "Thanh toán qua Ngân hàng");
        assertThat(first.readFromTheDatabase).as("both kept since their append").hasValue(0);

        second.append(aggregate, 2, "Thanh toán qua Ví điện tử");
        assertThat(second.readFromTheDatabase).as("the other node had seen none of them").hasValue(2);

        assertThat(first.load(aggregate))
                .containsExactly("Hóa đơn tháng 11", "Thanh toán qua Ngân hàng", "Thanh toán qua Ví điện tử");
        assertThat(first.readFromTheDatabase).as("only the other node's append").hasValue(1);
        assertThat(first.kept.beginning(aggregate)).hasSize(3);
        first.readFromTheDatabase.set(0);
        assertThat(first.load(aggregate)).hasSize(3);
        assertThat(first.readFromTheDatabase).hasValue(0);
    }

    @Test
    void whatANodeKeepsOfItsOwnAppendIsWhatTheTableHolds() {
        Node writer = new Node();
        String aggregate = "HĐ-" + UUID.randomUUID();
        DomainEventMessage<?> appended = new GenericDomainEventMessage<>("Bill", aggregate, 0,
                new Noted("Điện lực Bắc Mê"), MetaData.with("người thu", "Bưu điện"), UUID.randomUUID().toString(),
                Instant.parse("2026-11-28T03:04:05.123456789Z"));
        transactions.executeWithoutResult(status -> writer.engine.appendEvents(appended));
        writer.readFromTheDatabase.set(0);

        List<String> fromMemory = writer.described(aggregate);
        assertThat(writer.readFromTheDatabase).hasValue(0);
        List<String> fromTheTable = new Node().described(aggregate);

        assertThat(fromMemory).isEqualTo(fromTheTable).singleElement().asString()
                .contains("2026-11-28T03:04:05.123Z").doesNotContain("456789");
    }

    @Test
    void nothingATransactionAppendedIsKeptIfItRollsBack() {
        Node first = new Node();
        Node second = new Node();
        String aggregate = "HĐ-" + UUID.randomUUID();
        first.append(aggregate, 0, "Hóa đơn tháng 12");

        transactions.executeWithoutResult(status -> {
            first.load(aggregate);
            first.engine.appendEvents(event(aggregate, 1, "rolled back"));
            status.setRollbackOnly();
        });
        assertThat(first.kept.beginning(aggregate)).hasSize(1);
        second.append(aggregate, 1, "Thu hộ tại Bưu điện");

        assertThat(first.load(aggregate)).containsExactly("Hóa đơn tháng 12", "Thu hộ tại Bưu điện");
    }

    @Test
    void anAppendThatConflictsWithAnotherNodesKeepsNothingAndTheNextLoadSeesTheOther() {
        Node first = new Node();
        Node second = new Node();
        String aggregate = "HĐ-" + UUID.randomUUID();
        first.append(aggregate, 0, "Hóa đơn");
        second.append(aggregate, 1, "Ngân hàng");

        assertThatThrownBy(() -> transactions.executeWithoutResult(status ->
                first.engine.appendEvents(event(aggregate, 1, "the same sequence number"))))
                .as("the event table's key on the aggregate's sequence").isNotNull();

        assertThat(first.kept.beginning(aggregate)).hasSize(1);
        assertThat(first.load(aggregate)).containsExactly("Hóa đơn", "Ngân hàng");
    }

    @Test
    void aLoadOutsideATransactionKeepsNothing() {
        Node first = new Node();
        Node second = new Node();
        String aggregate = "HĐ-" + UUID.randomUUID();
        second.append(aggregate, 0, "Hóa đơn");

        assertThat(first.engine.readEvents(aggregate).asStream().count()).isEqualTo(1);
        assertThat(first.kept.beginning(aggregate)).isEmpty();
    }

    private static DomainEventMessage<?> event(String aggregate, long sequence, String text) {
        return new GenericDomainEventMessage<>("Bill", aggregate, sequence, new Noted(text));
    }

    /** One node's event store, as {@code AxonSetup} builds it, counting the events it reads from the database. */
    private static final class Node {
        final CommittedEvents kept = new CommittedEvents(1_000);
        final AtomicInteger readFromTheDatabase = new AtomicInteger();
        final SnapshotFreeEventStorageEngine engine;

        Node() {
            Serializer serializer = Jackson3Serializer.builder().build();
            SpringDataSourceConnectionProvider connections = new SpringDataSourceConnectionProvider(application);
            engine = new SnapshotFreeEventStorageEngine(JdbcEventStorageEngine.builder()
                    .snapshotSerializer(serializer).eventSerializer(serializer)
                    .upcasterChain(events -> events.peek(event -> readFromTheDatabase.incrementAndGet()))
                    .connectionProvider(connections)
                    .transactionManager(new SpringTransactionManager(new DataSourceTransactionManager(application)))
                    .batchSize(1_000),
                    connections, SnapshotFreeEventStorageEngine.eventSchema(),
                    new SettledPositions(application, Duration.ZERO), kept);
        }

        /** Loads the aggregate, then appends the event, in one transaction, as a command does. */
        void append(String aggregate, long sequence, String text) {
            transactions.executeWithoutResult(status -> {
                load(aggregate);
                engine.appendEvents(event(aggregate, sequence, text));
            });
        }

        /** The aggregate's events as a load gives them, every part of each, read in a transaction of their own. */
        List<String> described(String aggregate) {
            return transactions.execute(status -> engine.readEvents(aggregate).asStream()
                    .map(event -> String.join(" | ", event.getType(), event.getAggregateIdentifier(),
                            String.valueOf(event.getSequenceNumber()), event.getIdentifier(),
                            String.valueOf(event.getTimestamp()), event.getPayloadType().getName(),
                            String.valueOf(event.getPayload()), String.valueOf(event.getMetaData())))
                    .toList());
        }

        /** The aggregate's events' texts, read in a transaction of their own. */
        List<String> load(String aggregate) {
            return transactions.execute(status -> engine.readEvents(aggregate).asStream()
                    .map(event -> ((Noted) event.getPayload()).text()).toList());
        }
    }
}
