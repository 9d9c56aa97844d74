package vn.evn.cashless.application.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.LongStream;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.junit.jupiter.api.Test;

/** What a node keeps of the aggregates' events, and what it forgets first. */
class CommittedEventsTest {

    @Test
    void onlyABeginningOfAStreamIsKeptAndALongerOneReplacesIt() {
        CommittedEvents kept = new CommittedEvents(100);

        kept.keep("A", events("A", 1, 2));
        assertThat(kept.beginning("A")).as("not from the first event").isEmpty();
        kept.keep("A", List.of(event("A", 0), event("A", 2)));
        assertThat(kept.beginning("A")).as("a sequence number missing").isEmpty();

        kept.keep("A", events("A", 0, 1, 2));
        kept.keep("A", events("A", 0, 1));
        assertThat(kept.beginning("A")).extracting(DomainEventMessage::getSequenceNumber).containsExactly(0L, 1L, 2L);
        assertThat(kept.size()).isEqualTo(3);
    }

    @Test
    void pastItsCapacityTheAggregatesLeastRecentlyUsedAreForgotten() {
        CommittedEvents kept = new CommittedEvents(5);
        kept.keep("A", events("A", 0, 1));
        kept.keep("B", events("B", 0, 1));
        kept.beginning("A");

        kept.keep("C", events("C", 0, 1));

        assertThat(kept.beginning("B")).as("used least recently").isEmpty();
        assertThat(kept.beginning("A")).hasSize(2);
        assertThat(kept.beginning("C")).hasSize(2);
        assertThat(kept.size()).isEqualTo(4);
    }

    @Test
    void aLongStreamIsNotKeptAndNoCapacityKeepsNothing() {
        CommittedEvents kept = new CommittedEvents(1_000);
        kept.keep("long", events("long", LongStream.range(0, CommittedEvents.MOST_PER_AGGREGATE + 1).toArray()));
        assertThat(kept.beginning("long")).isEmpty();

        CommittedEvents none = new CommittedEvents(0);
        none.keep("A", events("A", 0));
        assertThat(none.enabled()).isFalse();
        assertThat(none.beginning("A")).isEmpty();
    }

    private static List<DomainEventMessage<?>> events(String aggregate, long... sequenceNumbers) {
        return LongStream.of(sequenceNumbers).<DomainEventMessage<?>>mapToObj(n -> event(aggregate, n)).toList();
    }

    private static DomainEventMessage<?> event(String aggregate, long sequenceNumber) {
        return new GenericDomainEventMessage<>("Test", aggregate, sequenceNumber, "event " + sequenceNumber);
    }
}
