package vn.evn.cashless.application.notice;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import vn.evn.cashless.domain.channel.NotificationChannel;
import vn.evn.cashless.domain.notice.AttemptResult;

/** The HTTP gateway against a stub gateway on a local port: what it sends, and what it makes of every answer. */
class HttpNoticeGatewayTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String TOKEN = "s3cr3t-token";
    private static final String TEXT = "EVN thông báo: tiền điện kỳ 06/2021 của khách hàng PA20BM0001234 là "
            + "1.234.567 đồng, hạn thanh toán 15/07/2021.";
    private static final GatewayMessage ZALO_MESSAGE = new GatewayMessage("PA20BM0001234-2021-06-BILL-ZALO",
            "PA20BM0001234-2021-06-BILL", NotificationChannel.ZALO, "0912345678", "PA20BM0001234", "0912345678", TEXT);
    private static final GatewayMessage SMS_MESSAGE = new GatewayMessage("PA20BM0001234-2021-06-BILL-SMS",
            "PA20BM0001234-2021-06-BILL", NotificationChannel.SMS, "0912345678", "PA20BM0001234", "0912345678", TEXT);

    /** A request as the stub received it. */
    private record Received(String method, String path, String authorization, String idempotencyKey,
                            String contentType, byte[] body) {
    }

    /** What the stub answers: a status and a body, or nothing at all until the test ends. */
    private record Reply(int status, String body) {
    }

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final CountDownLatch testOver = new CountDownLatch(1);
    private ExecutorService stubThreads;
    private HttpServer stub;
    private volatile Reply reply = new Reply(200, "{\"status\":\"DELIVERED\"}");

    @BeforeEach
    void startStub() throws IOException {
        stubThreads = Executors.newCachedThreadPool();
        stub = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        stub.setExecutor(stubThreads);
        stub.createContext("/", this::answer);
        stub.start();
    }

    @AfterEach
    void stopStub() {
        testOver.countDown();
        stub.stop(0);
        stubThreads.shutdownNow();
    }

    private void answer(HttpExchange exchange) throws IOException {
        try {
            received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders().getFirst("Authorization"),
                    exchange.getRequestHeaders().getFirst("Idempotency-Key"),
                    exchange.getRequestHeaders().getFirst("Content-Type"), exchange.getRequestBody().readAllBytes()));
            Reply now = reply;
            if (now == null) {
                await();
                return;
            }
            byte[] body = now.body() == null ? new byte[0] : now.body().getBytes(UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(now.status(), body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        } finally {
            exchange.close();
        }
    }

    private void await() {
        try {
            testOver.await(1, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + stub.getAddress().getPort() + path);
    }

    private HttpNoticeGateway gateway() {
        return gateway(Duration.ofSeconds(5));
    }

    private HttpNoticeGateway gateway(Duration timeout) {
        return new HttpNoticeGateway(new NoticeProperties.Http(url("/gateway/"), TOKEN, timeout, null), JSON);
    }

    private GatewayAnswer answerTo(int status, String body) {
        reply = new Reply(status, body);
        return gateway().send(ZALO_MESSAGE);
    }

    // What goes out

    @Test
    void postsTheMessageWithTheTokenAndTheIdempotencyKey() {
        gateway().send(ZALO_MESSAGE);

        assertThat(received).hasSize(1);
        Received request = received.get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/gateway/messages");
        assertThat(request.authorization()).isEqualTo("Bearer " + TOKEN);
        assertThat(request.idempotencyKey()).isEqualTo("PA20BM0001234-2021-06-BILL-ZALO");
        assertThat(request.contentType()).isEqualTo("application/json; charset=utf-8");
    }

    @Test
    void bodyCarriesNoticeChannelRecipientTextAndCustomer() {
        gateway().send(ZALO_MESSAGE);

        JsonNode body = JSON.readTree(received.get(0).body());
        assertThat(body.propertyNames()).containsExactlyInAnyOrder("notice", "channel", "to", "text", "customer");
        assertThat(body.get("notice").stringValue()).isEqualTo("PA20BM0001234-2021-06-BILL");
        assertThat(body.get("channel").stringValue()).isEqualTo("ZALO");
        assertThat(body.get("to").stringValue()).isEqualTo("0912345678");
        assertThat(body.get("text").stringValue()).isEqualTo(TEXT);
        assertThat(body.get("customer").stringValue()).isEqualTo("PA20BM0001234");
    }

    @Test
    void vietnameseTextArrivesAsUtf8BytesUnescaped() {
        gateway().send(ZALO_MESSAGE);

        assertThat(new String(received.get(0).body(), UTF_8)).contains("\"text\":\"" + TEXT + "\"");
    }

    @Test
    void sameMessageSentAgainCarriesTheSameIdempotencyKey() {
        HttpNoticeGateway gateway = gateway();
        gateway.send(ZALO_MESSAGE);
        gateway.send(ZALO_MESSAGE);

        assertThat(received).extracting(Received::idempotencyKey).containsExactly(ZALO_MESSAGE.idempotencyKey(),
                ZALO_MESSAGE.idempotencyKey());
    }

    // What comes back

    @Test
    void deliveredStatusIsADelivery() {
        assertThat(answerTo(200, "{\"status\":\"DELIVERED\"}")).isEqualTo(GatewayAnswer.delivered());
    }

    @Test
    void http202IsAcceptedWhateverItsBody() {
        assertThat(answerTo(202, null)).isEqualTo(GatewayAnswer.accepted());
        assertThat(answerTo(202, "{\"status\":\"DELIVERED\"}")).isEqualTo(GatewayAnswer.accepted());
    }

    @ParameterizedTest
    @ValueSource(strings = {"ACCEPTED", "SENT"})
    void acceptedOrSentStatusIsAccepted(String status) {
        assertThat(answerTo(200, "{\"status\":\"" + status + "\",\"id\":\"g-1\"}")).isEqualTo(GatewayAnswer.accepted());
    }

    @Test
    void unknownStatusIsATemporaryFailure() {
        assertThat(answerTo(200, "{\"status\":\"QUEUED\"}")).isEqualTo(
                GatewayAnswer.temporaryFailure("HTTP 200 from the gateway with an unknown status: QUEUED"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not json", "[\"DELIVERED\"]", "{\"status\":1}", "{\"state\":\"DELIVERED\"}",
            "{\"status\":\"DELIVERED\""})
    void okWithoutAReadableStatusIsATemporaryFailure(String body) {
        assertThat(answerTo(200, body)).isEqualTo(
                GatewayAnswer.temporaryFailure("HTTP 200 from the gateway without a readable status"));
    }

    @Test
    void clientErrorWithAReasonIsAPermanentFailureForThatReason() {
        assertThat(answerTo(404, "{\"reason\":\"not a Zalo user\"}"))
                .isEqualTo(GatewayAnswer.permanentFailure("not a Zalo user"));
        assertThat(answerTo(422, "{\"reason\":\"unreachable\"}"))
                .isEqualTo(GatewayAnswer.permanentFailure("unreachable"));
    }

    @Test
    void gatewaysVietnameseReasonIsKept() {
        assertThat(answerTo(422, "{\"reason\":\"thuê bao không liên lạc được\"}"))
                .isEqualTo(GatewayAnswer.permanentFailure("thuê bao không liên lạc được"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "<html>Not Found</html>", "{\"reason\":\"\"}", "{\"reason\":42}"})
    void clientErrorWithoutAReasonIsAPermanentFailureNamingTheStatus(String body) {
        assertThat(answerTo(410, body)).isEqualTo(GatewayAnswer.permanentFailure("HTTP 410 from the gateway"));
    }

    @Test
    void reasonIsOneShortLine() {
        GatewayAnswer answer = answerTo(422, "{\"reason\":\"line one\\r\\nline two\\t" + "x".repeat(500) + "\"}");

        assertThat(answer.result()).isEqualTo(AttemptResult.FAILED_PERMANENT);
        assertThat(answer.reason()).startsWith("line one line two x").hasSize(200).doesNotContain("\n", "\r", "\t");
    }

    @Test
    void hugeAnswerIsReadNoFurtherThanItsStart() {
        GatewayAnswer answer = answerTo(500, "{\"reason\":\"" + "y".repeat(2_000_000) + "\"}");

        assertThat(answer).isEqualTo(GatewayAnswer.temporaryFailure("HTTP 500 from the gateway"));
    }

    @ParameterizedTest
    @ValueSource(ints = {401, 403})
    void refusedTokenIsATemporaryFailureSoNoFallbackIsSpent(int status) {
        assertThat(answerTo(status, "{\"reason\":\"invalid token\"}")).isEqualTo(GatewayAnswer.temporaryFailure(
                "HTTP " + status + " from the gateway: the token was refused: invalid token"));
    }

    @ParameterizedTest
    @ValueSource(ints = {408, 429, 500, 502, 503, 504})
    void busyOrBrokenGatewayIsATemporaryFailure(int status) {
        assertThat(answerTo(status, null))
                .isEqualTo(GatewayAnswer.temporaryFailure("HTTP " + status + " from the gateway"));
    }

    @Test
    void serverErrorKeepsTheGatewaysReason() {
        assertThat(answerTo(503, "{\"reason\":\"maintenance until 02:00\"}"))
                .isEqualTo(GatewayAnswer.temporaryFailure("HTTP 503 from the gateway: maintenance until 02:00"));
    }

    @Test
    void redirectIsNotFollowedAndIsATemporaryFailure() {
        assertThat(answerTo(302, null)).isEqualTo(GatewayAnswer.temporaryFailure("HTTP 302 from the gateway"));
        assertThat(received).hasSize(1);
    }

    // The network

    @Test
    void gatewayThatDoesNotAnswerInTimeIsATemporaryFailure() {
        reply = null;
        long start = System.nanoTime();

        GatewayAnswer answer = gateway(Duration.ofMillis(300)).send(ZALO_MESSAGE);

        assertThat(answer).isEqualTo(GatewayAnswer.temporaryFailure("no answer from the gateway within 300 ms"));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void gatewayThatStallsInTheMiddleOfItsAnswerIsATemporaryFailure() {
        stub.createContext("/stalling", exchange -> {
            exchange.sendResponseHeaders(200, 1000);
            exchange.getResponseBody().write("{\"status\":".getBytes(UTF_8));
            exchange.getResponseBody().flush();
            await();
            exchange.close();
        });
        HttpNoticeGateway gateway = new HttpNoticeGateway(
                new NoticeProperties.Http(url("/stalling"), TOKEN, Duration.ofMillis(300), null), JSON);
        long start = System.nanoTime();

        GatewayAnswer answer = gateway.send(ZALO_MESSAGE);

        assertThat(answer).isEqualTo(GatewayAnswer.temporaryFailure("no answer from the gateway within 300 ms"));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void refusedConnectionIsATemporaryFailure() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        HttpNoticeGateway gateway = new HttpNoticeGateway(new NoticeProperties.Http(
                URI.create("http://127.0.0.1:" + closedPort), TOKEN, Duration.ofSeconds(5), null), JSON);

        GatewayAnswer answer = gateway.send(ZALO_MESSAGE);

        assertThat(answer.result()).isEqualTo(AttemptResult.FAILED_TEMPORARY);
        assertThat(answer.reason()).startsWith("could not connect to the gateway at 127.0.0.1:" + closedPort);
    }

    // Channels

    @Test
    void commonUrlSendsEveryChannel() {
        HttpNoticeGateway gateway = gateway();

        assertThat(gateway.sends(NotificationChannel.ZALO)).isTrue();
        assertThat(gateway.sends(NotificationChannel.APP)).isTrue();
        assertThat(gateway.sends(NotificationChannel.SMS)).isTrue();
    }

    @Test
    void channelsOwnEndpointOverridesTheCommonOne() {
        HttpNoticeGateway gateway = new HttpNoticeGateway(new NoticeProperties.Http(url("/common"), TOKEN,
                Duration.ofSeconds(5), Map.of(NotificationChannel.SMS,
                new NoticeProperties.Endpoint(url("/sms"), "sms-token"))), JSON);

        gateway.send(SMS_MESSAGE);
        gateway.send(ZALO_MESSAGE);

        assertThat(received).extracting(Received::path, Received::authorization).containsExactly(
                tuple("/sms/messages", "Bearer sms-token"),
                tuple("/common/messages", "Bearer " + TOKEN));
    }

    @Test
    void channelsOwnUrlNeverGetsTheCommonToken() {
        HttpNoticeGateway gateway = new HttpNoticeGateway(new NoticeProperties.Http(url("/common"), TOKEN,
                Duration.ofSeconds(5), Map.of(NotificationChannel.SMS,
                new NoticeProperties.Endpoint(url("/sms"), null))), JSON);

        gateway.send(SMS_MESSAGE);

        assertThat(received.get(0).path()).isEqualTo("/sms/messages");
        assertThat(received.get(0).authorization()).isNull();
    }

    @Test
    void channelsOwnTokenAloneGoesToTheCommonUrl() {
        HttpNoticeGateway gateway = new HttpNoticeGateway(new NoticeProperties.Http(url("/common"), TOKEN,
                Duration.ofSeconds(5), Map.of(NotificationChannel.SMS,
                new NoticeProperties.Endpoint(null, "sms-token"))), JSON);

        gateway.send(SMS_MESSAGE);

        assertThat(received).extracting(Received::path, Received::authorization).containsExactly(
                tuple("/common/messages", "Bearer sms-token"));
    }

    @Test
    void onlyChannelsWithAUrlAreSent() {
        HttpNoticeGateway gateway = new HttpNoticeGateway(new NoticeProperties.Http(null, null, Duration.ofSeconds(5),
                Map.of(NotificationChannel.SMS, new NoticeProperties.Endpoint(url("/sms"), "sms-token"))), JSON);

        assertThat(gateway.sends(NotificationChannel.SMS)).isTrue();
        assertThat(gateway.sends(NotificationChannel.ZALO)).isFalse();
        assertThat(gateway.sends(NotificationChannel.APP)).isFalse();
        assertThat(gateway.send(ZALO_MESSAGE))
                .isEqualTo(GatewayAnswer.permanentFailure("no HTTP gateway is configured for ZALO"));
        assertThat(received).isEmpty();
    }

    @Test
    void urlThatIsNotHttpIsRefusedAtStart() {
        assertThatThrownBy(() -> new HttpNoticeGateway(new NoticeProperties.Http(URI.create("ftp://gateway/"), TOKEN,
                Duration.ofSeconds(5), null), JSON)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new HttpNoticeGateway(new NoticeProperties.Http(URI.create("gateway/messages"), TOKEN,
                Duration.ofSeconds(5), null), JSON)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void tokenAHeaderCannotCarryIsRefusedAtStart() {
        assertThatThrownBy(() -> new HttpNoticeGateway(new NoticeProperties.Http(url("/"), "bí-mật",
                Duration.ofSeconds(5), null), JSON)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("visible ASCII");
        assertThatThrownBy(() -> new HttpNoticeGateway(new NoticeProperties.Http(url("/"), "two words",
                Duration.ofSeconds(5), null), JSON)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void timeoutMustBePositive() {
        assertThatThrownBy(() -> new HttpNoticeGateway(new NoticeProperties.Http(url("/"), TOKEN, Duration.ZERO, null),
                JSON)).isInstanceOf(IllegalArgumentException.class);
    }
}
