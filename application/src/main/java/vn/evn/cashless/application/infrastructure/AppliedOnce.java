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
 * A segment's claimed token ({@link ClaimedTokens}) covers the indexes up to its own but its gaps. Axon's pooled
 * processor, reading the stream again from a lower position after a claim, hands a segment every event whose token
 * the segment's does not cover as a whole, and an event read after one of the segment's gaps has filled is such an
 * event although its own index is covered: the figures, which add, would count it twice. Here such an event is
 * skipped. Its own index is looked up in the event table: an event's token carries the index of the stream's
 * furthest event, which for an event that fills a gap is not its own. Only events whose token is not past the
 * claimed one are looked up, so a segment going on from its own position looks up none but the rare gap filled at
 * the stream's head.
 */
final class AppliedOnce implements MessageHandlerInterceptor<EventMessage<?>> {

    private static final Logger log = LoggerFactory.getLogger(AppliedOnce.class);

    private final String processor;
    private final String segmentKey;
    private final ClaimedTokens tokens;
    private final JdbcTemplate jdbc;

    AppliedOnce(String processor, ClaimedTokens tokens, JdbcTemplate jdbc) {
        this.processor = processor;
        // the unit-of-work resource under which Axon's pooled processor names a batch's segment
        this.segmentKey = "Processor[" + processor + "]/SegmentId";
        this.tokens = tokens;
        this.jdbc = jdbc;
    }

    @Override
    public Object handle(UnitOfWork<? extends EventMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        if (unitOfWork.getMessage() instanceof TrackedEventMessage<?> event
                && event.trackingToken() instanceof GapAwareTrackingToken position
                && unitOfWork.root().resources().get(segmentKey) instanceof Integer segment
                && tokens.held(processor, segment).orElse(null) instanceof GapAwareTrackingToken claimed
                && position.getIndex() <= claimed.getIndex()
                && appliedBefore(event, claimed)) {
            log.debug("{} segment {}: event {} was applied before {}, not applied again", processor, segment,
                    event.getIdentifier(), claimed);
            return null;
        }
        return chain.proceed();
    }

    private boolean appliedBefore(TrackedEventMessage<?> event, GapAwareTrackingToken claimed) {
        List<Long> index = jdbc.queryForList("SELECT globalindex FROM domainevententry WHERE eventidentifier = ?",
                Long.class, event.getIdentifier());
        // an event not in the table (none the ledger's store hands out) is applied, rather than lost
        return !index.isEmpty() && index.get(0) <= claimed.getIndex() && !claimed.getGaps().contains(index.get(0));
    }
}
