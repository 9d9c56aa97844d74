package vn.evn.cashless.application.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import org.flywaydb.core.Flyway;

/** A real PostgreSQL of a test's own, with the ledger's schema migrated as the application migrates it. */
public final class MigratedPostgres {

    private MigratedPostgres() {
    }

    /** Started, fsync off (nothing here outlives the test), migrated; the application's role is {@code ledger_app}. */
    public static EmbeddedPostgres start() throws IOException {
        EmbeddedPostgres postgres = EmbeddedPostgres.builder().setServerConfig("fsync", "off").start();
        Flyway.configure().dataSource(postgres.getPostgresDatabase()).locations("classpath:db/migration").load()
                .migrate();
        return postgres;
    }
}
