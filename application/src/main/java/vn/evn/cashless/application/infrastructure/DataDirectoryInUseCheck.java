package vn.evn.cashless.application.infrastructure;

import java.nio.file.Path;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * Looks at the embedded server's data directory as soon as the settings are known, before any bean is made, so
 * that a directory in use stops the start with the one-line report alone (the embedded server checks again when it
 * starts). Nothing to do when an external database is configured.
 */
public class DataDirectoryInUseCheck implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        Environment environment = event.getEnvironment();
        if (StringUtils.hasText(environment.getProperty("spring.datasource.url"))) {
            return;
        }
        String dataDir = environment.getProperty("ledger.embedded-postgres.data-dir");
        if (StringUtils.hasText(dataDir)) {
            EmbeddedPostgresServer.failIfInUse(Path.of(dataDir).toAbsolutePath().normalize());
        }
    }
}
