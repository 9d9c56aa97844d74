package vn.evn.cashless.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import vn.evn.cashless.api.support.EndToEndTest;
import vn.evn.cashless.api.support.Http;

/**
 * Browsers sign in through the form at {@code /login} and are then let into the pages and the API by their session
 * cookie; API clients keep HTTP Basic and 401 problem bodies, are never sent to a page, and never get a session.
 * Form posts and cookie-borne API writes need the CSRF token.
 */
class SignInEndToEndTest extends EndToEndTest {

    /** A browser, as far as cookies and redirects go: it keeps its cookies and does not follow redirects. */
    private final class Browser {

        private final HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();

        HttpResponse<String> get(String path, String... headers) {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).GET();
            if (headers.length > 0) {
                request.headers(headers);
            }
            return send(request);
        }

        HttpResponse<String> postForm(String path, Map<String, String> form) {
            String body = form.entrySet().stream().map(e -> e.getKey() + "="
                    + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
            return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body)));
        }

        HttpResponse<String> postJson(String path, String json, String... headers) {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json));
            if (headers.length > 0) {
                request.headers(headers);
            }
            return send(request);
        }

        JsonNode session() {
            return Http.JSON.readTree(get("/session").body());
        }

        String csrf() {
            return session().get("csrf").get("token").asString();
        }

        HttpResponse<String> signIn(String user, String password) {
            return postForm("/login", Map.of("username", user, "password", password, "_csrf", csrf()));
        }

        private URI uri(String path) {
            return URI.create(http().base() + path);
        }

        private HttpResponse<String> send(HttpRequest.Builder request) {
            try {
                return client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    @Test
    void theDashboardSendsABrowserToTheSignInPageAndTheApiNever() {
        Browser browser = new Browser();
        HttpResponse<String> page = browser.get("/?branch=BM&period=2021-H1");
        assertThat(page.statusCode()).isEqualTo(302);
        assertThat(page.headers().firstValue("Location").orElseThrow()).endsWith("/login");
        HttpResponse<String> signInPage = browser.get("/login");
        assertThat(signInPage.statusCode()).isEqualTo(200);
        assertThat(signInPage.body()).contains("<form method=\"post\" action=\"/login\"").contains("Đăng nhập");

        HttpResponse<String> api = browser.get("/api/branches/BM");
        assertThat(api.statusCode()).isEqualTo(401);
        assertThat(api.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(api.headers().firstValue("WWW-Authenticate").orElseThrow()).startsWith("Basic");
        HttpResponse<String> fetched = browser.get("/api/branches/BM", "X-Requested-With", "fetch");
        assertThat(fetched.statusCode()).isEqualTo(401);
        assertThat(fetched.headers().firstValue("WWW-Authenticate"))
                .as("no Basic challenge for the dashboard's own fetches, or the browser would ask in a dialog")
                .isEmpty();
    }

    @Test
    void aSignedInBrowserReadsTheApiWithItsSessionUnderTheSameRules() {
        String branch = branchWith(uniqueCommuneCode());
        awaitReadModels();
        Browser browser = new Browser();
        assertThat(browser.session().get("user").isNull()).isTrue();

        HttpResponse<String> wrong = browser.signIn("viewer", "not-the-password");
        assertThat(wrong.statusCode()).isEqualTo(302);
        assertThat(wrong.headers().firstValue("Location").orElseThrow()).endsWith("/login?error");
        HttpResponse<String> signedIn = browser.signIn("viewer", "viewer");
        assertThat(signedIn.statusCode()).isEqualTo(302);
        assertThat(signedIn.headers().firstValue("Location").orElseThrow()).doesNotContain("error");
        assertThat(browser.session().get("user").asString()).isEqualTo("viewer");

        assertThat(browser.get("/").statusCode()).isEqualTo(200);
        assertThat(browser.get("/").body()).contains("id=\"indicators\"");
        HttpResponse<String> read = browser.get("/api/branches/" + branch + "/coverage?period=2021-H1");
        assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
        // a viewer's session is a viewer: writing is refused as for Basic
        HttpResponse<String> write = browser.postJson("/api/branches",
                "{\"code\":\"" + uniqueBranchCode() + "\",\"name\":\"x\",\"company\":\"y\"}",
                "X-CSRF-TOKEN", browser.csrf());
        assertThat(write.statusCode()).isEqualTo(403);
        assertThat(write.body()).contains("ACCESS_DENIED");
    }

    @Test
    void aWriteThatRidesOnASessionCookieNeedsTheCsrfToken() {
        Browser browser = new Browser();
        browser.signIn("operator", "operator");
        String body = "{\"code\":\"%s\",\"name\":\"Điện lực thử\",\"company\":\"PC Hà Giang\"}";

        HttpResponse<String> forged = browser.postJson("/api/branches", body.formatted(uniqueBranchCode()));
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(forged.body()).contains("ACCESS_DENIED");
        HttpResponse<String> withToken = browser.postJson("/api/branches", body.formatted(uniqueBranchCode()),
                "X-CSRF-TOKEN", browser.csrf());
        assertThat(withToken.statusCode()).as(withToken.body()).isEqualTo(201);

        HttpResponse<String> signOutWithoutToken = browser.postForm("/logout", Map.of());
        assertThat(signOutWithoutToken.statusCode()).isEqualTo(403);
        assertThat(browser.session().get("user").asString()).isEqualTo("operator");
        HttpResponse<String> signOut = browser.postForm("/logout", Map.of("_csrf", browser.csrf()));
        assertThat(signOut.statusCode()).isEqualTo(302);
        assertThat(signOut.headers().firstValue("Location").orElseThrow()).endsWith("/login?logout");
        assertThat(browser.session().get("user").isNull()).isTrue();
        assertThat(browser.get("/api/branches/BM").statusCode()).isEqualTo(401);
    }

    @Test
    void basicClientsGetNoSessionAndNeedNoToken() {
        Http.Response created = http().post("/api/branches",
                Map.of("code", uniqueBranchCode(), "name", "Điện lực thử", "company", "PC Hà Giang"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.header("Set-Cookie")).isNull();
        Http.Response read = http().as("viewer", "viewer").get("/api/status");
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.header("Set-Cookie")).isNull();
        Http.Response anonymousWrite = http().anonymous().post("/api/branches", Map.of("code", "X"));
        assertThat(anonymousWrite.status()).isEqualTo(401);
        assertThat(anonymousWrite.header("Location")).isNull();
    }
}
