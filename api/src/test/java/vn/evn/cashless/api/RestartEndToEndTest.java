package vn.evn.cashless.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import vn.evn.cashless.api.support.Http;
import vn.evn.cashless.api.support.Reads;
import vn.evn.cashless.api.support.RunningApplication;

/**
 * What was acknowledged survives: a kill right after the answer, and an orderly restart, on the same data
 * directory, lose nothing, and a resent notification is still recognised afterwards.
 */
class RestartEndToEndTest {

    private static final Path DATA = Path.of("target", "restart-data", UUID.randomUUID().toString(), "postgres");

    @Test
    void everythingAcknowledgedSurvivesAKillAndARestart() throws Exception {
        String paymentId;
        Map<String, Object> payment = new LinkedHashMap<>();
        payment.put("customer", "PA20BM0009999");
        payment.put("period", "2021-06");
        payment.put("amount", 512_000);
        payment.put("kind", "E_WALLET");
        payment.put("provider", "MoMo");
        payment.put("externalRef", "MOMO-RESTART");
        payment.put("paidAt", "2021-06-30T17:30:00Z");

        RunningApplication first = RunningApplication.start(DATA);
        try {
            Http http = first.http();
            assertThat(http.post("/api/branches", Map.of("code", "BM", "name", "Điện lực Bắc Mê",
                    "company", "PC Hà Giang")).status()).isEqualTo(201);
            assertThat(http.post("/api/branches/BM/communes", Map.of("code", "01018", "name", "Xã Phiêng Luông",
                    "kind", "COMMUNE")).status()).isEqualTo(201);
            assertThat(http.post("/api/customers", Map.of("code", "PA20BM0009999", "name", "Sùng Mí Páo",
                    "branch", "BM", "commune", "01018", "registeredAt", "2019-03-01T00:00:00Z")).status())
                    .isEqualTo(201);
            assertThat(http.post("/api/bills", Map.of("customer", "PA20BM0009999", "period", "2021-06",
                    "amount", 512_000, "dueDate", "2021-06-25")).status()).isEqualTo(201);
            Http.Response paid = http.post("/api/payments", payment);
            assertThat(paid.status()).isEqualTo(201);
            paymentId = paid.json().get("id").asString();
        } finally {
            first.kill();
        }

        RunningApplication second = RunningApplication.start(DATA);
        try {
            Http http = second.http();
            Http.Response resent = http.post("/api/payments", payment);
            assertThat(resent.status()).isEqualTo(200);
            assertThat(resent.json().get("id").asString()).isEqualTo(paymentId);
            assertThat(http.post("/api/branches", Map.of("code", "BM", "name", "again", "company", "PC Hà Giang"))
                    .status()).isEqualTo(409);
            Reads.awaitCaughtUp(http);
            assertPaymentVisible(http, paymentId);
        } finally {
            second.close();
        }

        RunningApplication third = RunningApplication.start(DATA);
        try {
            Http http = third.http();
            Reads.awaitCaughtUp(http);
            assertPaymentVisible(http, paymentId);
            JsonNode coverage = http.get("/api/branches/BM/coverage?period=2021-07").json();
            assertThat(coverage.get("communes").get(0).get("name").asString()).isEqualTo("Xã Phiêng Luông");
            assertThat(coverage.get("totals").get("cashlessAmount").asLong()).isEqualTo(512_000);
        } finally {
            third.close();
        }
    }

    private static void assertPaymentVisible(Http http, String paymentId) {
        JsonNode customer = http.get("/api/customers/PA20BM0009999").json();
        assertThat(customer.get("name").asString()).isEqualTo("Sùng Mí Páo");
        JsonNode payments = http.get("/api/customers/PA20BM0009999/payments").json().get("payments");
        assertThat(payments).hasSize(1);
        assertThat(payments.get(0).get("id").asString()).isEqualTo(paymentId);
    }
}
