package vn.evn.cashless.application.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** What a command's step is decided again after, on a real PostgreSQL. */
class CommandSenderTest {

    private static EmbeddedPostgres postgres;
    private static JdbcTemplate jdbc;
    private static TransactionTemplate transactions;
    private final CommandSender sender = new CommandSender(null);

    @BeforeAll
    static void start() throws Exception {
        postgres = EmbeddedPostgres.builder().setServerConfig("fsync", "off").start();
        DataSource dataSource = postgres.getPostgresDatabase();
        jdbc = new JdbcTemplate(dataSource);
        transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        jdbc.execute("CREATE TABLE counter (id INT PRIMARY KEY, n INT NOT NULL)");
    }

    @AfterAll
    static void stop() throws Exception {
        postgres.close();
    }

    /**
     * Two steps that take the same two rows' locks in opposite orders: PostgreSQL ends the deadlock by failing one of
     * them, whose whole transaction is rolled back; it is decided again and both steps are applied once each.
     */
    @Test
    void aStepTheDatabaseChoseToEndADeadlockIsDecidedAgain() throws Exception {
        jdbc.update("DELETE FROM counter");
        jdbc.update("INSERT INTO counter VALUES (1, 0), (2, 0)");
        CyclicBarrier bothHoldTheirFirstRow = new CyclicBarrier(2);
        AtomicInteger attempts = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<String>> done = List.of(
                    pool.submit(() -> sender.retryingConflicts(() -> addToBoth(1, 2, bothHoldTheirFirstRow,
                            attempts))),
                    pool.submit(() -> sender.retryingConflicts(() -> addToBoth(2, 1, bothHoldTheirFirstRow,
                            attempts))));
            for (Future<String> step : done) {
                assertThat(step.get(60, TimeUnit.SECONDS)).isEqualTo("done");
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(attempts.get()).as("attempts: two steps, one of them decided again").isEqualTo(3);
        assertThat(jdbc.queryForList("SELECT n FROM counter ORDER BY id", Integer.class)).containsExactly(2, 2);
    }

    @Test
    void anyOtherFailureIsThrownAtOnce() {
        AtomicInteger attempts = new AtomicInteger();
        assertThatThrownBy(() -> sender.retryingConflicts(() -> {
            attempts.incrementAndGet();
            return jdbc.queryForObject("SELECT 1 / 0", Integer.class);
        })).hasMessageContaining("division by zero");
        assertThat(attempts.get()).isOne();
    }

    private static String addToBoth(int first, int second, CyclicBarrier barrier, AtomicInteger attempts) {
        boolean firstAttempt = attempts.incrementAndGet() <= 2;
        return transactions.execute(status -> {
            jdbc.update("UPDATE counter SET n = n + 1 WHERE id = ?", first);
            if (firstAttempt) {
                try {
                    barrier.await(30, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
            jdbc.update("UPDATE counter SET n = n + 1 WHERE id = ?", second);
            return "done";
        });
    }
}
