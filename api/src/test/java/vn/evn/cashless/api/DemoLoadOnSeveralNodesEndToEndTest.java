package vn.evn.cashless.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static vn.evn.cashless.api.support.Reads.indicator;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import vn.evn.cashless.api.support.Http;
import vn.evn.cashless.api.support.Reads;
import vn.evn.cashless.api.support.RunningApplication;
import vn.evn.cashless.api.support.SharedDatabase;
import vn.evn.cashless.application.demo.BacMeDemo;

/**
 * The demo load is work for one node at a time: two nodes started with the demo on one database load it once, and
 * when the node loading it dies (SIGKILL), the other resumes it right after the last batch stored. A batch half
 * stored, or one loaded twice, would make the resumed load fail on what exists already, or change the figures.
 */
class DemoLoadOnSeveralNodesEndToEndTest {

    private static final Path ROOT = Path.of("target", "demo-several-nodes", UUID.randomUUID().toString());
    private static final String LOADING = "Loading demo data";

    @Test
    void theNodeLoadingTheDemoDiesAndAnotherFinishesItOnce() throws Exception {
        try (SharedDatabase database = SharedDatabase.start()) {
            RunningApplication first = database.node(ROOT.resolve("first"), List.of(), "--spring.profiles.active=demo");
            RunningApplication second = database.node(ROOT.resolve("second"), List.of(),
                    "--spring.profiles.active=demo");
            try {
                await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(500)).until(() ->
                        first.http().get("/api/status").json().get("demo").get("batchesDone").asInt() >= 30);
                RunningApplication loader = loads(first) ? first : second;
                RunningApplication survivor = loader == first ? second : first;
                assertThat(loads(survivor)).as("only one node loads").isFalse();
                int doneBeforeKill = survivor.http().get("/api/status").json().get("demo").get("batchesDone")
                        .asInt();
                loader.kill();

                Reads.awaitDemoLoaded(survivor.http());
                assertThat(survivor.log()).contains(LOADING + " bac-me-2021-h1 from batch");
                long commands = 0;
                for (Iterator<Object> all = new BacMeDemo().commands(); all.hasNext(); all.next()) {
                    commands++;
                }
                // counted, not read off the head: a batch the kill cut off may have drawn positions it never used
                long events = survivor.http().countLines("/api/audit/events");
                assertThat(events).as("one event per command of the demo, none twice").isEqualTo(commands);
                Http http = survivor.http();
                JsonNode progress = http.get("/api/plans/BM/2021-H1/progress").json();
                assertThat(indicator(progress, "cashlessAmountRatio").get("actual").decimalValue())
                        .isEqualByComparingTo("82.27");
                assertThat(indicator(progress, "cashlessPaymentRatio").get("actual").decimalValue())
                        .isEqualByComparingTo("22.79");
                assertThat(progress.get("totals").get("cashlessPayments").asLong()).isEqualTo(5_082 + 7_222);
                assertThat(http.get("/api/branches/BM/coverage?period=2021-H1").json().get("communes"))
                        .hasSize(13);
                System.out.printf("Demo load on two nodes: the loading node was killed after %d batches; the other "
                        + "resumed and finished it (%d events, one per command)%n", doneBeforeKill, events);
            } finally {
                first.close();
                second.close();
            }
        }
    }

    private static boolean loads(RunningApplication node) throws IOException {
        return node.log().contains(LOADING);
    }
}
