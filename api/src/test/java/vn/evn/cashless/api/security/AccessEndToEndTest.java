package vn.evn.cashless.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import vn.evn.cashless.api.support.EndToEndTest;
import vn.evn.cashless.api.support.Http;
import vn.evn.cashless.api.support.Tester;

/**
 * Every endpoint against every role (the demo accounts) and the branch scope: a refused request answers 401 or 403
 * with a problem body and stores nothing; an allowed one is never refused for want of rights.
 */
class AccessEndToEndTest extends EndToEndTest {

    private static final List<String> ACCOUNTS = List.of("operator", "planner", "auditor", "viewer", "admin", "momo",
            "agribank", "bm-operator", "bm-viewer");
    private static final Set<String> READERS = Set.of("operator", "planner", "auditor", "viewer", "bm-operator",
            "bm-viewer");
    private static final Set<String> BRANCH_STAFF = Set.of("operator", "bm-operator");

    /** One request, and who may make it. */
    private record Call(String method, String path, Supplier<Object> body, Set<String> allowed) {
    }

    private String bmCustomer;
    private String otherCustomer;
    private String otherBranch;
    private String momoPayment;

    @BeforeEach
    void twoBranches() {
        bmCustomer = customerOfBranchBm();
        String otherCommune = uniqueCommuneCode();
        otherBranch = branchWith(otherCommune);
        otherCustomer = customer(otherBranch, otherCommune);
        bill(bmCustomer, "2021-05", 1_000_000);
        bill(otherCustomer, "2021-05", 1_000_000);
        Http.Response paid = pay(bmCustomer, "2021-05", 1_000, "E_WALLET", "MoMo", "MM-" + UUID.randomUUID(), null);
        assertThat(paid.status()).as(paid.toString()).isEqualTo(201);
        momoPayment = paid.json().get("id").asString();
    }

    @Test
    void everyRoleMayDoWhatItsRoleAllowsAndNothingElse() {
        List<Call> calls = List.of(
                new Call("POST", "/api/branches", () -> Map.of("code", uniqueBranchCode(), "name", "Điện lực",
                        "company", "PC Hà Giang"), Set.of("operator")),
                new Call("POST", "/api/branches/BM/communes", () -> Map.of("code", uniqueCommuneCode(), "name",
                        "Xã Giáp Trung", "kind", "COMMUNE"), BRANCH_STAFF),
                new Call("GET", "/api/branches/BM", null, READERS),
                new Call("POST", "/api/customers", () -> Map.of("code", uniqueCustomerCode(), "name", "Lò Văn Tú",
                        "branch", "BM", "commune", "00000", "registeredAt", "2020-01-01T00:00:00Z"), BRANCH_STAFF),
                new Call("PUT", "/api/customers/" + bmCustomer + "/phone", () -> Map.of("phone", "0987654321"),
                        BRANCH_STAFF),
                new Call("POST", "/api/customers/" + bmCustomer + "/payment-channels", () -> Map.of("kind", "BANK",
                        "provider", "Agribank", "registeredAt", "2020-06-01T00:00:00Z"), BRANCH_STAFF),
                new Call("DELETE", "/api/customers/" + bmCustomer + "/payment-channels/BIDV", null, BRANCH_STAFF),
                new Call("POST", "/api/customers/" + bmCustomer + "/notification-channels", () -> Map.of("channel",
                        "ZALO", "registeredAt", "2020-06-01T00:00:00Z"), BRANCH_STAFF),
                new Call("DELETE", "/api/customers/" + bmCustomer + "/notification-channels/SMS", null, BRANCH_STAFF),
                new Call("GET", "/api/customers/" + bmCustomer, null, READERS),
                new Call("GET", "/api/customers/" + bmCustomer + "/payments", null, READERS),
                new Call("POST", "/api/bills", () -> Map.of("customer", bmCustomer, "period", "2021-06", "amount",
                        500_000, "dueDate", "2021-06-25"), BRANCH_STAFF),
                new Call("POST", "/api/payments", () -> Map.of("customer", bmCustomer, "period", "2021-05",
                        "amount", 1_000, "kind", "E_WALLET", "provider", "MoMo", "externalRef",
                        "MM-" + UUID.randomUUID()), Set.of("operator", "bm-operator", "momo")),
                new Call("GET", "/api/payments/" + momoPayment, null, union(READERS, Set.of("momo"))),
                new Call("POST", "/api/payments/" + momoPayment + "/reversal", () -> Map.of("reason", "trùng"),
                        BRANCH_STAFF),
                new Call("PUT", "/api/plans/BM/2021", () -> Map.of("targets", Map.of("cashlessAmountRatio", 77.83)),
                        Set.of("planner")),
                new Call("GET", "/api/plans/BM/2021/progress", null, READERS),
                new Call("GET", "/api/branches/BM/coverage?period=2021", null, READERS),
                new Call("GET", "/api/branches/BM/channels?period=2021", null, READERS),
                new Call("GET", "/api/status", null, Set.copyOf(ACCOUNTS)),
                new Call("GET", "/api/audit/events?limit=1", null, Set.of("auditor")),
                new Call("GET", "/api/audit/customers/" + bmCustomer + "/events", null, Set.of("auditor")),
                new Call("GET", "/api/audit/head", null, Set.of("auditor")),
                new Call("GET", "/api/audit/verify", null, Set.of("auditor")),
                new Call("GET", "/api/admin/projections", null, Set.of("admin", "auditor")),
                new Call("GET", "/api/admin/projections/payments/checksum", null, Set.of("admin", "auditor")),
                new Call("POST", "/api/admin/projections/organisation/rebuild", () -> Map.of(), Set.of("admin")),
                new Call("GET", "/api/admin/jobs/" + UUID.randomUUID(), null, Set.of("admin")),
                // another branch: the BM staff may not reach it
                new Call("GET", "/api/branches/" + otherBranch + "/coverage?period=2021", null,
                        Set.of("operator", "planner", "auditor", "viewer")),
                new Call("GET", "/api/customers/" + otherCustomer, null,
                        Set.of("operator", "planner", "auditor", "viewer")),
                new Call("POST", "/api/customers/" + otherCustomer + "/payment-channels", () -> Map.of("kind",
                        "BANK", "provider", "Agribank", "registeredAt", "2020-06-01T00:00:00Z"), Set.of("operator")),
                new Call("POST", "/api/payments", () -> Map.of("customer", otherCustomer, "period", "2021-05",
                        "amount", 1_000, "kind", "BANK", "provider", "Agribank", "externalRef",
                        "AG-" + UUID.randomUUID()), Set.of("operator", "agribank")),
                new Call("PUT", "/api/plans/" + otherBranch + "/2021", () -> Map.of("targets",
                        Map.of("zaloRegistrations", 10)), Set.of("planner")));

        int cases = 0;
        List<String> wrong = new ArrayList<>();
        for (Call call : calls) {
            for (String account : ACCOUNTS) {
                cases++;
                check(call, account, http().as(account, account), call.allowed().contains(account), wrong);
            }
            cases++;
            check(call, "anonymous", http().anonymous(), false, wrong);
        }
        assertThat(wrong).as(cases + " role × endpoint cases").isEmpty();
    }

    @Test
    void anAdministratorAndAuditorLimitedToABranchIsRefusedWhatCoversTheWholeCompany() {
        List<Call> calls = List.of(
                new Call("GET", "/api/admin/projections", null, Set.of()),
                new Call("GET", "/api/admin/projections/payments/checksum", null, Set.of()),
                new Call("POST", "/api/admin/projections/organisation/rebuild", () -> Map.of(), Set.of()),
                new Call("GET", "/api/admin/jobs/" + UUID.randomUUID(), null, Set.of()),
                new Call("GET", "/api/admin/notices/simulator/messages", null, Set.of()),
                new Call("POST", "/api/admin/notices/reminders", () -> Map.of(), Set.of()),
                new Call("GET", "/api/audit/events", null, Set.of()),
                new Call("GET", "/api/audit/head", null, Set.of()),
                new Call("GET", "/api/audit/verify", null, Set.of()));
        Http branchAdmin = http().as(Tester.BRANCH_ADMIN, Tester.BRANCH_ADMIN_PASSWORD);
        List<String> wrong = new ArrayList<>();
        for (Call call : calls) {
            check(call, Tester.BRANCH_ADMIN, branchAdmin, false, wrong);
            Http.Response refused = send(branchAdmin, call);
            if (refused.json() != null && !"ACCESS_DENIED".equals(refused.json().path("code").asString())) {
                wrong.add("not ACCESS_DENIED: " + call.path() + ": " + refused);
            }
        }
        assertThat(wrong).isEmpty();
        // the same administrator reads what is within its branch's reach, and the company's may read the messages
        assertThat(branchAdmin.get("/api/status").status()).isEqualTo(200);
        assertThat(http().as("admin", "admin").get("/api/admin/notices/simulator/messages").status())
                .isEqualTo(200);
        // a page far past the end is empty, as every list's
        Http.Response far = http().as("admin", "admin").get("/api/admin/notices/simulator/messages?page=5000000");
        assertThat(far.status()).as(far.toString()).isEqualTo(200);
        assertThat(far.json().get("messages")).isEmpty();
    }

    @Test
    void aHeadRequestCannotAskPastTheRolesOfTheGetRules() {
        for (String user : List.of("agribank", "admin", "viewer")) {
            Http.Response head = http().as(user, user).request("HEAD", "/api/bills/PA20BM0000001-2021-06", null,
                    Map.of());
            assertThat(head.status()).as(user).isEqualTo(403);
        }
        assertThat(http().anonymous().request("HEAD", "/api/bills/PA20BM0000001-2021-06", null, Map.of()).status())
                .isEqualTo(401);
    }

    @Test
    void aWrongPasswordIsRefusedAndHealthIsOpen() {
        Http.Response wrong = http().as("operator", "not-the-password").get("/api/status");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.header("WWW-Authenticate")).startsWith("Basic");
        assertThat(wrong.json().get("code").asString()).isEqualTo("UNAUTHENTICATED");
        assertThat(http().anonymous().get("/actuator/health").status()).isNotIn(401, 403);
    }

    @Test
    void aViewerSeesPhonesMaskedAndEveryoneElseWhole() {
        awaitReadModels();
        JsonNode whole = http().as("operator", "operator").get("/api/customers/" + bmCustomer).json();
        JsonNode masked = http().as("viewer", "viewer").get("/api/customers/" + bmCustomer).json();

        assertThat(whole.get("phone").asString()).isEqualTo("0912345678");
        assertThat(masked.get("phone").asString()).isEqualTo("0912***678");
        String ledger = http().as("auditor", "auditor").get("/api/audit/customers/" + bmCustomer + "/events")
                .raw().body();
        assertThat(ledger).contains("0912345678");
    }

    @Test
    void theActorOnEveryEventIsTheSignedInUserWhateverTheRequestClaims() {
        Http.Response claimed = http().as("bm-operator", "bm-operator").post(
                "/api/customers/" + bmCustomer + "/notification-channels",
                Map.of("channel", "APP", "registeredAt", "2020-06-01T00:00:00Z"), Map.of("X-Actor", "someone.else"));
        assertThat(claimed.status()).as(claimed.toString()).isEqualTo(201);

        String ledger = http().as("auditor", "auditor").get("/api/audit/customers/" + bmCustomer + "/events")
                .raw().body();
        JsonNode last = Http.JSON.readTree(ledger.lines().reduce((a, b) -> b).orElseThrow());
        assertThat(last.get("type").asString()).isEqualTo("NotificationChannelRegistered");
        assertThat(last.get("actor").asString()).isEqualTo("bm-operator");
    }

    private void check(Call call, String account, Http client, boolean allowed, List<String> wrong) {
        long before = eventCount();
        Http.Response response = send(client, call);
        String what = call.method() + " " + call.path() + " as " + account + ": " + response;
        if (allowed) {
            if (response.status() == 401 || response.status() == 403) {
                wrong.add("refused, though allowed: " + what);
            }
            return;
        }
        int expected = account.equals("anonymous") ? 401 : 403;
        if (response.status() != expected) {
            wrong.add("expected " + expected + ": " + what);
        } else if (response.json() == null || !response.json().has("code")) {
            wrong.add("no problem body: " + what);
        }
        if (eventCount() != before) {
            wrong.add("a refused request stored events: " + what);
        }
    }

    private static Http.Response send(Http client, Call call) {
        Object body = call.body() == null ? null : call.body().get();
        Map<String, Function<Http, Http.Response>> methods = new LinkedHashMap<>();
        methods.put("GET", c -> c.get(call.path()));
        methods.put("DELETE", c -> c.delete(call.path()));
        methods.put("POST", c -> c.post(call.path(), body));
        methods.put("PUT", c -> c.put(call.path(), body));
        return methods.get(call.method()).apply(client);
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new java.util.HashSet<>(a);
        all.addAll(b);
        return all;
    }
}
