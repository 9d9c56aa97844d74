package vn.evn.cashless.application.audit;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import tools.jackson.databind.util.RawValue;

/**
 * One line of the audit export: a stored event as the event store holds it, with who caused it. See docs/audit.md.
 *
 * @param position      the event's global index: its place in the order of the whole ledger
 * @param type          the payload's simple class name, e.g. {@code PaymentRecorded}
 * @param revision      the payload's revision ({@code @Revision})
 * @param aggregateType e.g. {@code Bill}
 * @param recordedAt    when the event was stored, in Asia/Ho_Chi_Minh with its offset
 * @param payload       the event itself: the stored JSON, copied as it is
 */
@JsonPropertyOrder({"position", "eventId", "type", "revision", "aggregateType", "aggregateId", "sequence",
        "recordedAt", "actor", "correlationId", "source", "payload"})
public record ExportedEvent(long position, String eventId, String type, String revision, String aggregateType,
                            String aggregateId, long sequence, String recordedAt, String actor, String correlationId,
                            String source, RawValue payload) {
}
