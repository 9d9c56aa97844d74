package vn.evn.cashless.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.time.Duration;
import java.time.YearMonth;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.evn.cashless.api.support.AtOnce;
import vn.evn.cashless.api.support.Http;
import vn.evn.cashless.api.support.PaymentNotification;
import vn.evn.cashless.api.support.PaymentRaces;
import vn.evn.cashless.api.support.RunningApplication;
import vn.evn.cashless.api.support.StoredPayments;

/**
 * Two application nodes on one database, half the clients on each. Axon locks an aggregate only inside its own
 * JVM, so only here do two requests load the same bill at once and race to append its next event; the database's
 * unique key on the aggregate's sequence refuses the loser. The loser's request must be decided again on the
 * winner's outcome, so that its client gets the real answer: never a 500, never a conflict to retry.
 */
class TwoNodesEndToEndTest {

    private static final Path ROOT = Path.of("target", "two-nodes", UUID.randomUUID().toString());
    private static final int CLIENTS = 16;
    private static final int ROUNDS = 20;
    private static final long BILL_AMOUNT = 1_000_000;
    private static final String PAID_AT = "2021-06-15T03:00:00Z";
    private static final AtomicInteger SERIAL = new AtomicInteger(1);

    private static final String RETRIES_LOGGED =
            "--logging.level.vn.evn.cashless.application.messaging.CommandSender=DEBUG";
    private static final String RETRY_LINE = "deciding again";

    private static EmbeddedPostgres database;
    private static RunningApplication first;
    private static RunningApplication second;

    @BeforeAll
    static void startTwoNodesOnOneDatabase() throws Exception {
        database = EmbeddedPostgres.builder().start();
        Map<String, String> environment = Map.of(
                "SPRING_DATASOURCE_URL", "jdbc:postgresql://localhost:" + database.getPort() + "/postgres",
                "SPRING_DATASOURCE_USERNAME", "ledger_app",
                "SPRING_FLYWAY_USER", "postgres");
        // one after the other, so that the first has migrated the schema when the second starts
        first = RunningApplication.start(ROOT.resolve("first"), environment, RETRIES_LOGGED);
        second = RunningApplication.start(ROOT.resolve("second"), environment, RETRIES_LOGGED);
    }

    @AfterAll
    static void stopNodes() throws Exception {
        System.out.printf("two nodes: %d requests met a conflict with the other node and were decided again%n",
                retries(first) + retries(second));
        try (EmbeddedPostgres closing = database; RunningApplication a = first; RunningApplication b = second) {
            // closed in reverse order: the nodes, then their database
        }
    }

    private static long retries(RunningApplication node) throws java.io.IOException {
        return node.log().lines().filter(line -> line.contains(RETRY_LINE)).count();
    }

    /** Even clients talk to the first node, odd ones to the second. */
    private static Http nodeOf(int client) {
        return (client % 2 == 0 ? first : second).http();
    }

    @Test
    void clientsOfTwoNodesPayingOneBillTogetherNeverPayMoreThanIsOwed() throws Exception {
        String customer = customerWithBills();
        Set<String> acceptedIds = new HashSet<>();
        for (int round = 1; round <= ROUNDS; round++) {
            String period = period(round);
            acceptedIds.addAll(PaymentRaces.payInFullTogether(CLIENTS, round, BILL_AMOUNT,
                    (client, amount, externalRef) -> pay(nodeOf(client), customer, period, amount, externalRef)));
        }

        assertThat(StoredPayments.recordedPerPayment(first.http(), customer)).hasSize(acceptedIds.size())
                .allSatisfy((payment, events) -> assertThat(events).isOne());
        awaitListed(second.http(), customer, acceptedIds);
    }

    @Test
    void clientsOfTwoNodesSendingOneNotificationTogetherStoreOnePayment() throws Exception {
        String customer = customerWithBills();
        Set<String> paymentIds = new HashSet<>();
        for (int round = 1; round <= ROUNDS; round++) {
            String period = period(round);
            String externalRef = "NODES-SAME-" + round;
            List<Http.Response> answers = AtOnce.run(CLIENTS,
                    client -> pay(nodeOf(client), customer, period, 512_000, externalRef));
            paymentIds.add(PaymentRaces.assertOnePaymentForAll(answers));
        }

        assertThat(StoredPayments.recordedPerPayment(second.http(), customer))
                .isEqualTo(paymentIds.stream().collect(Collectors.toMap(id -> id, id -> 1L)));
        awaitListed(first.http(), customer, paymentIds);
    }

    /**
     * Waits, with a deadline, until the node lists exactly these payments, each once. Not through {@code caughtUp}:
     * a node reports only the segments of the read models it processes itself, and the other node may hold them.
     */
    private static void awaitListed(Http node, String customer, Set<String> payments) {
        Map<String, Long> eachOnce = payments.stream().collect(Collectors.toMap(id -> id, id -> 1L));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(StoredPayments.listedPerPayment(node, customer)).isEqualTo(eachOnce));
    }

    /** A customer of a branch of its own, with a bill of {@link #BILL_AMOUNT} for every month of the rounds. */
    private static String customerWithBills() {
        Http http = first.http();
        int serial = SERIAL.getAndIncrement();
        String branch = "N" + serial;
        String commune = String.format("%05d", 70_000 + serial);
        String customer = String.format("PA20NODE%05d", serial);
        assertThat(http.post("/api/branches", Map.of("code", branch, "name", "Điện lực " + branch,
                "company", "PC Hà Giang")).status()).isEqualTo(201);
        assertThat(http.post("/api/branches/" + branch + "/communes", Map.of("code", commune, "name", "Xã " + commune,
                "kind", "COMMUNE")).status()).isEqualTo(201);
        assertThat(http.post("/api/customers", Map.of("code", customer, "name", "Khách hàng " + customer,
                "branch", branch, "commune", commune, "registeredAt", "2020-01-01T00:00:00Z")).status())
                .isEqualTo(201);
        for (int round = 1; round <= ROUNDS; round++) {
            String period = period(round);
            assertThat(http.post("/api/bills", Map.of("customer", customer, "period", period,
                    "amount", BILL_AMOUNT, "dueDate", period + "-25")).status()).isEqualTo(201);
        }
        return customer;
    }

    /** One month per round, from January 2021 on. */
    private static String period(int round) {
        return YearMonth.of(2021, 1).plusMonths(round - 1L).toString();
    }

    private static Http.Response pay(Http node, String customer, String period, long amount, String externalRef) {
        return node.post("/api/payments",
                PaymentNotification.body(customer, period, amount, "BANK", "BIDV", externalRef, PAID_AT));
    }
}
