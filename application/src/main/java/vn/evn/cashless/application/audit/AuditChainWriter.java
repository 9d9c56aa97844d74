package vn.evn.cashless.application.audit;

import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Extends the hash chain as events are stored. One processing group of its own with one segment; at the end of
 * each processor batch, in the transaction that also moves the processor's token, it links every stored event up
 * to the highest position the batch delivered, reading the rows from the event table as stored.
 *
 * <p>Why no event is ever skipped, and no link is ever made over a gap that fills later: the writer does not chain
 * the events Axon hands it. Axon's streaming processors hand events over in global order as far as they can see,
 * but an append still in flight leaves a gap that its commit fills later (Axon's GapAwareTrackingToken then
 * delivers it out of order), and one older than Axon's gap timeout is dropped. Instead the delivered position is
 * only a signal of how far to chain, and before chaining past a position the writer makes sure that every append
 * that drew a lower index has ended: {@code final_event_position()} (the same bound the audit export streams up
 * to) takes the writers' advisory lock exclusively, granted only once every appending transaction has committed
 * or rolled back (each holds it shared from before it draws an index until it ends). Below the position it returns, each index holds a row or never
 * will; the writer then reads the rows in global index order, one statement later, and chains all of them. A row
 * that appears later at a chained-over index was written around the rules, and verification reports it as
 * inserted. The lock is taken in a short transaction of its own, and only when the batch reaches past the last
 * position known final; appends wait for it meanwhile.
 *
 * <p>Two writers at once (a second node, a split segment) cannot fork the chain: positions are the table's
 * primary key, so the later of two concurrent batches fails, is retried, and finds the work done. A replay of
 * this processor changes nothing: positions already chained are passed over.
 */
@Component
@ProcessingGroup(AuditChainWriter.GROUP)
public class AuditChainWriter {

    public static final String GROUP = "audit-chain";

    private static final String BATCH = AuditChainWriter.class.getName() + ".batch";
    private static final int ROWS_PER_WRITE = 1000;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate ownTransaction;
    /** Every index up to here is final; only grows, so a stale value only costs one more lock. */
    private volatile long finalPosition;

    public AuditChainWriter(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    @EventHandler
    public void on(EventMessage<?> event, TrackingToken token) {
        long position = token.position().orElseThrow(
                () -> new IllegalStateException("a streaming processor's token knows its position"));
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        long[] target = root.getOrComputeResource(BATCH, key -> {
            long[] upTo = new long[1];
            root.onPrepareCommit(unitOfWork -> chainUpTo(upTo[0]));
            return upTo;
        });
        target[0] = Math.max(target[0], position);
    }

    /**
     * Chains every stored event up to {@code position} (or up to the last final position, if that is lower) and
     * returns the new head. Runs in the caller's transaction, which must be open (the rows are read with a cursor).
     */
    public AuditChainHead chainUpTo(long position) {
        AuditChainHead head = AuditChainVerifier.head(jdbc);
        if (position <= head.position()) {
            return head;
        }
        if (position > finalPosition) {
            Long known = ownTransaction.execute(status ->
                    jdbc.queryForObject("SELECT final_event_position()", Long.class));
            finalPosition = Math.max(finalPosition, known == null ? 0 : known);
        }
        long upTo = Math.min(position, finalPosition);
        if (upTo <= head.position()) {
            return head;
        }
        HashChain chain = new HashChain(head.link());
        long[] events = {head.events()};
        long[] last = {head.position()};
        byte[][] lastLink = {head.link()};
        List<Object[]> links = new ArrayList<>(ROWS_PER_WRITE);
        jdbc.query(connection -> {
            PreparedStatement statement = HashChainEvent.select(connection, "globalindex > ? AND globalindex <= ?",
                    ROWS_PER_WRITE);
            statement.setLong(1, head.position());
            statement.setLong(2, upTo);
            return statement;
        }, row -> {
            HashChainEvent event = HashChainEvent.read(row);
            byte[] link = chain.append(event);
            events[0]++;
            last[0] = event.position();
            lastLink[0] = link;
            links.add(new Object[]{event.position(), event.eventId(), events[0], link});
            if (links.size() == ROWS_PER_WRITE) {
                write(links);
            }
        });
        write(links);
        return new AuditChainHead(last[0], lastLink[0], events[0]);
    }

    private void write(List<Object[]> links) {
        if (!links.isEmpty()) {
            jdbc.batchUpdate("INSERT INTO audit_chain (position, event_id, events, link) VALUES (?, ?, ?, ?)",
                    links);
            links.clear();
        }
    }
}
