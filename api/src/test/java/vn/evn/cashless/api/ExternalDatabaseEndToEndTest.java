package vn.evn.cashless.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import vn.evn.cashless.api.support.RunningApplication;

/**
 * With SPRING_DATASOURCE_URL set, the application uses that server, migrates it as the owner, connects as the
 * application's role, and starts no database itself.
 */
class ExternalDatabaseEndToEndTest {

    @Test
    void aConfiguredServerIsUsedInsteadOfTheEmbeddedOne() throws Exception {
        Path root = Path.of("target", "external-db", UUID.randomUUID().toString());
        Path unusedDataDir = root.resolve("postgres");
        try (EmbeddedPostgres server = EmbeddedPostgres.builder().start()) {
            Map<String, String> environment = Map.of(
                    "SPRING_DATASOURCE_URL", "jdbc:postgresql://localhost:" + server.getPort() + "/postgres",
                    "SPRING_DATASOURCE_USERNAME", "ledger_app",
                    "SPRING_FLYWAY_USER", "postgres");
            JdbcTemplate jdbc = new JdbcTemplate(server.getPostgresDatabase());
            try (RunningApplication application = RunningApplication.start(unusedDataDir, environment)) {
                assertThat(application.http().post("/api/branches", Map.of("code", "BM", "name", "Điện lực Bắc Mê",
                        "company", "PC Hà Giang")).status()).isEqualTo(201);
                assertThat(jdbc.queryForList("SELECT DISTINCT usename FROM pg_stat_activity "
                        + "WHERE application_name = 'PostgreSQL JDBC Driver' AND pid <> pg_backend_pid()",
                        String.class)).containsExactly("ledger_app");
            }
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM domainevententry WHERE aggregateidentifier = 'BM'",
                    Long.class)).isEqualTo(1);
            assertThat(Files.exists(unusedDataDir.resolve("PG_VERSION"))).isFalse();
        }
    }
}
