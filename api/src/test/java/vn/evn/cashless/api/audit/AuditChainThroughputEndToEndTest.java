package vn.evn.cashless.api.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import vn.evn.cashless.api.support.EndToEndTest;

/**
 * A few thousand events made through the API, then verified a few times: prints the events per second a
 * verification reaches over HTTP. Measures, asserts no speed.
 */
class AuditChainThroughputEndToEndTest extends EndToEndTest {

    private static final int CUSTOMERS = 1_000;

    @Test
    void printsHowFastAVerificationRuns() throws Exception {
        String commune = uniqueCommuneCode();
        String branch = branchWith(commune);
        ExecutorService clients = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> made = new ArrayList<>();
            for (int i = 0; i < CUSTOMERS; i++) {
                made.add(clients.submit(() -> {
                    String customer = customer(branch, commune);
                    paidBill(customer, "2021-06", 250_000, "BANK", "Agribank", "2021-06-15T03:00:00Z");
                }));
            }
            for (Future<?> one : made) {
                one.get();
            }
        } finally {
            clients.shutdown();
        }
        long stored = eventCount();
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(50))
                .until(() -> http().get("/api/audit/head").json().get("position").asLong() >= stored);

        for (int run = 1; run <= 3; run++) {
            JsonNode verdict = http().get("/api/audit/verify").json();
            assertThat(verdict.get("verified").asBoolean()).as(verdict.toString()).isTrue();
            long events = verdict.get("events").asLong();
            long millis = verdict.get("millis").asLong();
            System.out.printf("Audit chain verification %d: %,d events in %,d ms, %,.0f events/s%n", run, events,
                    millis, events * 1000.0 / Math.max(1, millis));
        }
    }
}
