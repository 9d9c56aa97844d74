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
 * A streaming reader's token keeps no gap that is known never to fill. Axon's token lists every index below its
 * position that it has not seen, so that an append still running when the reader passed its index is delivered once
 * it commits; but an index drawn by a transaction that rolled back (a group of payments that met a conflict, an
 * import batch recorded again line by line, a process killed mid-append) stays a gap for the next 10,000 indexes, and
 * every event read meanwhile carries its own copy of all of them. A few such gaps cost a copy per event; thousands
 * fill the heap (the event cache alone holds 10,000 events). So each fetch first asks {@link SettledPositions} how
 * far the index is settled, and every index at or below that, below an event the fetch delivers, that the fetch did
 * not deliver is dropped from the token: the fetch's query runs after the index was known settled, so it sees every
 * event that will ever hold it, and it reads in index order.
 */
public class SnapshotFreeEventStorageEngine extends JdbcEventStorageEngine {

    private static final String READ_AHEAD = SnapshotFreeEventStorageEngine.class.getName() + ".readAhead";

    private final ConnectionProvider connections;
    private final EventSchema schema;
    private final SettledPositions settledPositions;
    /** How far the index was settled before the current thread's fetch queried; none outside a fetch. */
    private final ThreadLocal<Long> settledBeforeQuery = new ThreadLocal<>();

    public SnapshotFreeEventStorageEngine(Builder builder, ConnectionProvider connections, EventSchema schema,
                                          SettledPositions settledPositions) {
        super(builder);
        this.connections = connections;
        this.schema = schema;
        this.settledPositions = settledPositions;
    }

    @Override
    protected List<? extends TrackedEventData<?>> fetchTrackedEvents(TrackingToken lastToken, int batchSize) {
        settledBeforeQuery.set(settledPositions.refresh());
        try {
            return super.fetchTrackedEvents(lastToken, batchSize);
        } finally {
            settledBeforeQuery.remove();
        }
    }

    /**
     * The event at the result set's row, with a token that keeps no gap known never to fill: an index below this
     * event's that the fetch has not delivered (its query reads in index order, the token's gaps included) and that
     * was settled before the query ran has no event and never will.
     * <p>
     * The token is a new one without those gaps, not Axon's {@code withGapsTruncatedAt}: a truncated token counts as
     * equal to any token of the same index whatever their gaps below the truncation point, and Axon joins a reader to
     * the shared event cache (or a segment to a running stream) by that equality. Truncated near the head, the token
     * of a reader that had learnt an index was settled would pass for the token of one still waiting for an event
     * there, and that one would skip it. Without truncation two tokens are equal only with the same gaps.
     */
    @Override
    protected TrackedEventData<?> getTrackedEventData(ResultSet resultSet, GapAwareTrackingToken previousToken)
            throws SQLException {
        TrackedEventData<?> event = super.getTrackedEventData(resultSet, previousToken);
        Long settled = settledBeforeQuery.get();
        GapAwareTrackingToken token = (GapAwareTrackingToken) event.trackingToken();
        if (settled == null || token.getGaps().isEmpty() || token.getGaps().first() > settled) {
            return event;
        }
        long position = resultSet.getLong(schema.globalIndexColumn());
        GapAwareTrackingToken kept = GapAwareTrackingToken.newInstance(token.getIndex(),
                token.getGaps().tailSet(Math.min(settled + 1, position)));
        return new TrackedDomainEventData<>(kept, (DomainEventData<?>) event);
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
