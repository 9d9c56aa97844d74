package vn.evn.cashless.application.audit;

import java.sql.ResultSet;
import java.sql.SQLException;

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

    public static HashChainEvent read(ResultSet row) throws SQLException {
        return new HashChainEvent(row.getLong(1), row.getString(2), row.getString(3), row.getString(4),
                row.getString(5), row.getString(6), row.getLong(7), row.getBytes(8), row.getBytes(9),
                row.getString(10));
    }
}
