package vn.evn.cashless.application.infrastructure;

import java.util.stream.Stream;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;

/**
 * The JDBC event store of a ledger that makes no snapshots: loading an aggregate is one query for its events, not a
 * query of the (always empty) snapshot table first. Storing a snapshot is refused outright, so that configuring a
 * snapshotter later cannot silently write snapshots that nothing reads.
 */
public class SnapshotFreeEventStorageEngine extends JdbcEventStorageEngine {

    public SnapshotFreeEventStorageEngine(Builder builder) {
        super(builder);
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
}
