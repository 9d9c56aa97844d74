package vn.evn.cashless.application.admin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A deterministic digest of a read model's content: SHA-256 over each of its tables in turn (its name, then every
 * row as PostgreSQL writes a row out as text, in primary-key order), read in one snapshot and streamed through a
 * cursor, so its cost grows with the tables' size but its memory does not. Two read models with the same rows have
 * the same checksum, whatever order the rows were written in.
 */
@Component
public class Checksums {

    /** A read model's digest and how many rows it covers. */
    public record Checksum(String name, String algorithm, String checksum, long rows) {
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate snapshot;

    public Checksums(JdbcTemplate jdbc, PlatformTransactionManager transactionManager) {
        this.jdbc = new JdbcTemplate(jdbc.getDataSource());
        this.jdbc.setFetchSize(5_000);
        this.snapshot = new TransactionTemplate(transactionManager);
        this.snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        this.snapshot.setReadOnly(true);
    }

    public Checksum of(ReadModel model) {
        MessageDigest digest = sha256();
        long[] rows = new long[1];
        snapshot.executeWithoutResult(status -> {
            // row text carries times in the session's zone: fix it, so the digest does not depend on the server's
            jdbc.execute("SET LOCAL TimeZone TO 'UTC'");
            for (String table : model.tables()) {
                digest.update(("table " + table + "\n").getBytes(StandardCharsets.UTF_8));
                String order = String.join(", ", primaryKey(table));
                jdbc.query("SELECT t::text FROM public." + table + " t ORDER BY " + order, rs -> {
                    digest.update(rs.getString(1).getBytes(StandardCharsets.UTF_8));
                    digest.update((byte) '\n');
                    rows[0]++;
                });
            }
        });
        return new Checksum(model.name(), "SHA-256", HexFormat.of().formatHex(digest.digest()), rows[0]);
    }

    private List<String> primaryKey(String table) {
        List<String> columns = jdbc.queryForList("""
                SELECT a.attname FROM pg_index i
                JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey::int2[])
                WHERE i.indrelid = ('public.' || ?)::regclass AND i.indisprimary
                ORDER BY array_position(i.indkey::int2[], a.attnum)""", String.class, table);
        if (columns.isEmpty()) {
            throw new IllegalStateException("table " + table + " has no primary key to order its rows by");
        }
        return columns;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
