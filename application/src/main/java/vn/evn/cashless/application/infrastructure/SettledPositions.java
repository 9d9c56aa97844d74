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
 * Moves on the position up to which the event table's global index is settled: every index up to it holds a
 * committed event or never will. Each append records the position known when it draws its indexes in every row it
 * writes, and the event store's readers drop from that event's token the gaps below it
 * ({@link SnapshotFreeEventStorageEngine}).
 * <p>
 * An append takes the writers' advisory lock shared before it draws an index and holds it until its transaction ends
 * ({@code V5__audit_export.sql}), so at an instant when that lock can be taken exclusively, no index already drawn
 * belongs to a transaction still running. {@code settle_event_position()} ({@code V16_1__settled_event_position.sql})
 * looks for such an instant without ever waiting for one: it holds the lock for a read of the global index's sequence
 * and a move of the position's own, so appends are held back for that long at most, and while appends are running it
 * learns nothing. This class tries at most once per interval, whichever reader asks. {@code final_event_position()},
 * which the hash chain and the audit export call, waits for the lock and records what it learns the same way, so
 * steady appends, when these tries seldom find the lock free, still move the position on. One instance per process
 * (a bean of {@code AxonSetup}).
 */
public final class SettledPositions {

    private static final Logger log = LoggerFactory.getLogger(SettledPositions.class);

    private final DataSource dataSource;
    private final long intervalNanos;
    private final AtomicLong lastTry;
    private final AtomicBoolean warned = new AtomicBoolean();

    /** {@code interval}: the least time between two tries; zero tries at every call. */
    public SettledPositions(DataSource dataSource, Duration interval) {
        this.dataSource = dataSource;
        this.intervalNanos = interval.toNanos();
        this.lastTry = new AtomicLong(System.nanoTime() - intervalNanos);
    }

    /**
     * Tries to move the settled position on if the interval has passed since the last try. Returns the position
     * recorded in the database, or -1 when it did not ask (too soon) or could not (the failure is logged; until a try
     * succeeds, readers keep every gap in their tokens, as Axon does).
     */
    public long trySettle() {
        long now = System.nanoTime();
        long last = lastTry.get();
        if (now - last < intervalNanos || !lastTry.compareAndSet(last, now)) {
            return -1;
        }
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement()) {
            if (!connection.getAutoCommit()) {
                connection.setAutoCommit(true); // the function's lock ends with its statement
            }
            try (ResultSet position = statement.executeQuery("SELECT settle_event_position()")) {
                position.next();
                return position.getLong(1);
            }
        } catch (SQLException e) {
            if (warned.compareAndSet(false, true)) {
                log.warn("Could not move on how far the global index is settled; until this succeeds, readers keep "
                        + "every gap in their tokens, as Axon does (logged once, then at debug): {}", e.toString());
            } else {
                log.debug("Could not move on how far the global index is settled: {}", e.toString());
            }
            return -1;
        }
    }
}
