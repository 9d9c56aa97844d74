package vn.evn.cashless.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;
import vn.evn.cashless.api.support.EndToEndTest;
import vn.evn.cashless.api.support.Http;

/**
 * A generated corpus of bad requests against every write endpoint: each one is refused with a 4xx problem naming
 * what is wrong, stores nothing, and leaves no 500 and no stack trace in the log. Each endpoint's valid request,
 * sent last, succeeds: every refusal is the doing of its one fault.
 */
@ExtendWith(OutputCaptureExtension.class)
class BadRequestCorpusEndToEndTest extends EndToEndTest {

    /** How a field is written in JSON: its wrong types are the other ones. */
    enum Kind { TEXT, NUMBER, LIST, OBJECT }

    /** A field of a request body, by its path ({@code targets.cashlessAmountRatio}), and values it must refuse. */
    record Field(String path, Kind kind, boolean required, List<Object> badValues) {
    }

    /** One write endpoint: a request it accepts, and how its body and path can be wrong. */
    record Endpoint(String method, String path, Map<String, Object> validBody, List<Field> fields,
                    Map<String, String> badPaths) {
    }

    /** One bad request and what its problem must name ({@code field} null when the fault is the whole body). */
    record BadRequest(String description, String method, String path, Object body, Map<String, String> headers,
                      int status, String field) {
    }

    private static final Map<Kind, List<Object>> WRONG_TYPES = Map.of(
            Kind.TEXT, List.of(42, true, Map.of("x", 1), List.of("x")),
            Kind.NUMBER, List.of("ten", "10", true, Map.of("x", 1), List.of(1)),
            Kind.LIST, List.of("BANK", 5, Map.of("x", 1)),
            Kind.OBJECT, List.of("x", 5, List.of(1)));

    private static final List<Object> BAD_TIMES = List.of("yesterday", "2021-06-10T03:00:00", "2021-06-10",
            "2999-01-01T00:00:00Z", "1999-12-31T23:59:59Z", "2021-13-01T00:00:00Z");
    private static final List<Object> BAD_NAMES = List.of("", "   ", "x".repeat(201), "tab\u0007bell");

    private static Field text(String path, boolean required, Object... bad) {
        return new Field(path, Kind.TEXT, required, List.of(bad));
    }

    private static Field number(String path, boolean required, Object... bad) {
        return new Field(path, Kind.NUMBER, required, List.of(bad));
    }

    private static Field time(String path) {
        return new Field(path, Kind.TEXT, false, BAD_TIMES);
    }

    private static Field name(String path) {
        return new Field(path, Kind.TEXT, true, BAD_NAMES);
    }

    private static Map<String, Object> body(Object... pairs) {
        Map<String, Object> body = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            body.put((String) pairs[i], pairs[i + 1]);
        }
        return body;
    }

    @Test
    void everyBadRequestIsAProblemThatStoresNothingAndLogsNoStackTrace(CapturedOutput output) {
        String commune = uniqueCommuneCode();
        String branch = branchWith(commune);
        String customer = customer(branch, commune);
        bill(customer, "2021-06", 500_000);
        String payment = paidBill(customer, "2021-05", 100_000, "BANK", "BIDV", "2021-05-10T03:00:00Z");
        assertThat(http().post("/api/customers/" + customer + "/payment-channels", body("kind", "E_WALLET",
                "provider", "MoMo", "registeredAt", "2020-06-01T00:00:00Z")).status()).isEqualTo(201);
        assertThat(http().post("/api/customers/" + customer + "/notification-channels", body("channel", "ZALO",
                "registeredAt", "2020-06-01T00:00:00Z")).status()).isEqualTo(201);
        List<Endpoint> endpoints = endpoints(branch, commune, customer, payment);

        List<BadRequest> corpus = new ArrayList<>();
        endpoints.forEach(endpoint -> corpus.addAll(badRequests(endpoint)));
        corpus.addAll(rejectedByTheLedger(branch, commune, customer, payment));
        corpus.add(new BadRequest("unknown read model", "POST", "/api/admin/projections/nothing/rebuild", null,
                Map.of(), 404, "name"));
        corpus.add(new BadRequest("read model name with a dot", "POST", "/api/admin/projections/a.b/rebuild", null,
                Map.of(), 404, "name"));
        corpus.add(new BadRequest("rebuild by GET", "GET", "/api/admin/projections/figures/rebuild", null,
                Map.of(), 405, null));

        long head = eventCount();
        SoftAssertions softly = new SoftAssertions();
        for (BadRequest bad : corpus) {
            Http.Response response = http().request(bad.method(), bad.path(), bad.body(), bad.headers());
            String what = bad.description() + " → " + response;
            softly.assertThat(response.status()).as(what).isEqualTo(bad.status());
            softly.assertThat(response.contentType()).as(what).startsWith("application/problem+json");
            JsonNode problem = response.json();
            if (problem != null) {
                for (String member : List.of("type", "title", "status", "detail", "code", "reason")) {
                    softly.assertThat(problem.hasNonNull(member)).as(what + " has " + member).isTrue();
                }
                if (bad.field() != null) {
                    // a list names its element: cashlessKinds[1]
                    softly.assertThat(problem.path("field").asString("")).as(what).startsWith(bad.field());
                }
            }
        }
        softly.assertThat(eventCount()).as("nothing stored").isEqualTo(head);
        softly.assertAll();
        assertThat(corpus).hasSizeGreaterThanOrEqualTo(200);
        assertThat(output.getAll()).doesNotContain("\tat ").doesNotContain("Unexpected failure")
                .doesNotContain(" ERROR ").doesNotContain("Exception");

        for (Endpoint endpoint : endpoints) {
            Http.Response accepted = http().request(endpoint.method(), endpoint.path(), endpoint.validBody(),
                    Map.of());
            assertThat(accepted.status()).as(endpoint.method() + " " + endpoint.path() + " " + accepted)
                    .isBetween(200, 299);
        }
    }

    private List<Endpoint> endpoints(String branch, String commune, String customer, String payment) {
        String customers = "/api/customers/" + customer;
        return List.of(
                new Endpoint("POST", "/api/branches",
                        body("code", uniqueBranchCode(), "name", "Điện lực Mới", "company", "PC Hà Giang"),
                        List.of(text("code", true, "", "bm!", "ABCDEFGHIJK", "Đ1"), name("name"), name("company")),
                        Map.of()),
                new Endpoint("POST", "/api/branches/" + branch + "/communes",
                        body("code", uniqueCommuneCode(), "name", "Xã Mới", "kind", "COMMUNE",
                                "since", "2021-01-01"),
                        List.of(text("code", true, "", "991", "abcde", "123456"), name("name"),
                                text("kind", true, "", "VILLAGE", "HAMLET"),
                                text("since", false, "2021-13-01", "01/01/2021", "2021-02-30", "1899-12-31",
                                        "2101-01-01", "+9999999-01-01")),
                        Map.of("branch", "/api/branches/bm!/communes")),
                new Endpoint("POST", "/api/customers",
                        body("code", uniqueCustomerCode(), "name", "Nguyễn Văn Mới", "branch", branch,
                                "commune", commune, "phone", "0912345678",
                                "registeredAt", "2020-01-01T00:00:00+07:00"),
                        List.of(text("code", true, "", "12345", "PA20BM00000011", "PA20BM00000!1"), name("name"),
                                text("branch", true, "", "bm!"), text("commune", true, "", "12"),
                                text("phone", false, "", "abc", "12345", "0912-345-678-999"),
                                time("registeredAt")),
                        Map.of()),
                new Endpoint("PUT", customers + "/phone",
                        body("phone", "0987654321", "changedAt", "2021-02-01T08:00:00+07:00"),
                        List.of(text("phone", true, "", "abc", "1234567890123"), time("changedAt")),
                        Map.of("code", "/api/customers/12345/phone")),
                new Endpoint("POST", customers + "/payment-channels",
                        body("kind", "BANK", "provider", "Vietcombank", "registeredAt", "2020-06-01T00:00:00Z"),
                        List.of(text("kind", true, "", "COUNTER", "COLLECTOR", "CRYPTO"),
                                text("provider", true, "", "  ", "a/b", "p".repeat(65)), time("registeredAt")),
                        Map.of("code", "/api/customers/PA!/payment-channels")),
                new Endpoint("DELETE", customers + "/payment-channels/MoMo?at=2021-09-01T00:00:00Z", null,
                        List.of(),
                        Map.of("code", "/api/customers/12345/payment-channels/MoMo",
                                "at", customers + "/payment-channels/MoMo?at=2021-09-01",
                                "provider", customers + "/payment-channels/%20")),
                new Endpoint("POST", customers + "/notification-channels",
                        body("channel", "SMS", "registeredAt", "2021-01-15T00:00:00Z"),
                        List.of(text("channel", true, "", "FAX", "PIGEON"), time("registeredAt")),
                        Map.of("code", "/api/customers/12345/notification-channels")),
                new Endpoint("DELETE", customers + "/notification-channels/ZALO?at=2021-09-01T00:00:00Z", null,
                        List.of(),
                        Map.of("code", "/api/customers/12345/notification-channels/ZALO",
                                "channel", customers + "/notification-channels/FAX",
                                "at", customers + "/notification-channels/ZALO?at=2021-09-01T00:00:00")),
                new Endpoint("POST", "/api/bills",
                        body("customer", customer, "period", "2021-07", "amount", 512_000, "dueDate", "2021-07-25"),
                        List.of(text("customer", true, "", "12345"),
                                text("period", true, "", "2021-13", "2021-H1", "2021", "21-06", "1999-12"),
                                number("amount", true, 0, -1, 10.5, 1_000_000_000_001L, 1e30,
                                        new java.math.BigInteger("100000000000000000000000")),
                                text("dueDate", true, "", "25/07/2021", "2021-02-30", "1899-12-31",
                                        "2101-01-01", "+9999999-01-01")),
                        Map.of()),
                new Endpoint("POST", "/api/payments",
                        body("customer", customer, "period", "2021-06", "amount", 1000, "kind", "BANK",
                                "provider", "Agribank", "externalRef", "CORPUS-" + UUID.randomUUID(),
                                "paidAt", "2021-06-10T03:00:00Z"),
                        List.of(text("customer", true, "", "12345"),
                                text("period", true, "", "2021-13", "2021-H3", "2021-00"),
                                number("amount", true, 0, -5, 0.5, 10.5, 1_000_000_000_001L),
                                text("kind", true, "", "CRYPTO", "CASH"),
                                text("provider", true, "", "a/b", "p".repeat(65)),
                                text("externalRef", true, "", "   ", "r".repeat(129)), time("paidAt")),
                        Map.of()),
                new Endpoint("POST", "/api/payments/" + payment + "/reversal",
                        body("reason", "Ngân hàng báo trùng giao dịch", "reversedAt", "2021-07-02T09:00:00+07:00"),
                        List.of(text("reason", true, "", "  ", "r".repeat(501)), time("reversedAt")),
                        Map.of("id", "/api/payments/not-a-uuid/reversal")),
                new Endpoint("PUT", "/api/plans/" + branch + "/2021-H1",
                        body("targets", body("cashlessAmountRatio", 77.83, "cashlessPaymentRatio", 23.64,
                                "zaloRegistrations", 3000, "communeCoverage", 100),
                                "cashlessKinds", List.of("BANK", "E_WALLET")),
                        List.of(new Field("targets", Kind.OBJECT, true, List.of()),
                                number("targets.cashlessAmountRatio", false, -1, 100.01, 1000,
                                        new java.math.BigDecimal("1E-20000"), new java.math.BigDecimal("12.3456789")),
                                number("targets.cashlessPaymentRatio", false, -0.5, 120),
                                number("targets.zaloRegistrations", false, -1, 2.5),
                                number("targets.communeCoverage", false, 101, -3),
                                new Field("cashlessKinds", Kind.LIST, false,
                                        List.of(List.of(), List.of("COUNTER"), List.of("BANK", "CRYPTO")))),
                        Map.of("branch", "/api/plans/bm!/2021-H1", "period", "/api/plans/" + branch + "/2021-H3")));
    }

    /** Well-formed requests the ledger itself refuses: unknown things, duplicates and broken business rules. */
    private List<BadRequest> rejectedByTheLedger(String branch, String commune, String customer, String payment) {
        String stranger = uniqueCustomerCode();
        return List.of(
                new BadRequest("bill not issued", "POST", "/api/payments", body("customer", customer,
                        "period", "2021-02", "amount", 1000, "kind", "BANK", "provider", "BIDV",
                        "externalRef", "NO-BILL", "paidAt", "2021-02-10T03:00:00Z"), Map.of(), 404, "period"),
                new BadRequest("unknown customer's bill", "POST", "/api/bills", body("customer", stranger,
                        "period", "2021-06", "amount", 1000, "dueDate", "2021-06-25"), Map.of(), 404, "customer"),
                new BadRequest("unknown customer's phone", "PUT", "/api/customers/" + stranger + "/phone",
                        body("phone", "0987654321"), Map.of(), 404, "code"),
                new BadRequest("unknown payment", "POST", "/api/payments/" + UUID.randomUUID() + "/reversal",
                        body("reason", "x"), Map.of(), 404, "id"),
                new BadRequest("unknown branch", "POST", "/api/branches/NOPE/communes", body("code",
                        uniqueCommuneCode(), "name", "Xã", "kind", "COMMUNE"), Map.of(), 404, "branch"),
                new BadRequest("channel not registered", "DELETE", "/api/customers/" + customer
                        + "/payment-channels/Nowhere", null, Map.of(), 404, "provider"),
                new BadRequest("branch exists", "POST", "/api/branches", body("code", branch, "name", "again",
                        "company", "PC Hà Giang"), Map.of(), 409, "code"),
                new BadRequest("commune exists", "POST", "/api/branches/" + branch + "/communes", body("code",
                        commune, "name", "again", "kind", "COMMUNE"), Map.of(), 409, "code"),
                new BadRequest("bill issued", "POST", "/api/bills", body("customer", customer, "period", "2021-06",
                        "amount", 1000, "dueDate", "2021-06-25"), Map.of(), 409, "period"),
                new BadRequest("above outstanding", "POST", "/api/payments", body("customer", customer,
                        "period", "2021-06", "amount", 500_001, "kind", "BANK", "provider", "BIDV",
                        "externalRef", "TOO-MUCH", "paidAt", "2021-06-10T03:00:00Z"), Map.of(), 422, "amount"),
                new BadRequest("reversal before payment", "POST", "/api/payments/" + payment + "/reversal",
                        body("reason", "x", "reversedAt", "2021-05-01T00:00:00Z"), Map.of(), 422, "reversedAt"));
    }

    private static List<BadRequest> badRequests(Endpoint endpoint) {
        List<BadRequest> bad = new ArrayList<>();
        String name = endpoint.method() + " " + endpoint.path();
        endpoint.badPaths().forEach((field, path) -> bad.add(new BadRequest(name + ": bad " + field + " in " + path,
                endpoint.method(), path, endpoint.validBody(), Map.of(), 400, field)));
        if (endpoint.validBody() == null) {
            return bad;
        }
        for (Field field : endpoint.fields()) {
            if (field.required()) {
                bad.add(fieldCase(endpoint, field, "missing", null, true));
            }
            for (Object wrong : WRONG_TYPES.get(field.kind())) {
                bad.add(fieldCase(endpoint, field, "wrong type " + wrong, wrong, false));
            }
            for (Object value : field.badValues()) {
                bad.add(fieldCase(endpoint, field, "bad value " + value, value, false));
            }
        }
        Map<String, Object> unknown = new LinkedHashMap<>(endpoint.validBody());
        unknown.put("unexpected", 1);
        bad.add(new BadRequest(name + ": unknown field", endpoint.method(), endpoint.path(), unknown, Map.of(), 400,
                "unexpected"));
        String first = endpoint.validBody().keySet().iterator().next();
        Map<String, Object> misspelt = new LinkedHashMap<>(endpoint.validBody());
        misspelt.put(first + "s", misspelt.remove(first));
        bad.add(new BadRequest(name + ": misspelt " + first, endpoint.method(), endpoint.path(), misspelt,
                Map.of(), 400, first + "s"));
        String valid = Http.JSON.writeValueAsString(endpoint.validBody());
        for (String shape : List.of("[" + valid + "]", "\"text\"", "42", "null", "", "{", "{\"a\":}",
                valid.substring(0, valid.length() - 1), "not json", "<xml/>", "code=VX&name=x")) {
            bad.add(new BadRequest(name + ": body " + shape, endpoint.method(), endpoint.path(), shape, Map.of(),
                    400, null));
        }
        for (String type : List.of("text/plain", "application/xml", "application/x-www-form-urlencoded")) {
            bad.add(new BadRequest(name + ": Content-Type " + type, endpoint.method(), endpoint.path(), valid,
                    Map.of("Content-Type", type), 415, "Content-Type"));
        }
        Map<String, Object> huge = new LinkedHashMap<>(endpoint.validBody());
        huge.put("padding", "x".repeat(70 * 1024));
        bad.add(new BadRequest(name + ": 70 KiB body", endpoint.method(), endpoint.path(), huge, Map.of(), 413,
                null));
        return bad;
    }

    /** The valid body with one field missing or replaced; the problem must name that field. */
    private static BadRequest fieldCase(Endpoint endpoint, Field field, String what, Object value, boolean remove) {
        Map<String, Object> body = copy(endpoint.validBody());
        String[] path = field.path().split("\\.");
        @SuppressWarnings("unchecked")
        Map<String, Object> holder = path.length == 1 ? body : (Map<String, Object>) body.get(path[0]);
        if (remove) {
            holder.remove(path[path.length - 1]);
        } else {
            holder.put(path[path.length - 1], value);
        }
        return new BadRequest(endpoint.method() + " " + endpoint.path() + ": " + field.path() + " " + what,
                endpoint.method(), endpoint.path(), body, Map.of(), 400, field.path());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> copy(Map<String, Object> body) {
        return Http.JSON.readValue(Http.JSON.writeValueAsString(body), LinkedHashMap.class);
    }
}
