package vn.evn.cashless.api.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import vn.evn.cashless.api.LedgerApplication;

/**
 * The whole application, started on its own embedded PostgreSQL in a fresh data directory and driven over HTTP.
 * Test classes share one running application; each test makes its own branch and customers, so they never see
 * each other's data.
 */
@SpringBootTest(classes = LedgerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class EndToEndTest {

    private static final Path DATA = Path.of("target", "e2e-data", UUID.randomUUID().toString());
    private static final AtomicInteger SERIAL = new AtomicInteger(1);

    @LocalServerPort
    private int port;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("ledger.embedded-postgres.data-dir", DATA::toString);
        // notices: tries again, and looks for work, within a test's patience
        registry.add("ledger.notices.back-off", () -> "300ms");
        registry.add("ledger.notices.poll", () -> "200ms");
        Tester.register(registry);
    }

    protected Http http() {
        return new Http(port);
    }

    /** Waits, with a deadline, until every read model has processed every event stored so far. */
    protected void awaitReadModels() {
        Reads.awaitCaughtUp(http());
    }

    protected long eventCount() {
        return http().get("/api/status").json().get("head").asLong();
    }

    protected static String uniqueBranchCode() {
        return "T" + SERIAL.getAndIncrement();
    }

    protected static String uniqueCommuneCode() {
        return String.format("%05d", 50_000 + SERIAL.getAndIncrement());
    }

    protected static String uniqueCustomerCode() {
        return String.format("PA%011d", SERIAL.getAndIncrement());
    }

    /** A branch with the given communes (code → kind); returns the branch code. */
    protected String branchWith(String... communeCodes) {
        String branch = uniqueBranchCode();
        Http.Response created = http().post("/api/branches",
                Map.of("code", branch, "name", "Điện lực " + branch, "company", "PC Hà Giang"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        for (String commune : communeCodes) {
            Http.Response added = http().post("/api/branches/" + branch + "/communes",
                    Map.of("code", commune, "name", "Xã " + commune, "kind", "COMMUNE"));
            assertThat(added.status()).as(added.toString()).isEqualTo(201);
        }
        return branch;
    }

    /** A customer in a branch and commune of its own; returns the customer code. */
    protected String customerInNewBranch() {
        String commune = uniqueCommuneCode();
        return customer(branchWith(commune), commune);
    }

    /**
     * A customer of branch {@code BM} (the branch the demo accounts {@code bm-operator} and {@code bm-viewer} are
     * limited to), in a commune of its own; the branch is made by whichever test needs it first.
     */
    protected String customerOfBranchBm() {
        Http.Response bm = http().post("/api/branches", Map.of("code", "BM", "name", "Điện lực Bắc Mê",
                "company", "PC Hà Giang"));
        assertThat(bm.status()).as(bm.toString()).isIn(201, 409);
        String commune = uniqueCommuneCode();
        Http.Response added = http().post("/api/branches/BM/communes", Map.of("code", commune, "name", "Xã Minh Sơn",
                "kind", "COMMUNE"));
        assertThat(added.status()).as(added.toString()).isEqualTo(201);
        return customer("BM", commune);
    }

    protected String customer(String branch, String commune) {
        String code = uniqueCustomerCode();
        Http.Response registered = http().post("/api/customers", Map.of("code", code, "name", "Khách hàng " + code,
                "branch", branch, "commune", commune, "phone", "0912345678", "registeredAt", "2020-01-01T00:00:00Z"));
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        return code;
    }

    protected void bill(String customer, String period, long amount) {
        Http.Response issued = http().post("/api/bills", Map.of("customer", customer, "period", period,
                "amount", amount, "dueDate", period + "-25"));
        assertThat(issued.status()).as(issued.toString()).isEqualTo(201);
    }

    protected Http.Response pay(String customer, String period, long amount, String kind, String provider,
                                String externalRef, String paidAt) {
        return http().post("/api/payments",
                PaymentNotification.body(customer, period, amount, kind, provider, externalRef, paidAt));
    }

    /** Pays a fresh bill in full and returns the payment id. */
    protected String paidBill(String customer, String period, long amount, String kind, String provider,
                              String paidAt) {
        bill(customer, period, amount);
        Http.Response paid = pay(customer, period, amount, kind, provider, "REF-" + UUID.randomUUID(), paidAt);
        assertThat(paid.status()).as(paid.toString()).isEqualTo(201);
        return paid.json().get("id").asString();
    }

    protected void plan(String branch, String period, List<String> cashlessKinds) {
        Http.Response assigned = http().put("/api/plans/" + branch + "/" + period, Map.of(
                "targets", Map.of("cashlessAmountRatio", 77.83, "cashlessPaymentRatio", 23.64,
                        "zaloRegistrations", 3000, "communeCoverage", 100),
                "cashlessKinds", cashlessKinds));
        assertThat(assigned.status()).as(assigned.toString()).isEqualTo(200);
    }
}
