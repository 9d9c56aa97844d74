package vn.evn.cashless.application.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import javax.sql.DataSource;
import org.postgresql.PGStatement;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Recomputes the hash chain from the event table and compares it, link by link, with the stored chain. Both
 * tables are read in position order through cursors side by side, in one snapshot (so events appended meanwhile
 * are simply beyond the head), holding one row of each at a time: memory does not grow with the history.
 */
@Component
public class AuditChainVerifier {

    private static final int FETCH_SIZE = 5000;

    private final JdbcTemplate jdbc;
    private final DataSource dataSource;
    private final TransactionTemplate snapshot;

    public AuditChainVerifier(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.dataSource = jdbc.getDataSource();
        this.snapshot = new TransactionTemplate(transactions);
        this.snapshot.setReadOnly(true);
        this.snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        this.snapshot.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** The newest link, or {@link AuditChainHead#EMPTY} before the first event. */
    public AuditChainHead head() {
        return head(jdbc);
    }

    static AuditChainHead head(JdbcTemplate jdbc) {
        List<AuditChainHead> heads = jdbc.query(
                "SELECT position, link, events FROM audit_chain ORDER BY position DESC LIMIT 1",
                (row, n) -> new AuditChainHead(row.getLong(1), row.getBytes(2), row.getLong(3)));
        return heads.isEmpty() ? AuditChainHead.EMPTY : heads.get(0);
    }

    /** Walks the whole chain; stops at the first position with a problem. */
    public AuditChainVerdict verify() {
        return snapshot.execute(status -> {
            Connection connection = DataSourceUtils.getConnection(dataSource);
            try {
                return walk(connection);
            } catch (SQLException e) {
                throw new IllegalStateException("Could not read the event table or the chain", e);
            } finally {
                DataSourceUtils.releaseConnection(connection, dataSource);
            }
        });
    }

    private AuditChainVerdict walk(Connection connection) throws SQLException {
        long started = System.nanoTime();
        AuditChainHead head = head(jdbc);
        try (PreparedStatement chainQuery = connection.prepareStatement(
                     "SELECT position, event_id, events, link FROM audit_chain ORDER BY position");
             PreparedStatement eventQuery = HashChainEvent.select(connection, "globalindex <= ?", FETCH_SIZE)) {
            chainQuery.setFetchSize(FETCH_SIZE);
            chainQuery.unwrap(PGStatement.class).setPrepareThreshold(-1);
            eventQuery.setLong(1, head.position());
            try (ResultSet links = chainQuery.executeQuery(); ResultSet events = eventQuery.executeQuery()) {
                HashChain chain = new HashChain(HashChain.GENESIS);
                long verified = 0;
                boolean hasLink = links.next();
                HashChainEvent event = events.next() ? HashChainEvent.read(events) : null;
                while (hasLink || event != null) {
                    long linkPosition = hasLink ? links.getLong(1) : Long.MAX_VALUE;
                    if (event == null || linkPosition < event.position()) {
                        return AuditChainVerdict.failed(verified, head, linkPosition,
                                AuditChainVerdict.Problem.REMOVED, links.getString(2), links.getBytes(4), null,
                                millisSince(started));
                    }
                    if (event.position() < linkPosition) {
                        return AuditChainVerdict.failed(verified, head, event.position(),
                                AuditChainVerdict.Problem.INSERTED, event.eventId(), null, null,
                                millisSince(started));
                    }
                    byte[] computed = chain.append(event);
                    byte[] stored = links.getBytes(4);
                    if (!Arrays.equals(computed, stored) || !event.eventId().equals(links.getString(2))
                            || links.getLong(3) != verified + 1) {
                        return AuditChainVerdict.failed(verified, head, event.position(),
                                AuditChainVerdict.Problem.CHANGED, event.eventId(), stored, computed,
                                millisSince(started));
                    }
                    verified++;
                    hasLink = links.next();
                    event = events.next() ? HashChainEvent.read(events) : null;
                }
                return AuditChainVerdict.verified(verified, head, millisSince(started));
            }
        }
    }

    private static long millisSince(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }
}
