package vn.evn.cashless.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import vn.evn.cashless.api.support.RunningApplication;

/** A second application on a data directory a running one owns refuses to start, and says why in one line. */
class DataDirectoryInUseEndToEndTest {

    private static final Path DATA = Path.of("target", "in-use-data", UUID.randomUUID().toString(), "postgres");

    @Test
    void aSecondStartOnADataDirectoryInUseSaysSoInOneLine() throws Exception {
        try (RunningApplication owner = RunningApplication.start(DATA)) {
            String log = RunningApplication.failedStart(DATA);

            assertThat(log).contains("is in use by another running instance of the application")
                    .contains("APPLICATION FAILED TO START")
                    .doesNotContain("Error creating bean")
                    .doesNotContain("\tat ");
            assertThat(owner.isAlive()).isTrue();
            assertThat(owner.http().get("/api/status").status()).as("the owner goes on").isEqualTo(200);
        }
    }
}
