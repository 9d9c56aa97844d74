package vn.evn.cashless.api.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A plain HTTP client of the running application, as any other client would be. */
public final class Http {

    public static final JsonMapper JSON = JsonMapper.builder().build();

    /** What the client sees: status, headers and the body, parsed when it is JSON. */
    public record Response(int status, HttpResponse<String> raw, JsonNode json) {

        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        public String contentType() {
            return header("Content-Type");
        }

        @Override
        public String toString() {
            return status + " " + raw.body();
        }
    }

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final String base;
    private final String authorization;

    /** A client signed in as the {@link Tester}. */
    public Http(int port) {
        this("http://localhost:" + port, Tester.authorization());
    }

    private Http(String base, String authorization) {
        this.base = base;
        this.authorization = authorization;
    }

    /** The same client signed in as another user. */
    public Http as(String user, String password) {
        return new Http(base, Tester.basic(user, password));
    }

    /** The same client without credentials. */
    public Http anonymous() {
        return new Http(base, null);
    }

    private HttpRequest.Builder signedIn(HttpRequest.Builder builder) {
        return authorization == null ? builder : builder.header("Authorization", authorization);
    }

    public Response get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET(), Map.of());
    }

    public Response delete(String path) {
        return send(HttpRequest.newBuilder(uri(path)).DELETE(), Map.of());
    }

    public Response post(String path, Object body) {
        return post(path, body, Map.of());
    }

    public Response post(String path, Object body, Map<String, String> headers) {
        return send(HttpRequest.newBuilder(uri(path)).POST(body(body)), headers);
    }

    public Response put(String path, Object body) {
        return send(HttpRequest.newBuilder(uri(path)).PUT(body(body)), Map.of());
    }

    /** Any method, with a body (or {@code null} for none) and headers that replace the defaults. */
    public Response request(String method, String path, Object body, Map<String, String> headers) {
        return send(HttpRequest.newBuilder(uri(path)).method(method, body == null
                ? HttpRequest.BodyPublishers.noBody() : body(body)), headers);
    }

    /** Streams a line-per-record answer (NDJSON) and counts its lines, never holding the body whole. */
    public long countLines(String path) {
        try {
            HttpResponse<java.io.InputStream> response = client.send(signedIn(HttpRequest.newBuilder(uri(path)))
                    .GET().timeout(Duration.ofMinutes(10)).build(), HttpResponse.BodyHandlers.ofInputStream());
            if (response.statusCode() != 200) {
                throw new AssertionError(path + " answered " + response.statusCode());
            }
            // read in blocks: a byte at a time, the client spent more time per event than the server did
            long lines = 0;
            byte[] block = new byte[1 << 16];
            try (java.io.InputStream body = response.body()) {
                for (int read = body.read(block); read != -1; read = body.read(block)) {
                    for (int i = 0; i < read; i++) {
                        if (block[i] == '\n') {
                            lines++;
                        }
                    }
                }
            }
            return lines;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A binary answer (a spreadsheet): status, headers and the bytes as they came. */
    public HttpResponse<byte[]> bytes(String path) {
        try {
            return client.send(signedIn(HttpRequest.newBuilder(uri(path))).GET().timeout(Duration.ofSeconds(60))
                    .build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Where the application answers, e.g. {@code http://localhost:8080}, for a browser. */
    public String base() {
        return base;
    }

    private URI uri(String path) {
        return URI.create(base + path);
    }

    /** A String is sent as it is (to send malformed JSON); anything else is written as JSON. */
    private static HttpRequest.BodyPublisher body(Object body) {
        String text = body instanceof String s ? s : JSON.writeValueAsString(body);
        return HttpRequest.BodyPublishers.ofString(text, StandardCharsets.UTF_8);
    }

    private Response send(HttpRequest.Builder builder, Map<String, String> headers) {
        signedIn(builder).header("Content-Type", "application/json").timeout(Duration.ofSeconds(60));
        headers.forEach(builder::setHeader);
        try {
            HttpResponse<String> response = client.send(builder.build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            String type = response.headers().firstValue("Content-Type").orElse("");
            boolean oneDocument = type.contains("json") && !type.contains("ndjson");
            JsonNode json = oneDocument && !response.body().isEmpty() ? JSON.readTree(response.body()) : null;
            return new Response(response.statusCode(), response, json);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
