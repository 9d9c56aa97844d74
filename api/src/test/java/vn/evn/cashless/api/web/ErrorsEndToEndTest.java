package vn.evn.cashless.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import vn.evn.cashless.api.support.EndToEndTest;
import vn.evn.cashless.api.support.Http;

/**
 * Every rejection is an RFC 9457 problem naming the field and the reason, with the right status, and stores
 * nothing: the event store's head does not move.
 */
class ErrorsEndToEndTest extends EndToEndTest {

    private Http.Response assertRejected(int status, String code, String field, Supplier<Http.Response> request) {
        long before = eventCount();
        Http.Response response = request.get();
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("status").asInt()).isEqualTo(status);
        assertThat(response.json().get("type").asString()).startsWith("urn:cashless-ledger:problem:");
        assertThat(response.json().get("code").asString()).isEqualTo(code);
        if (field != null) {
            assertThat(response.json().get("field").asString()).isEqualTo(field);
        }
        assertThat(response.json().get("detail").asString()).isNotBlank();
        assertThat(eventCount()).as("nothing stored").isEqualTo(before);
        return response;
    }

    private static String reason(Http.Response response) {
        return response.json().get("reason").asString();
    }

    private Map<String, Object> payment(String customer, Object amount) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("customer", customer);
        body.put("period", "2021-06");
        body.put("amount", amount);
        body.put("kind", "BANK");
        body.put("provider", "Agribank");
        body.put("externalRef", "E-" + System.nanoTime());
        body.put("paidAt", "2021-06-10T03:00:00Z");
        return body;
    }

    @Test
    void malformedOrInvalidInputIs400() {
        String commune = uniqueCommuneCode();
        String branch = branchWith(commune);
        String customer = customer(branch, commune);
        bill(customer, "2021-06", 500_000);

        assertRejected(400, "INVALID_VALUE", "code", () -> http().post("/api/branches",
                Map.of("code", "bm!", "name", "x", "company", "y")));
        assertRejected(400, "INVALID_VALUE", "code", () -> http().post("/api/branches/" + branch + "/communes",
                Map.of("code", "991", "name", "x", "kind", "COMMUNE")));
        assertRejected(400, "INVALID_VALUE", "kind", () -> http().post("/api/branches/" + branch + "/communes",
                Map.of("code", uniqueCommuneCode(), "name", "x", "kind", "VILLAGE")));
        assertRejected(400, "INVALID_VALUE", "code", () -> http().post("/api/customers", Map.of("code", "12345",
                "name", "x", "branch", branch, "commune", commune)));
        assertRejected(400, "INVALID_VALUE", "name", () -> http().post("/api/customers",
                Map.of("code", uniqueCustomerCode(), "name", " ", "branch", branch, "commune", commune)));
        assertRejected(400, "INVALID_VALUE", "registeredAt", () -> http().post("/api/customers",
                Map.of("code", uniqueCustomerCode(), "name", "x", "branch", branch, "commune", commune,
                        "registeredAt", "yesterday")));
        assertRejected(400, "INVALID_VALUE", "registeredAt", () -> http().post("/api/customers",
                Map.of("code", uniqueCustomerCode(), "name", "x", "branch", branch, "commune", commune,
                        "registeredAt", "2021-06-10T03:00:00")));
        assertRejected(400, "INVALID_VALUE", "paidAt", () -> {
            Map<String, Object> body = payment(customer, 1000);
            body.put("paidAt", "2999-01-01T00:00:00Z");
            return http().post("/api/payments", body);
        });
        assertRejected(400, "INVALID_VALUE", "paidAt", () -> {
            Map<String, Object> body = payment(customer, 1000);
            body.put("paidAt", "-5000-01-01T00:00:00Z");
            return http().post("/api/payments", body);
        });
        assertRejected(400, "INVALID_VALUE", "amount", () -> http().post("/api/payments", payment(customer, 0)));
        assertRejected(400, "INVALID_VALUE", "amount", () -> http().post("/api/payments", payment(customer, -5)));
        assertRejected(400, "INVALID_VALUE", "amount", () -> http().post("/api/payments", payment(customer, 10.5)));
        assertRejected(400, "INVALID_VALUE", "amount", () -> http().post("/api/payments", payment(customer, "ten")));
        assertRejected(400, "INVALID_VALUE", "amount", () -> http().post("/api/payments", payment(customer, "10")));
        assertRejected(400, "INVALID_VALUE", "kind", () -> {
            Map<String, Object> body = payment(customer, 1000);
            body.put("kind", "CRYPTO");
            return http().post("/api/payments", body);
        });
        assertRejected(400, "INVALID_VALUE", "period", () -> {
            Map<String, Object> body = payment(customer, 1000);
            body.put("period", "2021-13");
            return http().post("/api/payments", body);
        });
        assertRejected(400, "INVALID_VALUE", "externalRef", () -> {
            Map<String, Object> body = payment(customer, 1000);
            body.remove("externalRef");
            return http().post("/api/payments", body);
        });
        assertRejected(400, "INVALID_VALUE", null, () -> http().post("/api/payments", "{\"customer\": "));
        assertRejected(400, "INVALID_VALUE", "period", () -> http().get("/api/branches/" + branch
                + "/coverage?period=2021-H3"));
        assertRejected(400, "INVALID_VALUE", "period", () -> http().get("/api/branches/" + branch + "/coverage"));
        assertRejected(400, "INVALID_VALUE", "dueDate", () -> http().post("/api/bills", Map.of("customer", customer,
                "period", "2021-07", "amount", 1000, "dueDate", "25/07/2021")));
        assertRejected(400, "INVALID_VALUE", "kind", () -> http().post("/api/customers/" + customer
                + "/payment-channels", Map.of("kind", "COUNTER", "provider", "Quầy")));
        assertRejected(400, "INVALID_VALUE", "channel", () -> http().post("/api/customers/" + customer
                + "/notification-channels", Map.of("channel", "FAX")));
        assertRejected(400, "INVALID_VALUE", "targets.cashlessAmountRatio", () -> http().put("/api/plans/"
                + branch + "/2021-H1", Map.of("targets", Map.of("cashlessAmountRatio", 120))));
        assertRejected(400, "INVALID_VALUE", "cashlessKinds", () -> http().put("/api/plans/" + branch + "/2021-H1",
                Map.of("targets", Map.of("cashlessAmountRatio", 70), "cashlessKinds", java.util.List.of("COUNTER"))));
        assertRejected(400, "INVALID_VALUE", "cashlessKinds", () -> http().put("/api/plans/" + branch + "/2021-H1",
                Map.of("targets", Map.of("cashlessAmountRatio", 70), "cashlessKinds", java.util.List.of())));
        assertRejected(400, "INVALID_VALUE", "targets.cashlessAmountRatioo", () -> http().put("/api/plans/"
                + branch + "/2021-H1", Map.of("targets", Map.of("cashlessAmountRatioo", 70))));
        assertRejected(400, "INVALID_VALUE", "id", () -> http().post("/api/payments/not-a-uuid/reversal",
                Map.of("reason", "x")));
    }

    @Test
    void unknownFieldsAreRefusedNotIgnored() {
        Http.Response response = assertRejected(400, "INVALID_VALUE", "nmae", () -> http().post("/api/branches",
                Map.of("code", uniqueBranchCode(), "nmae", "Điện lực", "company", "PC Hà Giang")));
        assertThat(reason(response)).contains("not a field of this request").contains("name");
    }

    @Test
    void wrongTypesAndShapesSayWhatWasExpected() {
        String commune = uniqueCommuneCode();
        String branch = branchWith(commune);
        String customer = customer(branch, commune);
        assertThat(reason(assertRejected(400, "INVALID_VALUE", "amount", () -> http().post("/api/payments",
                payment(customer, 10.5))))).contains("whole number").contains("fractional");
        assertThat(reason(assertRejected(400, "INVALID_VALUE", "amount", () -> http().post("/api/payments",
                payment(customer, 1_000_000_000_001L))))).contains("at most 1000000000000");
        assertThat(reason(assertRejected(400, "INVALID_VALUE", "name", () -> http().post("/api/branches",
                Map.of("code", uniqueBranchCode(), "name", 42, "company", "PC Hà Giang"))))).contains("text");
        assertThat(reason(assertRejected(400, "INVALID_VALUE", "name", () -> http().post("/api/branches",
                Map.of("code", uniqueBranchCode(), "name", "x".repeat(201), "company", "PC Hà Giang")))))
                .contains("at most 200 characters");
        assertThat(reason(assertRejected(400, "INVALID_VALUE", "cashlessKinds", () -> http().put("/api/plans/"
                + branch + "/2021-H1", Map.of("targets", Map.of("cashlessAmountRatio", 70),
                "cashlessKinds", "BANK"))))).contains("list");
        assertThat(reason(assertRejected(400, "INVALID_VALUE", null, () -> http().post("/api/branches",
                java.util.List.of(Map.of("code", uniqueBranchCode())))))).contains("JSON object, not an array");
        assertThat(reason(assertRejected(400, "INVALID_VALUE", null, () -> http().post("/api/branches",
                "code=VX&name=x")))).contains("not valid JSON");
        assertThat(reason(assertRejected(400, "INVALID_VALUE", "period", () -> http().put("/api/plans/" + branch
                + "/2021-H3", Map.of("targets", Map.of("cashlessAmountRatio", 70)))))).isNotBlank();
        assertThat(reason(assertRejected(400, "INVALID_VALUE", "paidAt", () -> {
            Map<String, Object> body = payment(customer, 1000);
            body.put("paidAt", java.time.Instant.now().plus(java.time.Duration.ofMinutes(10)).toString());
            return http().post("/api/payments", body);
        }))).contains("5 minutes in the future");
    }

    @Test
    void aBodyAboveTheLimitIs413() {
        String name = "x".repeat(RequestBodyLimit.MAX_BYTES);
        Http.Response response = assertRejected(413, "CONTENT_TOO_LARGE", null, () -> http().post("/api/branches",
                Map.of("code", uniqueBranchCode(), "name", name, "company", "PC Hà Giang")));
        assertThat(reason(response)).contains("64 KiB");
    }

    @Test
    void aBodyThatIsNotDeclaredJsonIs415() {
        Http.Response response = assertRejected(415, "UNSUPPORTED_MEDIA_TYPE", "Content-Type",
                () -> http().post("/api/branches", "code=VX", Map.of("Content-Type", "text/plain")));
        assertThat(reason(response)).contains("application/json").contains("text/plain");
    }

    @Test
    void unknownThingsAre404() {
        String commune = uniqueCommuneCode();
        String branch = branchWith(commune);
        String customer = customer(branch, commune);
        String stranger = uniqueCustomerCode();

        assertRejected(404, "BRANCH_NOT_FOUND", "branch", () -> http().post("/api/branches/NOPE/communes",
                Map.of("code", uniqueCommuneCode(), "name", "x", "kind", "COMMUNE")));
        assertRejected(404, "BRANCH_NOT_FOUND", "branch", () -> http().post("/api/customers",
                Map.of("code", uniqueCustomerCode(), "name", "x", "branch", "NOPE", "commune", commune)));
        assertRejected(404, "COMMUNE_NOT_FOUND", "commune", () -> http().post("/api/customers",
                Map.of("code", uniqueCustomerCode(), "name", "x", "branch", branch, "commune", "99999")));
        assertRejected(404, "CUSTOMER_NOT_FOUND", "customer", () -> http().post("/api/bills",
                Map.of("customer", stranger, "period", "2021-06", "amount", 1000, "dueDate", "2021-06-25")));
        assertRejected(404, "CUSTOMER_NOT_FOUND", "customer", () -> pay(stranger, "2021-06", 1000, "BANK", "BIDV",
                "X-1", "2021-06-10T03:00:00Z"));
        assertRejected(404, "BILL_NOT_FOUND", "period", () -> pay(customer, "2021-02", 1000, "BANK", "BIDV", "X-2",
                "2021-02-10T03:00:00Z"));
        assertRejected(404, "CUSTOMER_NOT_FOUND", "code", () -> http().put("/api/customers/" + stranger + "/phone",
                Map.of("phone", "0987654321")));
        assertRejected(404, "CUSTOMER_NOT_FOUND", "code", () -> http().get("/api/customers/" + stranger));
        assertRejected(404, "PAYMENT_CHANNEL_NOT_REGISTERED", "provider", () -> http().delete("/api/customers/"
                + customer + "/payment-channels/MoMo"));
        assertRejected(404, "NOTIFICATION_CHANNEL_NOT_REGISTERED", "channel", () -> http().delete("/api/customers/"
                + customer + "/notification-channels/ZALO"));
        assertRejected(404, "PAYMENT_NOT_FOUND", "id", () -> http().get("/api/payments/"
                + java.util.UUID.randomUUID()));
        assertRejected(404, "PAYMENT_NOT_FOUND", "id", () -> http().post("/api/payments/"
                + java.util.UUID.randomUUID() + "/reversal", Map.of("reason", "x")));
        assertRejected(404, "BRANCH_NOT_FOUND", "branch", () -> http().put("/api/plans/NOPE/2021-H1",
                Map.of("targets", Map.of("cashlessAmountRatio", 70))));
        assertRejected(404, "BRANCH_NOT_FOUND", "branch", () -> http().get("/api/branches/NOPE/coverage?period=2021"));
        awaitReadModels();
        assertRejected(404, "PLAN_NOT_FOUND", "period", () -> http().get("/api/plans/" + branch
                + "/2021-H2/progress"));
    }

    @Test
    void duplicatesAndConflictsAre409() {
        String commune = uniqueCommuneCode();
        String branch = branchWith(commune);
        String customer = customer(branch, commune);
        bill(customer, "2021-06", 500_000);
        http().post("/api/customers/" + customer + "/payment-channels", Map.of("kind", "BANK", "provider", "BIDV",
                "registeredAt", "2020-05-01T00:00:00Z"));
        http().post("/api/customers/" + customer + "/notification-channels", Map.of("channel", "ZALO",
                "registeredAt", "2020-05-01T00:00:00Z"));

        assertRejected(409, "BRANCH_ALREADY_EXISTS", "code", () -> http().post("/api/branches",
                Map.of("code", branch, "name", "again", "company", "PC Hà Giang")));
        assertRejected(409, "COMMUNE_ALREADY_EXISTS", "code", () -> http().post("/api/branches/" + branch
                + "/communes", Map.of("code", commune, "name", "again", "kind", "COMMUNE")));
        String otherBranch = branchWith();
        assertRejected(409, "COMMUNE_ALREADY_EXISTS", "code", () -> http().post("/api/branches/" + otherBranch
                + "/communes", Map.of("code", commune, "name", "again", "kind", "COMMUNE")));
        assertRejected(409, "CUSTOMER_ALREADY_EXISTS", "code", () -> http().post("/api/customers",
                Map.of("code", customer, "name", "again", "branch", branch, "commune", commune)));
        assertRejected(409, "BILL_ALREADY_ISSUED", "period", () -> http().post("/api/bills",
                Map.of("customer", customer, "period", "2021-06", "amount", 1000, "dueDate", "2021-06-25")));
        assertRejected(409, "PAYMENT_CHANNEL_ALREADY_REGISTERED", "provider", () -> http().post("/api/customers/"
                + customer + "/payment-channels", Map.of("kind", "BANK", "provider", "BIDV")));
        assertRejected(409, "NOTIFICATION_CHANNEL_ALREADY_REGISTERED", "channel", () -> http().post(
                "/api/customers/" + customer + "/notification-channels", Map.of("channel", "ZALO")));
    }

    @Test
    void businessRulesAre422() {
        String commune = uniqueCommuneCode();
        String branch = branchWith(commune);
        String otherCommune = uniqueCommuneCode();
        branchWith(otherCommune);
        String customer = customer(branch, commune);
        bill(customer, "2021-06", 100_000);

        assertRejected(422, "COMMUNE_OF_ANOTHER_BRANCH", "commune", () -> http().post("/api/customers",
                Map.of("code", uniqueCustomerCode(), "name", "x", "branch", branch, "commune", otherCommune)));
        assertRejected(422, "PAYMENT_ABOVE_OUTSTANDING", "amount", () -> pay(customer, "2021-06", 100_001, "BANK",
                "BIDV", "BIG-1", "2021-06-10T03:00:00Z"));
        String payment = pay(customer, "2021-06", 100_000, "BANK", "BIDV", "OK-1", "2021-06-10T03:00:00Z").json()
                .get("id").asString();
        String channels = "/api/customers/" + customer + "/notification-channels";
        http().post(channels, Map.of("channel", "ZALO", "registeredAt", "2021-01-15T00:00:00Z"));
        http().delete(channels + "/ZALO?at=2021-09-01T00:00:00Z");
        assertRejected(422, "TIME_BEFORE_FACT", "registeredAt", () -> http().post(channels,
                Map.of("channel", "ZALO", "registeredAt", "2021-01-15T00:00:00Z")));
        assertRejected(422, "TIME_BEFORE_FACT", "reversedAt", () -> http().post("/api/payments/" + payment
                + "/reversal", Map.of("reason", "x", "reversedAt", "2021-06-09T03:00:00Z")));
        // the fact's time is told in Vietnamese local time
        assertThat(http().post("/api/payments/" + payment + "/reversal", Map.of("reason", "x", "reversedAt",
                "2021-06-09T03:00:00Z")).raw().body()).contains("2021-06-10T10:00:00+07:00");
    }

    @Test
    void halfASurrogatePairAndAMalformedUploadAreRefusedAsInput() {
        // JSON may spell a lone surrogate as an escape; it is no character, and nothing can store it
        assertRejected(400, "INVALID_VALUE", "name", () -> http().post("/api/branches", "{\"code\":\""
                + uniqueBranchCode() + "\",\"name\":\"Điện lực \\ud800\",\"company\":\"PC Hà Giang\"}"));
        assertRejected(400, "INVALID_VALUE", null, () -> http().post("/api/reconciliations", "--x\r\nbroken",
                Map.of("Content-Type", "multipart/form-data; boundary=x")));
        // a pair is a character like any other
        String code = uniqueBranchCode();
        assertThat(http().post("/api/branches", Map.of("code", code, "name", "Điện lực 𠀧", "company",
                "PC Hà Giang")).status()).isEqualTo(201);
        awaitReadModels();
        assertThat(http().get("/api/branches/" + code).json().get("name").asString()).isEqualTo("Điện lực 𠀧");
    }

    @Test
    void wrongMethodAndUnknownPathAreProblemsWithACodeToo() {
        assertRejected(404, "NOT_FOUND", null, () -> http().get("/api/nothing-here"));
        assertRejected(405, "METHOD_NOT_ALLOWED", null, () -> http().delete("/api/branches"));
    }
}
