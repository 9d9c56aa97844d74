package vn.evn.cashless.application.infrastructure;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;

/**
 * The default database: a PostgreSQL server the application starts itself. Stands aside as soon as
 * {@code spring.datasource.url} names an external server. The migrations run as the server's owner
 * ({@code postgres}); the application's pool connects as {@value #APPLICATION_ROLE}, which may not change or
 * remove events (see V7__application_role.sql). The server lets local users in without a password.
 */
@AutoConfiguration(beforeName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
@Conditional(NoDataSourceUrlCondition.class)
@EnableConfigurationProperties(LedgerProperties.class)
public class EmbeddedPostgresAutoConfiguration {

    /** The role the application connects as; made by a migration. */
    public static final String APPLICATION_ROLE = "ledger_app";
    /** The role that owns the schema and runs the migrations. */
    public static final String OWNER = "postgres";

    @Bean(destroyMethod = "close")
    EmbeddedPostgresServer embeddedPostgresServer(LedgerProperties properties) {
        LedgerProperties.EmbeddedPostgres settings = properties.embeddedPostgres();
        return EmbeddedPostgresServer.start(settings.dataDir(), settings.port());
    }

    @Bean(destroyMethod = "close")
    DataSource dataSource(EmbeddedPostgresServer server) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(server.jdbcUrl());
        config.setUsername(APPLICATION_ROLE);
        config.setPoolName("ledger");
        config.setMaximumPoolSize(20);
        // Not new HikariDataSource(config): that connects at once, before the migration that makes the role.
        HikariDataSource pool = new HikariDataSource();
        config.copyStateTo(pool);
        return pool;
    }

    /** Flyway connects on its own, as the owner: the application's role may not create or alter anything. */
    @Bean
    FlywayConfigurationCustomizer migrateAsOwner(EmbeddedPostgresServer server) {
        return flyway -> flyway.dataSource(server.jdbcUrl(), OWNER, "");
    }
}
