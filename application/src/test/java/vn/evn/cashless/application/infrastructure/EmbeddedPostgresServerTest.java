package vn.evn.cashless.application.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The clean-up after a killed run stops only a PostgreSQL server that runs on this data directory. A pid in a
 * stale {@code postmaster.pid} may belong to any process by now, even one called postgres: that one lives on.
 */
class EmbeddedPostgresServerTest {

    private static final Path ROOT = Path.of("target", "embedded-postgres-test", UUID.randomUUID().toString());

    @Test
    void aStalePidFileNamingAnotherProcessLeavesItAliveAndTheStartGoesOn() throws Exception {
        Path dir = ROOT.resolve("data").toAbsolutePath();
        try (EmbeddedPostgresServer first = EmbeddedPostgresServer.start(dir, 0)) {
            assertThat(first.port()).isPositive();
        }
        Process impostor = impostorCalledPostgres();
        try {
            Files.writeString(dir.resolve("postmaster.pid"), impostor.pid() + "\n" + dir + "\n1700000000\n5432\n");

            try (EmbeddedPostgresServer second = EmbeddedPostgresServer.start(dir, 0)) {
                assertThat(impostor.isAlive()).as("a process not running on this directory is never signalled")
                        .isTrue();
                try (Connection connection = DriverManager.getConnection(second.jdbcUrl(), "postgres", "");
                     ResultSet one = connection.createStatement().executeQuery("SELECT 1")) {
                    assertThat(one.next()).isTrue();
                }
            }
            assertThat(impostor.isAlive()).isTrue();
        } finally {
            impostor.destroyForcibly();
            impostor.waitFor();
        }
    }

    @Test
    void theServerRunsWithDurableCommitsAndCheckpointsLessOftenThanByDefault() throws Exception {
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(ROOT.resolve("settings").toAbsolutePath(), 0);
             Connection connection = DriverManager.getConnection(server.jdbcUrl(), "postgres", "");
             ResultSet settings = connection.createStatement().executeQuery("""
                     SELECT string_agg(name || '=' || current_setting(name), ' ' ORDER BY name) FROM pg_settings
                     WHERE name IN ('fsync', 'synchronous_commit', 'full_page_writes', 'max_wal_size',
                                    'checkpoint_timeout')""")) {
            assertThat(settings.next()).isTrue();
            assertThat(settings.getString(1)).isEqualTo("checkpoint_timeout=15min fsync=on full_page_writes=on "
                    + "max_wal_size=4GB synchronous_commit=on");
        }
    }

    /** A harmless program (sleep) under the name {@code postgres}, as a reused pid could look. */
    private static Process impostorCalledPostgres() throws Exception {
        Path sleep = Files.exists(Path.of("/bin/sleep")) ? Path.of("/bin/sleep") : Path.of("/usr/bin/sleep");
        Path bin = Files.createDirectories(ROOT.resolve("impostor").resolve("bin"));
        Path postgres = Files.copy(sleep, bin.resolve("postgres"));
        assertThat(postgres.toFile().setExecutable(true)).isTrue();
        return new ProcessBuilder(postgres.toAbsolutePath().toString(), "600").start();
    }
}
