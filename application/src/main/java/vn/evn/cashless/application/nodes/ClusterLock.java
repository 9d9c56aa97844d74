package vn.evn.cashless.application.nodes;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.zip.CRC32;
import javax.sql.DataSource;
import org.springframework.stereotype.Component;

/**
 * Work that must run on one node at a time (the demo load, a rebuild), whichever node starts it. The
 * node that runs it holds a PostgreSQL session advisory lock on a connection of its own for as long as it runs;
 * if the node dies, its connection closes and the lock is free at once, so another node can take the work over.
 * The lock is never held inside a transaction the work commits, so it costs nothing but one idle connection.
 */
@Component
public class ClusterLock {

    /** The first key of every lock the ledger takes this way (the second is the name's checksum). */
    private static final int LEDGER_WORK = 0x1ED6E5;

    private final DataSource dataSource;

    public ClusterLock(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** A lock held; closing it gives it back. */
    public interface Held extends AutoCloseable {

        /** Whether the lock is still this node's: false once its connection to the database broke. */
        boolean stillHeld();

        @Override
        void close();
    }

    /** Takes the lock named {@code name} if no node holds it, without waiting. */
    public Optional<Held> tryLock(String name) {
        Connection connection = null;
        try {
            connection = dataSource.getConnection();
            connection.setAutoCommit(true);
            if (!call(connection, "SELECT pg_try_advisory_lock(?, ?)", name)) {
                connection.close();
                return Optional.empty();
            }
            return Optional.of(new Lock(name, connection));
        } catch (SQLException e) {
            if (connection != null) {
                discard(connection);
            }
            throw new IllegalStateException("could not ask for the lock " + name, e);
        }
    }

    private final class Lock implements Held {

        private final String name;
        private final Connection connection;

        Lock(String name, Connection connection) {
            this.name = name;
            this.connection = connection;
        }

        @Override
        public boolean stillHeld() {
            try (PreparedStatement statement = connection.prepareStatement("""
                    SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid()
                    AND classid::bigint = ? AND objid::bigint = ? AND granted""")) {
                // the two keys are stored as unsigned object ids
                statement.setLong(1, Integer.toUnsignedLong(LEDGER_WORK));
                statement.setLong(2, Integer.toUnsignedLong(key(name)));
                try (ResultSet result = statement.executeQuery()) {
                    return result.next() && result.getInt(1) > 0;
                }
            } catch (SQLException e) {
                return false;
            }
        }

        @Override
        public void close() {
            boolean released;
            try {
                released = call(connection, "SELECT pg_advisory_unlock(?, ?)", name);
            } catch (SQLException e) {
                released = false;
            }
            if (released) {
                try {
                    connection.close();
                } catch (SQLException e) {
                    discard(connection);
                }
            } else {
                // a pooled connection must not go back to the pool with the lock on its session
                discard(connection);
            }
        }
    }

    /** Closes the connection for good, not back into the pool, so that its session and its locks end. */
    private void discard(Connection connection) {
        try {
            if (dataSource.isWrapperFor(HikariDataSource.class)) {
                dataSource.unwrap(HikariDataSource.class).evictConnection(connection);
            } else {
                connection.close();
            }
        } catch (SQLException e) {
            // nothing more can be done; the server ends the session when the connection drops
        }
    }

    private static boolean call(Connection connection, String sql, String name) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setInt(1, LEDGER_WORK);
            statement.setInt(2, key(name));
            try (ResultSet result = statement.executeQuery()) {
                return result.next() && result.getBoolean(1);
            }
        }
    }

    private static int key(String name) {
        CRC32 crc = new CRC32();
        crc.update(name.getBytes(StandardCharsets.UTF_8));
        return (int) crc.getValue();
    }
}
