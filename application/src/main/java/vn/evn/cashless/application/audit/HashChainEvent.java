package vn.evn.cashless.application.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.postgresql.PGStatement;

/**
 * One row of the event table as stored, byte for byte: what the hash chain covers. Texts are the stored texts,
 * payload and metadata the stored bytes; nothing is deserialised, so what is hashed is what an auditor reads.
 *
 * @param position        the global index ({@code globalindex})
 * @param eventId         {@code eventidentifier}
 * @param payloadType     {@code payloadtype}
 * @param payloadRevision {@code payloadrevision}, may be null
 * @param aggregateType   {@code type}, may be null
 * @param aggregateId     {@code aggregateidentifier}
 * @param sequenceNumber  {@code sequencenumber}, the event's number within its aggregate
 * @param payload         {@code payload}
 * @param metadata        {@code metadata}, may be null
 * @param timestamp       {@code timestamp}, the text Axon stored
 */
public record HashChainEvent(long position, String eventId, String payloadType, String payloadRevision,
                             String aggregateType, String aggregateId, long sequenceNumber, byte[] payload,
                             byte[] metadata, String timestamp) {

    /** The columns {@link #read} expects, in its order; for selecting from {@code domainevententry}. */
    public static final String COLUMNS = "globalindex, eventidentifier, payloadtype, payloadrevision, type, "
            + "aggregateidentifier, sequencenumber, payload, metadata, timestamp";

    /**
     * The stored events that meet {@code condition}, in global order, read through a cursor of {@code fetchSize}
     * rows (the caller's transaction must be open). Rows come in PostgreSQL's binary format: payload and metadata
     * then arrive as their bytes rather than as hex text to decode, which is most of the reading time otherwise.
     */
    public static PreparedStatement select(Connection connection, String condition, int fetchSize)
            throws SQLException {
        PreparedStatement statement = connection.prepareStatement("SELECT " + COLUMNS
                + " FROM domainevententry WHERE " + condition + " ORDER BY globalindex");
        statement.setFetchSize(fetchSize);
        statement.unwrap(PGStatement.class).setPrepareThreshold(-1);
        return statement;
    }

    public static HashChainEvent read(ResultSet row) throws SQLException {
        return new HashChainEvent(row.getLong(1), row.getString(2), row.getString(3), row.getString(4),
                row.getString(5), row.getString(6), row.getLong(7), row.getBytes(8), row.getBytes(9),
                row.getString(10));
    }
}
