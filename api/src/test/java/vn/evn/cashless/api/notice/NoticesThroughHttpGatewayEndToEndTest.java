package vn.evn.cashless.api.notice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import vn.evn.cashless.api.support.Http;
import vn.evn.cashless.api.support.RunningApplication;
import vn.evn.cashless.domain.shared.Zones;

/**
 * The ledger configured with a real HTTP gateway ({@code ledger.notices.gateway=http}), here a stub server in the
 * test: what reaches the gateway, how its answers and later receipts become the notice's history.
 *
 * <p>The stub answers by the number: Zalo messages are taken for sending (202) and wait for a receipt; SMS is
 * delivered at once (200), except that a number ending in {@code 55} finds the gateway busy (503) the first time.
 */
class NoticesThroughHttpGatewayEndToEndTest {

    private static final Path ROOT = Path.of("target", "notices-http", UUID.randomUUID().toString());
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final YearMonth MONTH = YearMonth.now(Zones.VIETNAM);
    private static final LocalDate DUE = LocalDate.now(Zones.VIETNAM).plusDays(15);
    private static final String TOKEN = "tok-" + UUID.randomUUID();

    /** A request as the stub received it. */
    private record Received(String authorization, String idempotencyKey, String contentType, JsonNode body) {
    }

    private static HttpServer stub;
    private static final List<Received> received = new CopyOnWriteArrayList<>();
    private static final Map<String, Integer> busyOnce = new ConcurrentHashMap<>();
    private static RunningApplication ledger;
    private static int serial = 1;

    @BeforeAll
    static void startGatewayAndLedger() throws IOException {
        stub = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        stub.createContext("/v1/messages", NoticesThroughHttpGatewayEndToEndTest::answer);
        stub.start();
        ledger = RunningApplication.start(ROOT.resolve("ledger"), Map.of(), "--ledger.notices.gateway=http",
                "--ledger.notices.http.url=http://127.0.0.1:" + stub.getAddress().getPort() + "/v1/",
                "--ledger.notices.http.token=" + TOKEN, "--ledger.notices.back-off=300ms",
                "--ledger.notices.poll=200ms");
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (ledger != null) {
            ledger.close();
        }
        stub.stop(0);
    }

    private static void answer(HttpExchange exchange) throws IOException {
        JsonNode body = Http.JSON.readTree(exchange.getRequestBody().readAllBytes());
        received.add(new Received(exchange.getRequestHeaders().getFirst("Authorization"),
                exchange.getRequestHeaders().getFirst("Idempotency-Key"),
                exchange.getRequestHeaders().getFirst("Content-Type"), body));
        String to = body.get("to").asString();
        String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
        int status;
        String answer;
        if (body.get("channel").asString().equals("ZALO")) {
            status = 202;
            answer = "{\"status\":\"ACCEPTED\"}";
        } else if (to.endsWith("55") && busyOnce.merge(key, 1, Integer::sum) == 1) {
            status = 503;
            answer = "{\"reason\":\"quá tải, thử lại sau\"}";
        } else {
            status = 200;
            answer = "{\"status\":\"DELIVERED\"}";
        }
        byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Test
    void messageReachesTheGatewayWithTokenKeyAndExactTextAndTheReceiptCompletesIt() {
        String customer = customer("0912345611", true);
        String notice = customer + "-" + MONTH + "-BILL";
        Received request = awaitReceived(notice, "ZALO", 1).get(0);
        assertThat(request.authorization()).isEqualTo("Bearer " + TOKEN);
        assertThat(request.idempotencyKey()).isEqualTo(notice + "-ZALO");
        assertThat(request.contentType()).startsWith("application/json");
        assertThat(request.body().get("to").asString()).isEqualTo("0912345611");
        assertThat(request.body().get("customer").asString()).isEqualTo(customer);
        String text = request.body().get("text").asString();
        assertThat(text).startsWith("EVN thông báo: tiền điện kỳ").contains(customer).contains("321.000 đồng");
        JsonNode queued = awaitHistory(customer, "NoticeSent").get(0).get("payload");
        assertThat(queued.get("text").asString()).as("the gateway got the text the history holds").isEqualTo(text);

        Http gateway = ledger.http().as("gateway", "gateway");
        Http.Response first = gateway.post("/api/notices/receipts",
                Map.of("notice", notice, "channel", "ZALO", "status", "DELIVERED"));
        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        assertThat(first.json().get("noticeStatus").asString()).isEqualTo("DELIVERED");
        Http.Response again = gateway.post("/api/notices/receipts",
                Map.of("notice", notice, "channel", "ZALO", "status", "DELIVERED"));
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("duplicate").asBoolean()).isTrue();

        assertThat(types(awaitHistory(customer, "NoticeDelivered")))
                .containsExactly("NoticeQueued", "NoticeSent", "NoticeDelivered");
        assertThat(received.stream().filter(r -> r.body().get("notice").asString().equals(notice))).hasSize(1);
    }

    @Test
    void aFailedReceiptFallsBackToSms() {
        String customer = customer("0912345622", true);
        String notice = customer + "-" + MONTH + "-BILL";
        awaitReceived(notice, "ZALO", 1);
        awaitHistory(customer, "NoticeSent");
        Http.Response failed = ledger.http().as("gateway", "gateway").post("/api/notices/receipts",
                Map.of("notice", notice, "channel", "ZALO", "status", "FAILED", "reason", "không phải người dùng Zalo"));
        assertThat(failed.status()).as(failed.toString()).isEqualTo(201);
        assertThat(failed.json().get("noticeStatus").asString()).isEqualTo("SENDING");

        awaitReceived(notice, "SMS", 1);
        List<JsonNode> history = awaitHistory(customer, "NoticeDelivered");
        assertThat(types(history)).containsExactly("NoticeQueued", "NoticeSent", "NoticeFailed", "NoticeFellBack",
                "NoticeSent", "NoticeDelivered");
        assertThat(history.get(2).get("payload").get("reason").asString()).isEqualTo("không phải người dùng Zalo");
        assertThat(history.get(5).get("payload").get("channel").asString()).isEqualTo("SMS");
    }

    @Test
    void aBusyGatewayIsAskedAgainWithTheSameKey() {
        String customer = customer("0912345655", false);
        String notice = customer + "-" + MONTH + "-BILL";
        List<Received> requests = awaitReceived(notice, "SMS", 2);
        assertThat(requests).extracting(Received::idempotencyKey).containsOnly(notice + "-SMS");
        List<JsonNode> history = awaitHistory(customer, "NoticeDelivered");
        assertThat(types(history)).containsExactly("NoticeQueued", "NoticeFailed", "NoticeSent", "NoticeDelivered");
        JsonNode busy = history.get(1).get("payload");
        assertThat(busy.get("permanent").asBoolean()).isFalse();
        assertThat(busy.get("reason").asString()).contains("503").contains("quá tải");
    }

    /** A customer of a branch of its own with a bill due in the future; registered for Zalo if asked. */
    private static String customer(String phone, boolean zalo) {
        Http http = ledger.http();
        int n = serial++;
        String branch = "HG" + n;
        String commune = String.format("%05d", 60_000 + n);
        String code = String.format("PA20HG%07d", n);
        assertThat(http.post("/api/branches", Map.of("code", branch, "name", "Điện lực " + branch,
                "company", "PC Hà Giang")).status()).isEqualTo(201);
        assertThat(http.post("/api/branches/" + branch + "/communes", Map.of("code", commune, "name", "Xã " + commune,
                "kind", "COMMUNE")).status()).isEqualTo(201);
        assertThat(http.post("/api/customers", Map.of("code", code, "name", "Khách hàng " + code, "branch", branch,
                "commune", commune, "phone", phone, "registeredAt", "2020-01-01T00:00:00Z")).status()).isEqualTo(201);
        if (zalo) {
            assertThat(http.post("/api/customers/" + code + "/notification-channels",
                    Map.of("channel", "ZALO", "registeredAt", "2020-02-01T00:00:00Z")).status()).isEqualTo(201);
        }
        assertThat(http.post("/api/bills", Map.of("customer", code, "period", MONTH.toString(), "amount", 321_000,
                "dueDate", DUE.toString())).status()).isEqualTo(201);
        return code;
    }

    private static List<Received> awaitReceived(String notice, String channel, int count) {
        return await().atMost(PATIENCE).until(() -> received.stream()
                        .filter(r -> r.body().get("notice").asString().equals(notice)
                                && r.body().get("channel").asString().equals(channel)).toList(),
                requests -> requests.size() >= count);
    }

    private static List<JsonNode> awaitHistory(String customer, String type) {
        return await().atMost(PATIENCE).until(() -> {
            Http.Response response = ledger.http().get("/api/audit/customers/" + customer + "/events");
            assertThat(response.status()).isEqualTo(200);
            List<JsonNode> events = new ArrayList<>();
            response.raw().body().lines().filter(line -> !line.isBlank()).map(Http.JSON::readTree)
                    .filter(event -> event.get("type").asString().startsWith("Notice")).forEach(events::add);
            return events;
        }, events -> types(events).contains(type));
    }

    private static List<String> types(List<JsonNode> events) {
        return events.stream().map(event -> event.get("type").asString()).toList();
    }
}
