package vn.evn.cashless.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import vn.evn.cashless.api.support.EndToEndTest;
import vn.evn.cashless.api.support.Http;
import vn.evn.cashless.api.support.PaymentNotification;

/**
 * The OpenAPI description tells the truth: every endpoint is there with its schemas, and every rejection a client
 * really meets (driven here over HTTP) is one the description lists for that operation. The metrics count what
 * happened.
 */
class ApiDescriptionEndToEndTest extends EndToEndTest {

    /** A request really sent, and the status it got. */
    record Observed(String method, String path, int status) {
    }

    @Test
    void theDescriptionListsEveryEndpointWithItsSchemasAndIsOpenToAll() {
        Http.Response docs = http().anonymous().get("/v3/api-docs");
        assertThat(docs.status()).as(docs.toString()).isEqualTo(200);
        JsonNode paths = docs.json().get("paths");
        assertThat(paths).as(docs.raw().body()).isNotNull();
        for (String path : List.of("/api/payments", "/api/payments/{id}", "/api/payments/{id}/reversal",
                "/api/bills", "/api/customers", "/api/customers/{code}", "/api/customers/{code}/payments",
                "/api/branches", "/api/branches/{branch}", "/api/branches/{branch}/coverage",
                "/api/branches/{branch}/channels", "/api/plans/{branch}/{period}",
                "/api/plans/{branch}/{period}/progress", "/api/audit/events", "/api/audit/verify",
                "/api/admin/projections", "/api/admin/jobs/{id}", "/api/status")) {
            assertThat(paths.has(path)).as(path + " described").isTrue();
        }
        SoftAssertions softly = new SoftAssertions();
        paths.properties().forEach(path -> path.getValue().properties().forEach(operation -> {
            String name = operation.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey();
            JsonNode responses = operation.getValue().get("responses");
            softly.assertThat(responses.propertyNames().stream().anyMatch(code -> code.startsWith("2")))
                    .as(name + " has a success response").isTrue();
            if (path.getKey().startsWith("/api/")) {
                softly.assertThat(responses.has("401")).as(name + " says it needs sign-in").isTrue();
                softly.assertThat(responses.get("401").at("/content/application~1problem+json/schema/$ref")
                        .asString()).as(name + " 401 body").isEqualTo("#/components/schemas/Problem");
            }
            JsonNode body = operation.getValue().at("/requestBody/content/application~1json/schema");
            if (!body.isMissingNode()) {
                softly.assertThat(body.has("$ref") || body.has("type")).as(name + " request schema").isTrue();
            }
        }));
        softly.assertAll();
        JsonNode payment = docs.json().at("/components/schemas/NewPayment/properties");
        assertThat(payment.propertyNames()).contains("customer", "period", "amount", "kind", "provider",
                "externalRef", "paidAt");

        Http.Response tryIt = http().anonymous().get("/swagger-ui/index.html");
        assertThat(tryIt.status()).isEqualTo(200);
        assertThat(tryIt.raw().body()).contains("swagger-ui");
    }

    @Test
    void everyRejectionMetIsOneTheDescriptionLists() {
        String commune = uniqueCommuneCode();
        String branch = branchWith(commune);
        String customer = customer(branch, commune);
        bill(customer, "2021-06", 100_000);
        List<Observed> observed = new ArrayList<>();
        Http http = http();

        observed.add(send(http.anonymous(), "GET", "/api/branches/" + branch, null, Map.of()));
        observed.add(send(http.anonymous(), "GET", "/api/status", null, Map.of()));
        observed.add(send(http.as("viewer", "viewer"), "GET", "/api/audit/head", null, Map.of()));
        observed.add(send(http.as("viewer", "viewer"), "POST", "/api/payments",
                PaymentNotification.body(customer, "2021-06", 1, "BANK", "Agribank", "R-1", null), Map.of()));
        observed.add(send(http, "GET", "/api/branches/" + uniqueBranchCode(), null, Map.of()));
        observed.add(send(http, "GET", "/api/branches/bad!code", null, Map.of()));
        observed.add(send(http, "GET", "/api/branches/" + branch + "/coverage", null, Map.of()));
        observed.add(send(http, "GET", "/api/customers/" + uniqueCustomerCode(), null, Map.of()));
        observed.add(send(http, "GET", "/api/payments/nothing-here", null, Map.of()));
        observed.add(send(http, "POST", "/api/payments", "{not json", Map.of()));
        observed.add(send(http, "POST", "/api/payments", "a=b", Map.of("Content-Type", "text/plain")));
        observed.add(send(http, "POST", "/api/payments", "{\"customer\":\"" + "x".repeat(70_000) + "\"}",
                Map.of()));
        observed.add(send(http, "POST", "/api/payments",
                PaymentNotification.body(customer, "2021-06", 500_000, "BANK", "Agribank", "R-2", null), Map.of()));
        observed.add(send(http, "POST", "/api/branches",
                Map.of("code", branch, "name", "Điện lực", "company", "PC Hà Giang"), Map.of()));
        observed.add(send(http, "PUT", "/api/plans/" + branch + "/2021-H1", Map.of("targets", "x"), Map.of()));
        observed.add(send(http, "POST", "/api/admin/projections/no-such-thing/rebuild", null, Map.of()));
        observed.add(send(http, "GET", "/api/admin/jobs/not-a-job", null, Map.of()));

        assertThat(observed).extracting(Observed::status)
                .contains(400, 401, 403, 404, 409, 413, 415, 422);
        JsonNode paths = http().anonymous().get("/v3/api-docs").json().get("paths");
        SoftAssertions softly = new SoftAssertions();
        for (Observed seen : observed) {
            JsonNode operation = operation(paths, seen);
            softly.assertThat(operation).as(seen + " is described").isNotNull();
            if (operation != null) {
                softly.assertThat(operation.get("responses").has(String.valueOf(seen.status())))
                        .as(seen + " lists its status").isTrue();
            }
        }
        softly.assertAll();
    }

    @Test
    void theMetricsCountPaymentsRejectionsAndLagForAdminsOnly() {
        String commune = uniqueCommuneCode();
        String branch = branchWith(commune);
        String customer = customer(branch, commune);
        bill(customer, "2021-06", 100_000);
        Map<String, Double> before = metrics();

        Map<String, Object> payment = PaymentNotification.body(customer, "2021-06", 40_000, "BANK", "Agribank",
                "M-" + customer, null);
        assertThat(http().post("/api/payments", payment).status()).isEqualTo(201);
        assertThat(http().post("/api/payments", payment).status()).isEqualTo(200);
        assertThat(http().post("/api/payments", PaymentNotification.body(customer, "2021-06", 900_000, "BANK",
                "Agribank", "M2-" + customer, null)).status()).isEqualTo(422);
        assertThat(http().anonymous().get("/api/status").status()).isEqualTo(401);
        awaitReadModels();

        Map<String, Double> after = metrics();
        String recorded = "ledger_payments_total{outcome=\"recorded\",via=\"api\"}";
        String duplicate = "ledger_payments_total{outcome=\"duplicate\",via=\"api\"}";
        String above = "ledger_rejections_total{code=\"PAYMENT_ABOVE_OUTSTANDING\",status=\"422\"}";
        String unauthenticated = "ledger_rejections_total{code=\"UNAUTHENTICATED\",status=\"401\"}";
        // the tests of this class share the application with others that may run meanwhile: at least ours
        assertThat(after.get(recorded) - before.getOrDefault(recorded, 0.0)).isGreaterThanOrEqualTo(1);
        assertThat(after.get(duplicate) - before.getOrDefault(duplicate, 0.0)).isGreaterThanOrEqualTo(1);
        assertThat(after.get(above) - before.getOrDefault(above, 0.0)).isGreaterThanOrEqualTo(1);
        assertThat(after.get(unauthenticated) - before.getOrDefault(unauthenticated, 0.0)).isGreaterThanOrEqualTo(1);
        for (String group : List.of("organisation", "customers", "payments", "figures", "audit-chain")) {
            assertThat(after).containsKey("ledger_projection_lag_events{group=\"" + group + "\"}");
        }

        assertThat(http().anonymous().get("/actuator/prometheus").status()).isEqualTo(401);
        assertThat(http().as("viewer", "viewer").get("/actuator/prometheus").status()).isEqualTo(403);
    }

    @Test
    void theHttpServerIsTimedAndSpringSecuritysOwnObservationsAreOff() {
        assertThat(http().as("viewer", "viewer").get("/api/branches").status()).isEqualTo(200);
        String scraped = http().get("/actuator/prometheus").raw().body();
        assertThat(scraped).contains("http_server_requests_seconds_count{");
        // switched off in application.yml: nothing reads them, and they cost a fifth of the signed-in reads per second
        assertThat(scraped).doesNotContain("spring_security_");
    }

    private Map<String, Double> metrics() {
        Http.Response scraped = http().get("/actuator/prometheus");
        assertThat(scraped.status()).as(scraped.toString()).isEqualTo(200);
        Map<String, Double> samples = new LinkedHashMap<>();
        for (String line : scraped.raw().body().split("\n")) {
            if (line.startsWith("ledger_")) {
                int space = line.lastIndexOf(' ');
                samples.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
            }
        }
        return samples;
    }

    private static Observed send(Http http, String method, String path, Object body, Map<String, String> headers) {
        Http.Response response = http.request(method, path, body, headers);
        return new Observed(method, path, response.status());
    }

    /** The described operation whose path template matches {@code seen}'s path, the most literal one first. */
    private static JsonNode operation(JsonNode paths, Observed seen) {
        JsonNode best = null;
        int bestLiterals = -1;
        for (Map.Entry<String, JsonNode> entry : paths.properties()) {
            Matcher template = Pattern.compile("\\{[^}]+}").matcher(entry.getKey());
            String regex = template.replaceAll("[^/]+");
            if (Pattern.matches(regex, seen.path().replaceFirst("\\?.*", ""))
                    && entry.getValue().has(seen.method().toLowerCase(Locale.ROOT))) {
                int literals = entry.getKey().replaceAll("\\{[^}]+}", "").length();
                if (literals > bestLiterals) {
                    best = entry.getValue().get(seen.method().toLowerCase(Locale.ROOT));
                    bestLiterals = literals;
                }
            }
        }
        return best;
    }
}
