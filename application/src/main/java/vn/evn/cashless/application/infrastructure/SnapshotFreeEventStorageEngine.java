package vn.evn.cashless.application.infrastructure;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.serialization.Serializer;

/**
 * The JDBC event store of a ledger that makes no snapshots: loading an aggregate is one query for its events, not a
 * query of the (always empty) snapshot table first. Storing a snapshot is refused outright, so that configuring a
 * snapshotter later cannot silently write snapshots that nothing reads.
 * <p>
 * A unit of work that is about to load many aggregates (a reconciliation file's batch, one command per line) may
 * {@linkplain #readAhead read their events ahead} in one query; each of those aggregates is then loaded from what
 * that query read, once, instead of with a query of its own. What was read ahead belongs to that unit of work (its
 * root) and to its transaction only, and is as fresh as a load at the moment of the read: an event another writer
 * appends afterwards makes the unit of work's own append conflict on the aggregate's sequence, exactly as when it
 * is appended between an ordinary load and the commit.
 * <p>
 * A streaming reader's token does not carry the gaps that can never fill. Axon's token lists every index below its
 * position not yet seen, so that an append still running when a reader passed its index is delivered once it
 * commits; but an append that rolled back leaves its indexes unused for good, and Axon keeps them for the next
 * {@code maxGapOffset} indexes, copied into the token of every event read (and the event cache holds thousands). Here
 * each event row carries the position up to which the index was settled when the row's index was drawn
 * ({@value #SETTLED_INDEX_COLUMN}, {@link SettledPositions}), and the event's token drops the gaps below it.
 * <p>
 * Why no reader can lose an event by it: that position belongs to the event, not to the reader, and it was settled
 * before the event's index was drawn. A reader holds a token of an index only after a query that ran after that index
 * was drawn, and that query asked for every index above the reader's position and every gap it listed, in order; so
 * it returned every committed event at or below any position settled before, and what the reader has not read there
 * never will be. Every truncation point a token carries (this one, or Axon's own for gaps too old or too far behind)
 * is such a position for the token's index. Axon compares tokens of one index from different readers ({@code equals},
 * when a reader joins the event cache or a processor's stream) and a segment's token with an event's ({@code covers},
 * when a segment skips what it has handled) ignoring the gaps below the higher truncation point, which is then right
 * for both. A token read back from the token store has lost its truncation point, and the gaps below it too.
 */
public class SnapshotFreeEventStorageEngine extends JdbcEventStorageEngine {

    /** The column in which each event row carries the settled position known when its index was drawn (V16_1). */
    public static final String SETTLED_INDEX_COLUMN = "settledindex";

    private static final String READ_AHEAD = SnapshotFreeEventStorageEngine.class.getName() + ".readAhead";

    private final ConnectionProvider connections;
    private final EventSchema schema;
    private final SettledPositions settled;

    /** {@code schema}: one whose tracked events include {@value #SETTLED_INDEX_COLUMN} ({@link #eventSchema()}). */
    public SnapshotFreeEventStorageEngine(Builder builder, ConnectionProvider connections, EventSchema schema,
                                          SettledPositions settled) {
        super(builder.schema(schema));
        this.connections = connections;
        this.schema = schema;
        this.settled = settled;
    }

    /** Axon's default event schema, except that a streaming reader also reads {@value #SETTLED_INDEX_COLUMN}. */
    public static EventSchema eventSchema() {
        return EventSchema.builder()
                .trackedEventFields(schema -> schema.globalIndexColumn() + ", " + schema.domainEventFields() + ", "
                        + SETTLED_INDEX_COLUMN)
                .build();
    }

    /** Gives the settled position a chance to move on (at most once an interval), then reads as Axon does. */
    @Override
    protected List<? extends TrackedEventData<?>> fetchTrackedEvents(TrackingToken lastToken, int batchSize) {
        settled.trySettle();
        return super.fetchTrackedEvents(lastToken, batchSize);
    }

    /** Axon's token for the event, without the gaps below the position settled when the event's index was drawn. */
    @Override
    protected TrackedEventData<?> getTrackedEventData(ResultSet resultSet, GapAwareTrackingToken previousToken)
            throws SQLException {
        TrackedEventData<?> event = super.getTrackedEventData(resultSet, previousToken);
        long settledBelow = resultSet.getLong(SETTLED_INDEX_COLUMN);
        if (resultSet.wasNull()) {
            return event;
        }
        GapAwareTrackingToken token = (GapAwareTrackingToken) event.trackingToken();
        GapAwareTrackingToken truncated = token.withGapsTruncatedAt(Math.min(settledBelow, token.getIndex()));
        return truncated == token ? event
                : new TrackedDomainEventData<>(truncated, (DomainEventData<?>) event);
    }

    @Override
    protected Stream<? extends DomainEventData<?>> readSnapshotData(String aggregateIdentifier) {
        return Stream.empty();
    }

    @Override
    protected void storeSnapshot(DomainEventMessage<?> snapshot, Serializer serializer) {
        throw new UnsupportedOperationException("the ledger makes no snapshots; reading them was switched off "
                + "(see " + SnapshotFreeEventStorageEngine.class.getSimpleName() + ")");
    }

    /**
     * Reads the events of the given aggregates in one query, in the current unit of work's transaction, for the
     * loads of those aggregates later in the same unit of work. An aggregate without events is remembered as such
     * (its load finds none, as a query would have); one with {@linkplain #batchSize() a batch} of events or more is
     * left to the ordinary reads.
     */
    public void readAhead(Collection<String> aggregateIdentifiers) {
        if (aggregateIdentifiers.isEmpty()) {
            return;
        }
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        Map<String, List<DomainEventData<?>>> read = new HashMap<>();
        aggregateIdentifiers.forEach(identifier -> read.put(identifier, new ArrayList<>()));
        String sql = "SELECT " + String.join(", ", schema.typeColumn(), schema.aggregateIdentifierColumn(),
                schema.sequenceNumberColumn(), schema.eventIdentifierColumn(), schema.timestampColumn(),
                schema.payloadTypeColumn(), schema.payloadRevisionColumn(), schema.payloadColumn(),
                schema.metaDataColumn())
                + " FROM " + schema.domainEventTable() + " WHERE " + schema.aggregateIdentifierColumn()
                + " = ANY (?) ORDER BY " + schema.aggregateIdentifierColumn() + ", " + schema.sequenceNumberColumn();
        try {
            Connection connection = connections.getConnection();
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                statement.setArray(1, connection.createArrayOf("varchar", read.keySet().toArray()));
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        String aggregate = rows.getString(2);
                        read.get(aggregate).add(new GenericDomainEventEntry<>(rows.getString(1), aggregate,
                                rows.getLong(3), rows.getString(4), rows.getString(5), rows.getString(6),
                                rows.getString(7), rows.getBytes(8), rows.getBytes(9)));
                    }
                }
            } finally {
                connection.close();
            }
        } catch (SQLException e) {
            throw new EventStoreException("Failed to read ahead the events of " + read.size() + " aggregates", e);
        }
        read.values().removeIf(events -> events.size() >= batchSize());
        root.resources().put(READ_AHEAD, read);
    }

    /**
     * An aggregate's events read ahead are its whole stream as of the read: the store reads an aggregate until a read
     * comes back empty, so the read after them finds nothing more, and only a load after that (a new stream from the
     * first event) goes back to the database.
     */
    @Override
    protected List<? extends DomainEventData<?>> fetchDomainEvents(String aggregateIdentifier,
                                                                   long firstSequenceNumber, int batchSize) {
        if (CurrentUnitOfWork.isStarted()) {
            Map<String, List<DomainEventData<?>>> read = CurrentUnitOfWork.get().root().getResource(READ_AHEAD);
            List<DomainEventData<?>> events = read == null ? null : read.get(aggregateIdentifier);
            if (events != null) {
                long last = events.isEmpty() ? -1 : events.get(events.size() - 1).getSequenceNumber();
                if (firstSequenceNumber > last) {
                    read.remove(aggregateIdentifier);
                    return List.of();
                }
                if (firstSequenceNumber == 0 && events.size() < batchSize) {
                    read.put(aggregateIdentifier, List.of());
                    return events;
                }
                read.remove(aggregateIdentifier);
            }
        }
        return super.fetchDomainEvents(aggregateIdentifier, firstSequenceNumber, batchSize);
    }
}
