package vn.evn.cashless.application.infrastructure;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;

/**
 * The default database: a PostgreSQL server the application starts itself. Stands aside as soon as
 * {@code spring.datasource.url} names an external server.
 */
@AutoConfiguration(beforeName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
@Conditional(NoDataSourceUrlCondition.class)
@EnableConfigurationProperties(LedgerProperties.class)
public class EmbeddedPostgresAutoConfiguration {

    @Bean(destroyMethod = "close")
    EmbeddedPostgresServer embeddedPostgresServer(LedgerProperties properties) {
        LedgerProperties.EmbeddedPostgres settings = properties.embeddedPostgres();
        return EmbeddedPostgresServer.start(settings.dataDir(), settings.port());
    }

    @Bean(destroyMethod = "close")
    DataSource dataSource(EmbeddedPostgresServer server) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(server.jdbcUrl());
        config.setUsername("postgres");
        config.setPoolName("ledger");
        config.setMaximumPoolSize(20);
        return new HikariDataSource(config);
    }
}
