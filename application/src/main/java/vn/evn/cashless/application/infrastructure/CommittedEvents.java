package vn.evn.cashless.application.infrastructure;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.DomainEventMessage;

/**
 * A node's memory of aggregates' events, deserialized once, so that a command loading an aggregate this node has
 * loaded or written before reads from the database only the events appended since. It holds only what is safe to
 * hold whatever the other nodes do: for each aggregate, the first events of its stream, from its first on, every one
 * of them committed. Events are never changed or removed once stored and a sequence number is never given twice, so
 * what it holds stays a true beginning of the aggregate's stream; a load still asks the database for what follows,
 * and finds what another node appended meanwhile.
 * <p>
 * It keeps at most {@code capacity} events in all, forgetting the aggregates least recently used first, and no
 * aggregate of more than {@link #MOST_PER_AGGREGATE} events. The messages kept are those a load read (or, for an
 * append, made as a load would read it): their payload and metadata are deserialized once, when first used, and
 * the bytes they come from are kept beside them.
 */
public final class CommittedEvents {

    /** An aggregate with a longer stream is not kept: a few of them would crowd out the many short ones. */
    public static final int MOST_PER_AGGREGATE = 200;

    private final int capacity;
    private final LinkedHashMap<String, List<DomainEventMessage<?>>> streams = new LinkedHashMap<>(256, 0.75f, true);
    private int held;

    /** {@code capacity}: the most events kept in all; 0 keeps none. */
    public CommittedEvents(int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("the events kept cannot be fewer than none: " + capacity);
        }
        this.capacity = capacity;
    }

    public boolean enabled() {
        return capacity > 0;
    }

    /** The aggregate's first events, as kept (its sequence numbers 0 to size − 1); empty if none are. */
    public synchronized List<DomainEventMessage<?>> beginning(String aggregateIdentifier) {
        List<DomainEventMessage<?>> kept = streams.get(aggregateIdentifier);
        return kept == null ? List.of() : kept;
    }

    /**
     * Keeps {@code committed} as the aggregate's first events, if it is a beginning of its stream (sequence numbers 0,
     * 1, … in order) and longer than what is kept: every beginning kept is of the same stream, so the longer holds the
     * shorter.
     */
    public void keep(String aggregateIdentifier, List<? extends DomainEventMessage<?>> committed) {
        if (!enabled() || committed.isEmpty() || committed.size() > MOST_PER_AGGREGATE || !fromTheFirst(committed)) {
            return;
        }
        List<DomainEventMessage<?>> events = List.copyOf(committed);
        synchronized (this) {
            List<DomainEventMessage<?>> kept = streams.get(aggregateIdentifier);
            if (kept != null && kept.size() >= events.size()) {
                return;
            }
            streams.put(aggregateIdentifier, events);
            held += events.size() - (kept == null ? 0 : kept.size());
            Iterator<Map.Entry<String, List<DomainEventMessage<?>>>> oldest = streams.entrySet().iterator();
            while (held > capacity && oldest.hasNext()) {
                held -= oldest.next().getValue().size();
                oldest.remove();
            }
        }
    }

    /** Forgets every aggregate. */
    public synchronized void clear() {
        streams.clear();
        held = 0;
    }

    /** How many events are kept, in all. */
    public synchronized int size() {
        return held;
    }

    private static boolean fromTheFirst(List<? extends DomainEventMessage<?>> events) {
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i).getSequenceNumber() != i) {
                return false;
            }
        }
        return true;
    }
}
