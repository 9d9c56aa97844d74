package vn.evn.cashless.api.benchmark;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.UUID;

/**
 * The benchmarks' raw baseline for batched writes: one client, transactions of one JDBC batch of 500 rows of 300
 * bytes, into a table of its own in the {@code bench} schema, made for the measure and dropped after it.
 */
final class RawBatchInsert {

    static final int ROWS = 500;

    private RawBatchInsert() {
    }

    /** Rows per second over {@code transactions} transactions of {@value #ROWS} rows, as the server's owner. */
    static double rowsPerSecond(Connection c, int transactions) throws Exception {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA IF NOT EXISTS bench");
            s.execute("DROP TABLE IF EXISTS bench.batch");
            s.execute("CREATE TABLE bench.batch (id BIGSERIAL PRIMARY KEY, key TEXT UNIQUE, payload BYTEA)");
        }
        byte[] payload = new byte[300];
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        long started = System.nanoTime();
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO bench.batch (key, payload) VALUES (?, ?)")) {
            for (int t = 0; t < transactions; t++) {
                for (int r = 0; r < ROWS; r++) {
                    insert.setString(1, UUID.randomUUID().toString());
                    insert.setBytes(2, payload);
                    insert.addBatch();
                }
                insert.executeBatch();
                c.commit();
            }
        }
        double perSecond = (double) transactions * ROWS / ((System.nanoTime() - started) / 1e9);
        c.setAutoCommit(autoCommit);
        try (Statement s = c.createStatement()) {
            s.execute("DROP TABLE bench.batch");
        }
        return perSecond;
    }
}
