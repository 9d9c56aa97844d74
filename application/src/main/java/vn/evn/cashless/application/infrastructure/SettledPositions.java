package vn.evn.cashless.application.infrastructure;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How far the event table's global index is settled: every index up to {@link #known()} holds a committed event or
 * never will.
 * <p>
 * An append takes the writers' advisory lock shared before it draws an index and holds it until its transaction ends
 * ({@code V5__audit_export.sql}). So at an instant when that lock can be taken exclusively, no index already drawn
 * belongs to a transaction still running: each one was committed or rolled back for good. This class looks for such
 * an instant without ever waiting for one ({@code pg_try_advisory_xact_lock}): it holds the lock for one read of the
 * sequence, so appends are held back for that read at most, and while appends are running it learns nothing and keeps
 * what it knew. It tries at most once per interval, whichever thread asks, and only grows.
 * <p>
 * {@code final_event_position()} gives the same guarantee by waiting for the lock; the audit export and the hash
 * chain use it, because they need a bound at that moment. The event stream only needs one now and then.
 */
public final class SettledPositions {

    /** The writers' lock: taken shared by every append, in {@code domainevententry_draw_global_index()}. */
    private static final long WRITERS_LOCK = 7301200145L;

    private static final Logger log = LoggerFactory.getLogger(SettledPositions.class);

    private final DataSource dataSource;
    private final long intervalNanos;
    private final AtomicLong lastTry;
    private final AtomicBoolean warned = new AtomicBoolean();
    private volatile long settled;

    /** {@code interval}: the least time between two tries; zero tries at every call. */
    public SettledPositions(DataSource dataSource, Duration interval) {
        this.dataSource = dataSource;
        this.intervalNanos = interval.toNanos();
        this.lastTry = new AtomicLong(System.nanoTime() - intervalNanos);
    }

    /** The highest index known to be settled; 0 before anything is known. */
    public long known() {
        return settled;
    }

    /**
     * Tries to learn a higher settled index if the interval has passed since the last try, and returns the highest
     * known. A failed try (appends running, or the database not answering) leaves it as it was.
     */
    public long refresh() {
        long now = System.nanoTime();
        long last = lastTry.get();
        if (now - last < intervalNanos || !lastTry.compareAndSet(last, now)) {
            return settled;
        }
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                long drawn = drawnWhileNoAppendRuns(statement);
                connection.commit();
                if (drawn > settled) {
                    settled = drawn;
                }
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            if (warned.compareAndSet(false, true)) {
                log.warn("Could not learn how far the global index is settled; until this succeeds, readers keep "
                        + "every gap in their tokens, as Axon does (logged once, then at debug): {}", e.toString());
            } else {
                log.debug("Could not learn how far the global index is settled: {}", e.toString());
            }
        }
        return settled;
    }

    /** The last index drawn, if the writers' lock was free; -1 if an append holds it. Ends with the transaction. */
    private static long drawnWhileNoAppendRuns(Statement statement) throws SQLException {
        try (ResultSet free = statement.executeQuery("SELECT pg_try_advisory_xact_lock(" + WRITERS_LOCK + ")")) {
            free.next();
            if (!free.getBoolean(1)) {
                return -1;
            }
        }
        // last_value is the next number to be given until the sequence is first used
        try (ResultSet drawn = statement.executeQuery("SELECT CASE WHEN is_called THEN last_value "
                + "ELSE last_value - 1 END FROM domainevententry_globalindex_seq")) {
            drawn.next();
            return drawn.getLong(1);
        }
    }
}
