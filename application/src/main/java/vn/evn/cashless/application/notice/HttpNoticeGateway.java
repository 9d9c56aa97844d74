package vn.evn.cashless.application.notice;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;
import vn.evn.cashless.domain.channel.NotificationChannel;

/**
 * The HTTP gateway: each message is one {@code POST {url}/messages} to the channel's gateway, with the notice's
 * idempotency key, so a message asked for again (after a crash, or by another node) is sent once by a gateway that
 * honours the key. The contract, and how every answer maps to delivered, accepted or a failure, is in
 * {@code docs/notices.md}, "The HTTP gateway".
 *
 * <p>Whatever the gateway or the network does comes back as an answer, never as an exception: a refused token is a
 * temporary failure, so a misconfiguration waits for an operator instead of spending the fallback to costlier
 * channels.
 */
public class HttpNoticeGateway implements NoticeGateway {

    private static final Logger log = LoggerFactory.getLogger(HttpNoticeGateway.class);

    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    /** A gateway's answer is a few fields; more than this is read no further. */
    private static final int MAX_ANSWER_BYTES = 16 * 1024;
    /** The history keeps a reason of at most this many characters. */
    private static final int MAX_REASON = 200;
    /** A misconfiguration fails every message: say so once a minute, not once a message. */
    private static final long CONFIGURATION_ERROR_EVERY_NANOS = TimeUnit.MINUTES.toNanos(1);

    /** Where one channel's messages go. */
    private record Target(URI messages, String token) {
    }

    private final Map<NotificationChannel, Target> targets = new EnumMap<>(NotificationChannel.class);
    private final Duration timeout;
    private final ObjectMapper json;
    private final HttpClient client;
    private final AtomicLong lastConfigurationError =
            new AtomicLong(System.nanoTime() - CONFIGURATION_ERROR_EVERY_NANOS);

    public HttpNoticeGateway(NoticeProperties.Http http, ObjectMapper json) {
        this.json = json;
        this.timeout = http.timeout() == null ? DEFAULT_TIMEOUT : http.timeout();
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("ledger.notices.http.timeout must be positive, not " + timeout);
        }
        Map<NotificationChannel, NoticeProperties.Endpoint> own = http.channels() == null ? Map.of() : http.channels();
        for (NotificationChannel channel : NotificationChannel.values()) {
            Target target = target(channel, http, own.get(channel));
            if (target != null) {
                targets.put(channel, target);
            }
        }
        this.client = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /**
     * A channel's own URL comes with its own token only: the common token never goes to another host. A channel's
     * own token without a URL is used at the common URL.
     */
    private static Target target(NotificationChannel channel, NoticeProperties.Http http,
                                 NoticeProperties.Endpoint endpoint) {
        URI url = http.url();
        String token = http.token();
        if (endpoint != null && endpoint.url() != null) {
            url = endpoint.url();
            token = endpoint.token();
        } else if (endpoint != null && endpoint.token() != null) {
            token = endpoint.token();
        }
        if (url == null) {
            return null;
        }
        String scheme = url.getScheme();
        if (!url.isAbsolute() || !("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))
                || url.getHost() == null) {
            throw new IllegalArgumentException("the HTTP gateway for " + channel
                    + " needs an absolute http or https URL, not " + url);
        }
        if (token == null || token.isBlank()) {
            log.warn("The HTTP gateway for {} at {} has no token: messages go without an Authorization header",
                    channel, url);
            token = null;
        }
        if (token != null && !token.strip().matches("[\\x21-\\x7E]+")) {
            // an HTTP header carries visible ASCII only: better refused at start than every message failing
            throw new IllegalArgumentException("the HTTP gateway token for " + channel
                    + " must be visible ASCII characters (letters, digits, punctuation), without spaces");
        }
        String base = url.toString();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return new Target(URI.create(base + "/messages"), token == null ? null : token.strip());
    }

    @Override
    public boolean sends(NotificationChannel channel) {
        return targets.containsKey(channel);
    }

    @Override
    public GatewayAnswer send(GatewayMessage message) {
        Target target = targets.get(message.channel());
        if (target == null) {
            // Nothing could ever send it here: the notice goes on to its next channel.
            return GatewayAnswer.permanentFailure("no HTTP gateway is configured for " + message.channel());
        }
        try {
            return answer(message, exchange(target, message));
        } catch (TimeoutException | HttpTimeoutException e) {
            return GatewayAnswer.temporaryFailure("no answer from the gateway within " + timeout.toMillis() + " ms");
        } catch (ConnectException e) {
            return GatewayAnswer.temporaryFailure(line("could not connect to the gateway at "
                    + target.messages().getAuthority() + ": " + describe(e)));
        } catch (IOException e) {
            return GatewayAnswer.temporaryFailure(line("the connection to the gateway failed: " + describe(e)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return GatewayAnswer.temporaryFailure("interrupted while waiting for the gateway");
        } catch (RuntimeException e) {
            log.error("The HTTP gateway could not send notice {} by {}", message.notice(), message.channel(), e);
            return GatewayAnswer.temporaryFailure(line("could not send: " + describe(e)));
        }
    }

    /** The whole exchange, answer body included, within the timeout: a gateway that stalls mid-body is no answer. */
    private HttpResponse<byte[]> exchange(Target target, GatewayMessage message)
            throws IOException, InterruptedException, TimeoutException {
        ObjectNode body = json.createObjectNode()
                .put("notice", message.notice())
                .put("channel", message.channel().name())
                .put("to", message.to())
                .put("text", message.text())
                .put("customer", message.customer());
        HttpRequest.Builder request = HttpRequest.newBuilder(target.messages())
                .timeout(timeout)
                .header("Content-Type", "application/json; charset=utf-8")
                .header("Accept", "application/json")
                .header("Idempotency-Key", message.idempotencyKey())
                .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)));
        if (target.token() != null) {
            request.header("Authorization", "Bearer " + target.token());
        }
        CompletableFuture<HttpResponse<byte[]>> sent =
                client.sendAsync(request.build(), info -> new CappedBody(MAX_ANSWER_BYTES));
        try {
            return sent.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            throw rethrown(e.getCause());
        } finally {
            sent.cancel(true);
        }
    }

    private static IOException rethrown(Throwable cause) {
        if (cause instanceof IOException io) {
            return io;
        }
        if (cause instanceof RuntimeException runtime) {
            throw runtime;
        }
        return new IOException(cause);
    }

    private GatewayAnswer answer(GatewayMessage message, HttpResponse<byte[]> response) {
        int status = response.statusCode();
        String reason = reason(response.body());
        if (status == 202) {
            return GatewayAnswer.accepted();
        }
        if (status >= 200 && status < 300) {
            return fromStatusField(status, response.body());
        }
        if (status == 401 || status == 403) {
            configurationError("The HTTP gateway refused the token for {} (HTTP {}) at {}: messages wait until "
                    + "the token in ledger.notices.http is fixed", message.channel(), status, response.uri());
            return GatewayAnswer.temporaryFailure(withReason("HTTP " + status
                    + " from the gateway: the token was refused", reason));
        }
        if (status == 408 || status == 429 || status >= 500 && status < 600) {
            return GatewayAnswer.temporaryFailure(withReason("HTTP " + status + " from the gateway", reason));
        }
        if (status >= 400 && status < 500) {
            return GatewayAnswer.permanentFailure(reason != null ? reason : "HTTP " + status + " from the gateway");
        }
        if (status >= 300 && status < 400) {
            configurationError("The HTTP gateway for {} answered HTTP {} at {}: redirects are not followed, "
                    + "configure the URL it points to", message.channel(), status, response.uri());
        }
        return GatewayAnswer.temporaryFailure(withReason("HTTP " + status + " from the gateway", reason));
    }

    /** A 2xx other than 202 says in its body what became of the message. */
    private GatewayAnswer fromStatusField(int status, byte[] body) {
        JsonNode answer = tree(body);
        String said = answer == null ? null : answer.path("status").stringValue(null);
        if (said == null) {
            return GatewayAnswer.temporaryFailure("HTTP " + status + " from the gateway without a readable status");
        }
        return switch (said) {
            case "DELIVERED" -> GatewayAnswer.delivered();
            case "ACCEPTED", "SENT" -> GatewayAnswer.accepted();
            default -> GatewayAnswer.temporaryFailure(line("HTTP " + status + " from the gateway with an unknown "
                    + "status: " + said));
        };
    }

    /** The {@code reason} of an error body, if it has a readable one. */
    private String reason(byte[] body) {
        JsonNode answer = tree(body);
        String reason = answer == null ? null : answer.path("reason").stringValue(null);
        return reason == null || reason.isBlank() ? null : line(reason);
    }

    private JsonNode tree(byte[] body) {
        if (body == null || body.length == 0) {
            return null;
        }
        try {
            JsonNode tree = json.readTree(body);
            return tree != null && tree.isObject() ? tree : null;
        } catch (JacksonException e) {
            return null;
        }
    }

    private void configurationError(String format, Object... arguments) {
        long now = System.nanoTime();
        long last = lastConfigurationError.get();
        if (now - last >= CONFIGURATION_ERROR_EVERY_NANOS && lastConfigurationError.compareAndSet(last, now)) {
            log.error(format, arguments);
        }
    }

    private static String withReason(String what, String reason) {
        return line(reason == null ? what : what + ": " + reason);
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    /** One short line, as the history keeps it. */
    static String line(String text) {
        String line = text.replaceAll("\\p{Cntrl}+", " ").strip();
        if (line.length() <= MAX_REASON) {
            return line;
        }
        int end = MAX_REASON;
        if (Character.isHighSurrogate(line.charAt(end - 1))) {
            end--;
        }
        return line.substring(0, end);
    }

    /** Keeps the first bytes of an answer and drops the rest. */
    private static final class CappedBody implements HttpResponse.BodySubscriber<byte[]> {

        private final int limit;
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final CompletableFuture<byte[]> body = new CompletableFuture<>();
        private Flow.Subscription subscription;

        CappedBody(int limit) {
            this.limit = limit;
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return body;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            for (ByteBuffer buffer : buffers) {
                int taken = Math.min(limit - bytes.size(), buffer.remaining());
                if (taken > 0) {
                    byte[] chunk = new byte[taken];
                    buffer.get(chunk);
                    bytes.write(chunk, 0, taken);
                }
            }
            if (bytes.size() >= limit) {
                subscription.cancel();
                body.complete(bytes.toByteArray());
            }
        }

        @Override
        public void onError(Throwable error) {
            body.completeExceptionally(error);
        }

        @Override
        public void onComplete() {
            body.complete(bytes.toByteArray());
        }
    }
}
