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
 * an instant without ever waiting for one ({@code settled_event_position()}, {@code V15_1__settled_event_position.sql}):
 * the function holds the lock for one read of the sequence, so appends are held back for that read at most, and
 * while appends are running it learns nothing and the class keeps what it knew. It tries at most once per interval,
 * whichever thread asks, and only grows.
 * <p>
 * {@code final_event_position()} gives the same guarantee by waiting for the lock; the audit export and the hash
 * chain use it, because they need a bound at that moment, and the hash chain records here what it learns that way:
 * while appends run back to back, when this class's tries find no free instant, the chain's waits still move the
 * settled position on. The event stream only needs one now and then. One instance per process (a bean of
 * {@code AxonSetup}).
 */
public final class SettledPositions {

    private static final Logger log = LoggerFactory.getLogger(SettledPositions.class);

    private final DataSource dataSource;
    private final long intervalNanos;
    private final AtomicLong lastTry;
    private final AtomicBoolean warned = new AtomicBoolean();
    private final AtomicLong settled = new AtomicLong();

    /** {@code interval}: the least time between two tries; zero tries at every call. */
    public SettledPositions(DataSource dataSource, Duration interval) {
        this.dataSource = dataSource;
        this.intervalNanos = interval.toNanos();
        this.lastTry = new AtomicLong(System.nanoTime() - intervalNanos);
    }

    /** The highest index known to be settled, without asking the database; 0 before anything is known. */
    public long known() {
        return settled.get();
    }

    /**
     * Records an index learnt to be settled another way ({@code final_event_position()}, which waits for the lock);
     * returns the highest known.
     */
    public long settledUpTo(long position) {
        return settled.accumulateAndGet(position, Math::max);
    }

    /**
     * Tries to learn a higher settled index if the interval has passed since the last try, and returns the highest
     * known (0 before anything is known). A failed try (appends running, or the database not answering) leaves it as
     * it was.
     */
    public long refresh() {
        long now = System.nanoTime();
        long last = lastTry.get();
        if (now - last < intervalNanos || !lastTry.compareAndSet(last, now)) {
            return settled.get();
        }
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement()) {
            if (!connection.getAutoCommit()) {
                connection.setAutoCommit(true); // the function's lock ends with its statement
            }
            try (ResultSet position = statement.executeQuery("SELECT settled_event_position()")) {
                position.next();
                long drawn = position.getLong(1);
                if (!position.wasNull()) {
                    return settled.accumulateAndGet(drawn, Math::max);
                }
            }
        } catch (SQLException e) {
            if (warned.compareAndSet(false, true)) {
                log.warn("Could not learn how far the global index is settled; until this succeeds, readers keep "
                        + "every gap in their tokens, as Axon does (logged once, then at debug): {}", e.toString());
            } else {
                log.debug("Could not learn how far the global index is settled: {}", e.toString());
            }
        }
        return settled.get();
    }
}
