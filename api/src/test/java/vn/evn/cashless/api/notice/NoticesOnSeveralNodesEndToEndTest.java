package vn.evn.cashless.api.notice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;
import vn.evn.cashless.api.support.Http;
import vn.evn.cashless.api.support.RunningApplication;
import vn.evn.cashless.api.support.SharedDatabase;
import vn.evn.cashless.domain.shared.Zones;

/**
 * Notices sent by two processes on one database, one of them killed while sending: every bill's notice is queued,
 * sent and delivered once in the history, and the gateway got each message under one idempotency key, whatever it
 * was asked again after the kill.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NoticesOnSeveralNodesEndToEndTest {

    private static final Path ROOT = Path.of("target", "notices-nodes", UUID.randomUUID().toString());
    private static final Duration PATIENCE = Duration.ofSeconds(120);
    private static final YearMonth MONTH = YearMonth.now(Zones.VIETNAM);
    private static final LocalDate TODAY = LocalDate.now(Zones.VIETNAM);
    /**
     * Slower than the bills are issued, so that the kill finds messages in flight: 2 nodes x 2 workers, SMS held to
     * 10 a second.
     */
    private static final String[] SETTINGS = {"--ledger.notices.gateway=simulator", "--ledger.notices.lease=3s",
            "--ledger.notices.poll=100ms", "--ledger.notices.workers=2", "--ledger.notices.batch-size=20",
            "--ledger.notices.rate-per-second.SMS=10"};

    private static SharedDatabase database;
    private static final List<RunningApplication> nodes = new ArrayList<>();
    private static int serial = 1;

    @BeforeAll
    static void startTwoNodesOnOneDatabase() throws Exception {
        database = SharedDatabase.start();
        nodes.addAll(database.nodes(ROOT, 2, List.of(), SETTINGS));
    }

    @AfterAll
    static void stopNodes() throws Exception {
        for (RunningApplication node : nodes) {
            node.close();
        }
        database.close();
    }

    @Test
    @Order(1)
    void twoNodesSendEveryNoticeOnceBetweenThem() throws Exception {
        List<String> notices = billsForNewCustomers(40, 4);

        Map<String, JsonNode> messages = awaitMessages(nodes.get(0).http(), notices);
        assertThat(messages.values()).allSatisfy(m -> assertThat(m.get("requests").asInt()).isOne());
        Map<String, Long> byNode = messages.values().stream()
                .collect(Collectors.groupingBy(m -> m.get("node").asString(), TreeMap::new, Collectors.counting()));
        assertThat(byNode).as("messages first asked for by each node").hasSize(2);
        assertOncePerNotice(nodes.get(1).http(), notices);
        System.out.printf("notices on two nodes: %d notices, sent by node %s%n", notices.size(), byNode);
    }

    @Test
    @Order(2)
    void aNodeKilledWhileSendingLosesNoNoticeAndDoublesNone() throws Exception {
        List<String> notices = billsForNewCustomers(75, 4);
        Http survivor = nodes.get(1).http();
        int sentBeforeKill = await().atMost(PATIENCE).pollInterval(Duration.ofMillis(50))
                .until(() -> sentOf(survivor, notices), sent -> sent >= notices.size() / 5);
        nodes.get(0).kill();
        long killedAt = System.nanoTime();
        assertThat(sentBeforeKill).as("killed while sending").isLessThan(notices.size());

        Map<String, JsonNode> messages = awaitMessages(survivor, notices);
        double finished = (System.nanoTime() - killedAt) / 1e9;
        long askedAgain = messages.values().stream().filter(m -> m.get("requests").asInt() > 1).count();
        assertOncePerNotice(survivor, notices);
        System.out.printf("notices, one node killed: %d notices, %d sent when killed, all sent %.1f s after the "
                + "kill; %d messages asked for again under their idempotency key; none twice in the history%n",
                notices.size(), sentBeforeKill, finished, askedAgain);
    }

    /** Customers of a new branch, each with bills for the next months, due in the future; returns the notices. */
    private static List<String> billsForNewCustomers(int customers, int months) throws Exception {
        Http http = nodes.get(0).http();
        String branch = "NN" + serial;
        String commune = String.format("%05d", 80_000 + serial++);
        assertThat(http.post("/api/branches", Map.of("code", branch, "name", "Điện lực " + branch,
                "company", "PC Hà Giang")).status()).isEqualTo(201);
        assertThat(http.post("/api/branches/" + branch + "/communes", Map.of("code", commune,
                "name", "Xã " + commune, "kind", "COMMUNE")).status()).isEqualTo(201);
        List<String> notices = new ArrayList<>();
        ExecutorService clients = Executors.newFixedThreadPool(4);
        List<Future<?>> sent = new ArrayList<>();
        for (int i = 0; i < customers; i++) {
            String customer = String.format("PA20%-4s%05d", branch, i).replace(' ', 'X');
            Http node = nodes.get(i % 2).http();
            for (int month = 0; month < months; month++) {
                notices.add(customer + "-" + MONTH.plusMonths(month) + "-BILL");
            }
            sent.add(clients.submit(() -> {
                Http.Response registered = node.post("/api/customers", Map.of("code", customer,
                        "name", "Khách hàng " + customer, "branch", branch, "commune", commune,
                        "phone", "0912000" + String.format("%03d", Math.floorMod(customer.hashCode(), 97)),
                        "registeredAt", "2020-01-01T00:00:00Z"));
                assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
                for (int month = 0; month < months; month++) {
                    Http.Response issued = node.post("/api/bills", Map.of("customer", customer,
                            "period", MONTH.plusMonths(month).toString(), "amount", 250_000 + month,
                            "dueDate", TODAY.plusDays(20L + 30L * month).toString()));
                    assertThat(issued.status()).as(issued.toString()).isEqualTo(201);
                }
                return null;
            }));
        }
        clients.shutdown();
        for (Future<?> one : sent) {
            one.get();
        }
        return notices;
    }

    /** Every message the simulator holds, by notice, for the given notices. */
    private static Map<String, JsonNode> messagesOf(Http http, Set<String> notices) {
        Map<String, JsonNode> messages = new HashMap<>();
        for (int page = 0; ; page++) {
            Http.Response response = http.get("/api/admin/notices/simulator/messages?size=500&page=" + page);
            assertThat(response.status()).as(response.toString()).isEqualTo(200);
            JsonNode list = response.json().get("messages");
            for (JsonNode message : list) {
                String notice = message.get("notice").asString();
                if (notices.contains(notice)) {
                    JsonNode earlier = messages.put(notice, message);
                    assertThat(earlier).as("one message per notice and channel: " + notice).isNull();
                }
            }
            if (list.size() < 500) {
                return messages;
            }
        }
    }

    private static int sentOf(Http http, List<String> notices) {
        return messagesOf(http, Set.copyOf(notices)).size();
    }

    private static Map<String, JsonNode> awaitMessages(Http http, List<String> notices) {
        return await().atMost(PATIENCE).pollInterval(Duration.ofMillis(500))
                .until(() -> messagesOf(http, Set.copyOf(notices)), messages -> messages.size() == notices.size());
    }

    /** In the whole history: each notice queued, sent and delivered exactly once. */
    private static void assertOncePerNotice(Http http, List<String> notices) {
        Set<String> wanted = Set.copyOf(notices);
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            Map<String, Map<String, Integer>> counts = new HashMap<>();
            Http.Response response = http.get("/api/audit/events");
            assertThat(response.status()).isEqualTo(200);
            response.raw().body().lines().filter(line -> !line.isBlank()).map(Http.JSON::readTree)
                    .filter(event -> wanted.contains(event.get("aggregateId").asString()))
                    .forEach(event -> counts.computeIfAbsent(event.get("aggregateId").asString(), k -> new TreeMap<>())
                            .merge(event.get("type").asString(), 1, Integer::sum));
            assertThat(counts).hasSize(notices.size());
            assertThat(counts.values()).allSatisfy(types -> assertThat(types).isEqualTo(
                    Map.of("NoticeQueued", 1, "NoticeSent", 1, "NoticeDelivered", 1)));
        });
    }
}
