package vn.evn.cashless.application.infrastructure;

import java.util.List;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Hands a read model's handlers only the events its segment has not applied yet.
 * <p>
 * This node knows, for each segment it holds, a token covering what the segment has applied: the one it claimed,
 * moved on by every event handed over since ({@link ClaimedTokens#handOver}). Axon's pooled processor, reading the
 * stream again from a lower position after a claim, hands a segment every event whose token the segment's last one
 * does not cover as a whole, and an event read after one of that token's gaps has filled is such an event although
 * its own index is covered: the figures, which add, would count it twice. Here such an event is skipped. Its own
 * index is looked up in the event table: an event's token carries the index of the stream's furthest event, which
 * for an event that fills a gap is not its own. Only events whose token is not past the known one are looked up, so
 * a segment going on from its own position looks up none but the rare gap filled at the stream's head.
 */
final class AppliedOnce implements MessageHandlerInterceptor<EventMessage<?>> {

    private static final Logger log = LoggerFactory.getLogger(AppliedOnce.class);

    private final String processor;
    private final String segmentKey;
    private final String rollbackKey;
    private final ClaimedTokens tokens;
    private final JdbcTemplate jdbc;

    AppliedOnce(String processor, ClaimedTokens tokens, JdbcTemplate jdbc) {
        this.processor = processor;
        // the unit-of-work resource under which Axon's pooled processor names a batch's segment
        this.segmentKey = "Processor[" + processor + "]/SegmentId";
        this.rollbackKey = AppliedOnce.class.getName() + "/" + processor + "/rollback";
        this.tokens = tokens;
        this.jdbc = jdbc;
    }

    @Override
    public Object handle(UnitOfWork<? extends EventMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        if (!(unitOfWork.getMessage() instanceof TrackedEventMessage<?> event)
                || !(event.trackingToken() instanceof GapAwareTrackingToken position)
                || !(unitOfWork.root().resources().get(segmentKey) instanceof Integer segment)) {
            return chain.proceed();
        }
        UnitOfWork<?> batch = unitOfWork.root();
        if (batch.resources().putIfAbsent(rollbackKey, Boolean.TRUE) == null) {
            batch.onRollback(u -> tokens.rolledBack(processor, segment));
        }
        if (tokens.handOver(processor, segment, position) instanceof GapAwareTrackingToken known
                && position.getIndex() <= known.getIndex() && covers(known, event)) {
            log.debug("{} segment {}: event {} was applied before, not applied again", processor, segment,
                    event.getIdentifier());
            return null;
        }
        return chain.proceed();
    }

    /** Whether the token covers the event's own index. */
    private boolean covers(GapAwareTrackingToken known, TrackedEventMessage<?> event) {
        List<Long> index = jdbc.queryForList("SELECT globalindex FROM domainevententry WHERE eventidentifier = ?",
                Long.class, event.getIdentifier());
        // an event not in the table (none the ledger's store hands out) is applied, rather than lost
        return !index.isEmpty() && index.get(0) <= known.getIndex() && !known.getGaps().contains(index.get(0));
    }
}
