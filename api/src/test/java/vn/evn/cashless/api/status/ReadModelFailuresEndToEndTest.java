package vn.evn.cashless.api.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import vn.evn.cashless.api.LedgerApplication;
import vn.evn.cashless.api.support.Http;
import vn.evn.cashless.api.support.Tester;
import vn.evn.cashless.domain.customer.CustomerRegistered;
import vn.evn.cashless.domain.organisation.BranchCreated;

/**
 * A read model never skips an event: a handler that fails stops its read model at that event, which is applied
 * again until it succeeds; one that keeps failing shows in health and status while the other read models go on.
 * The failing handlers live in this class's own application, on a data directory of its own, and are thrown away
 * with it.
 */
@SpringBootTest(classes = LedgerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(ReadModelFailuresEndToEndTest.FailingHandlers.class)
@DirtiesContext
class ReadModelFailuresEndToEndTest {

    private static final Path DATA = Path.of("target", "e2e-data", "failures-" + UUID.randomUUID());
    private static final String FLAKY = "flaky";
    private static final String BROKEN = "broken";
    private static final Duration PATIENCE = Duration.ofSeconds(90);

    /** Fails the first three times it sees a branch named {@value #FLAKY}, in the organisation read model. */
    @ProcessingGroup("organisation")
    static final class FlakyOrganisationHandler {

        final AtomicInteger failures = new AtomicInteger();
        final AtomicInteger successes = new AtomicInteger();

        @EventHandler
        void on(BranchCreated event) {
            if (event.name().contains(FLAKY)) {
                if (failures.get() < 3) {
                    failures.incrementAndGet();
                    throw new IllegalStateException("the organisation read model cannot take this branch yet");
                }
                successes.incrementAndGet();
            }
        }
    }

    /** Always fails on a customer named {@value #BROKEN}, in the customers read model. */
    @ProcessingGroup("customers")
    static final class BrokenCustomersHandler {

        @EventHandler
        void on(CustomerRegistered event) {
            if (event.name().contains(BROKEN)) {
                throw new IllegalStateException("the customers read model cannot take customer " + event.customer());
            }
        }
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class FailingHandlers {

        @Bean
        FlakyOrganisationHandler flakyOrganisationHandler() {
            return new FlakyOrganisationHandler();
        }

        @Bean
        BrokenCustomersHandler brokenCustomersHandler() {
            return new BrokenCustomersHandler();
        }
    }

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("ledger.embedded-postgres.data-dir", DATA::toString);
        Tester.register(registry);
    }

    @LocalServerPort
    private int port;

    @Autowired
    private FlakyOrganisationHandler flaky;

    private Http http() {
        return new Http(port);
    }

    @Test
    void anEventThatFailsIsAppliedAgainUntilItSucceedsAndNothingIsSkipped() {
        List<String> branches = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String code = "F" + i;
            String name = i == 2 ? "Điện lực " + FLAKY : "Điện lực " + code;
            assertThat(http().post("/api/branches", Map.of("code", code, "name", name, "company", "PC Hà Giang"))
                    .status()).isEqualTo(201);
            branches.add(code);
        }

        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).until(() -> branches.stream()
                .allMatch(code -> http().get("/api/branches/" + code).status() == 200));

        assertThat(flaky.failures).hasValue(3);
        assertThat(flaky.successes).as("applied once, after the failures").hasValue(1);
        assertThat(http().get("/api/branches/F2").json().get("name").asString()).isEqualTo("Điện lực " + FLAKY);
        await().atMost(PATIENCE).until(() -> !failing("organisation"));
    }

    @Test
    void aReadModelThatKeepsFailingIsShownAndTheOthersGoOn() {
        assertThat(http().post("/api/branches", Map.of("code", "BRK", "name", "Điện lực BRK",
                "company", "PC Hà Giang")).status()).isEqualTo(201);
        assertThat(http().post("/api/branches/BRK/communes", Map.of("code", "77001", "name", "Xã Một",
                "kind", "COMMUNE")).status()).isEqualTo(201);
        String customer = "PA20BRK000001";
        assertThat(http().post("/api/customers", Map.of("code", customer, "name", "Khách " + BROKEN,
                "branch", "BRK", "commune", "77001")).status()).isEqualTo(201);
        long failingPosition = http().get("/api/status").json().get("head").asLong();
        assertThat(http().post("/api/bills", Map.of("customer", customer, "period", "2021-06", "amount", 1000,
                "dueDate", "2021-06-25")).status()).isEqualTo(201);

        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).until(() -> failing("customers"));
        Http.Response health = http().get("/actuator/health");
        assertThat(health.status()).isEqualTo(503);
        JsonNode readModels = health.json().get("components").get("readModels");
        assertThat(readModels.get("status").asString()).isEqualTo("DOWN");
        assertThat(readModels.get("details").get("readModel").asString()).isEqualTo("customers");
        assertThat(readModels.get("details").get("position").asLong()).isEqualTo(failingPosition);
        assertThat(readModels.get("details").get("error").asString())
                .contains("cannot take customer " + customer);
        // times in Vietnamese local time, as everywhere in the answers
        assertThat(readModels.get("details").get("since").asString()).endsWith("+07:00");
        assertThat(readModels.get("details").get("failures").get(0).get("since").asString()).endsWith("+07:00");

        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            JsonNode status = http().get("/api/status").json();
            long head = status.get("head").asLong();
            for (JsonNode processor : status.get("processors")) {
                if (processor.get("name").asString().equals("customers")) {
                    assertThat(processor.get("caughtUp").asBoolean()).isFalse();
                    assertThat(processor.get("error").get("position").asLong()).isEqualTo(failingPosition);
                    assertThat(processor.get("error").get("readModel").asString()).isEqualTo("customers");
                    assertThat(processor.get("error").get("since").asString()).endsWith("+07:00");
                } else {
                    assertThat(processor.get("position").asLong()).as(processor.toString()).isEqualTo(head);
                    assertThat(processor.get("error").isNull()).isTrue();
                }
            }
        });
        assertThat(http().get("/api/customers/" + customer).status()).as("never skipped past").isEqualTo(404);
    }

    private boolean failing(String readModel) {
        JsonNode readModels = http().get("/actuator/health").json().get("components").get("readModels");
        return readModels.get("status").asString().equals("DOWN")
                && readModels.get("details").get("failures").toString().contains("\"" + readModel + "\"");
    }
}
