package vn.evn.cashless.application.infrastructure;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings under {@code ledger.*}.
 *
 * @param embeddedPostgres the PostgreSQL server the application starts itself when no
 *                         {@code spring.datasource.url} is set
 */
@ConfigurationProperties("ledger")
public record LedgerProperties(@DefaultValue EmbeddedPostgres embeddedPostgres) {

    /**
     * @param dataDir where the embedded server keeps its data, across restarts
     * @param port    the port it listens on (on the loopback interface); 0 picks a free one
     */
    public record EmbeddedPostgres(@DefaultValue("./data/postgres") Path dataDir, @DefaultValue("0") int port) {
    }
}
