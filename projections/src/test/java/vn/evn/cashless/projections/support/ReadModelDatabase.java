package vn.evn.cashless.projections.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.sql.DataSource;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A real PostgreSQL with the read-model schema, for projection tests. Durability settings are relaxed here, and
 * only here: these tests check what is written, not whether it survives a power cut.
 */
public final class ReadModelDatabase {

    private static JdbcTemplate jdbc;

    private ReadModelDatabase() {
    }

    public static synchronized JdbcTemplate jdbc() {
        if (jdbc == null) {
            try {
                EmbeddedPostgres postgres = EmbeddedPostgres.builder().setServerConfig("fsync", "off").start();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        postgres.close();
                    } catch (IOException ignored) {
                        // the JVM is going away anyway
                    }
                }));
                DataSource dataSource = postgres.getPostgresDatabase();
                Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
                jdbc = new JdbcTemplate(dataSource);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return jdbc;
    }

    /** Empties every read-model table. */
    public static void clear() {
        jdbc().execute("""
                TRUNCATE rm_branch, rm_commune, rm_customer, rm_payment_channel, rm_notification_channel, rm_payment,
                         fig_commune, fig_customer, fig_registration, fig_month, fig_customer_month, fig_plan,
                         fig_customer_count, fig_paying, fig_registered, fig_period""");
    }

    /** Runs handlers the way a processor runs a batch: in one unit of work, committed at the end. */
    public static void inOneBatch(Runnable handlers) {
        DefaultUnitOfWork.startAndGet(GenericEventMessage.asEventMessage("batch")).execute(handlers);
    }
}
