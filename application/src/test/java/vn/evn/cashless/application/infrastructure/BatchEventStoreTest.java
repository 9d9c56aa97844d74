package vn.evn.cashless.application.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A load inside nested units of work sees exactly the staged events Axon's own event store would show it: the same
 * events, in the same order, with those of rolled-back units of work left out. Both stores take part in the same
 * units of work, each with events of its own, and are asked the same questions.
 */
class BatchEventStoreTest {

    private final EventStore axons = EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine())
            .build();
    private final BatchEventStore batch = new BatchEventStore(EmbeddedEventStore.builder()
            .storageEngine(new InMemoryEventStorageEngine()));
    private final Map<String, Long> sequences = new HashMap<>();

    @AfterEach
    void shutDown() {
        while (CurrentUnitOfWork.isStarted()) { // what a failed test left open
            CurrentUnitOfWork.get().rollback();
        }
        ((EmbeddedEventStore) axons).shutDown();
        batch.shutDown();
    }

    @Test
    void aLaterCommandSeesWhatEarlierOnesStagedButNotWhatWasRolledBack() {
        UnitOfWork<?> root = DefaultUnitOfWork.startAndGet(null);
        command(() -> stage("bill-A", "A paid 1"), true);
        command(() -> stage("bill-B", "B paid 1"), true);
        command(() -> stage("bill-A", "A refused"), false);
        // what a rollback handler loads, while the unit of work rolls back: what Axon's store shows it
        List<List<Object>> seenOnRollback = seenByHandlerOf("A refused again", false);
        assertThat(seenOnRollback).hasSize(2);
        assertThat(seenOnRollback.get(0)).isEqualTo(seenOnRollback.get(1));
        // what a commit handler loads: the committing unit's events are then in its own list and its parent's too
        assertThat(seenByHandlerOf("A paid 1b", true))
                .containsExactly(List.of("A paid 1", "A paid 1b"), List.of("A paid 1", "A paid 1b"));
        UnitOfWork<?> open = DefaultUnitOfWork.startAndGet(null);
        stage("bill-A", "A paid 2");
        DefaultUnitOfWork.startAndGet(null);

        assertThat(staged(batch, "bill-A")).containsExactly("A paid 1", "A paid 1b", "A paid 2");
        assertThat(staged(batch, "bill-A")).isEqualTo(staged(axons, "bill-A"));
        assertThat(staged(batch, "bill-B")).containsExactly("B paid 1").isEqualTo(staged(axons, "bill-B"));

        CurrentUnitOfWork.get().rollback();
        open.rollback();
        root.rollback();
    }

    @Test
    void fiveHundredCommandsWithRefusalsAndNestingSeeTheSameAsAxonsStore() {
        Random random = new Random(20211101);
        UnitOfWork<?> root = DefaultUnitOfWork.startAndGet(null);
        Deque<UnitOfWork<?>> open = new ArrayDeque<>();
        for (int n = 0; n < 500; n++) {
            String bill = "bill-" + random.nextInt(40);
            UnitOfWork<?> command = DefaultUnitOfWork.startAndGet(null);
            assertThat(staged(batch, bill)).isEqualTo(staged(axons, bill));
            stage(bill, "event " + n);
            int fate = random.nextInt(10);
            if (fate < 2) {
                command.rollback();
            } else if (fate < 3 && open.size() < 3) {
                open.push(command); // stays open: the next commands nest inside it
            } else {
                command.commit();
            }
            if (!open.isEmpty() && random.nextInt(8) == 0) {
                UnitOfWork<?> inner = open.pop();
                if (random.nextBoolean()) {
                    inner.commit();
                } else {
                    inner.rollback();
                }
            }
        }
        for (int b = 0; b < 40; b++) {
            String bill = "bill-" + b;
            assertThat(staged(batch, bill)).isEqualTo(staged(axons, bill));
            // every staged event, the way other callers ask: the same ones for this aggregate
            assertThat(batch.queuedMessages().stream()
                    .filter(event -> bill.equals(((DomainEventMessage<?>) event).getAggregateIdentifier()))
                    .map(event -> (Object) event.getPayload()).toList()).isEqualTo(staged(axons, bill));
        }
        while (!open.isEmpty()) {
            open.pop().rollback();
        }
        root.rollback();
    }

    /**
     * A command staging one event for bill-A, then committed or rolled back: what this store and Axon's (in that
     * order) show a handler of that commit or rollback loading bill-A.
     */
    private List<List<Object>> seenByHandlerOf(String payload, boolean commit) {
        UnitOfWork<Message<?>> unit = DefaultUnitOfWork.startAndGet(null);
        stage("bill-A", payload);
        List<List<Object>> seen = new ArrayList<>();
        Consumer<UnitOfWork<Message<?>>> handler = running -> {
            seen.add(staged(batch, "bill-A"));
            seen.add(staged(axons, "bill-A"));
        };
        if (commit) {
            unit.onCommit(handler);
            unit.commit();
        } else {
            unit.onRollback(handler);
            unit.rollback();
        }
        return seen;
    }

    private void command(Runnable work, boolean commit) {
        UnitOfWork<?> unit = DefaultUnitOfWork.startAndGet(null);
        work.run();
        if (commit) {
            unit.commit();
        } else {
            unit.rollback();
        }
    }

    /** One event for the aggregate, published to both stores, as a command's {@code apply} would stage it. */
    private void stage(String aggregate, String payload) {
        long sequence = sequences.merge(aggregate, 0L, (last, zero) -> last + 1);
        axons.publish(new GenericDomainEventMessage<>("Bill", aggregate, sequence, payload));
        batch.publish(new GenericDomainEventMessage<>("Bill", aggregate, sequence, payload));
    }

    private static List<Object> staged(EventStore store, String aggregate) {
        return store.readEvents(aggregate).asStream().map(event -> event.getPayload()).map(Object.class::cast)
                .toList();
    }
}
