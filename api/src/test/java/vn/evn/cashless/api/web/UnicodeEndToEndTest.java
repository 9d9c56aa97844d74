package vn.evn.cashless.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.evn.cashless.api.support.EndToEndTest;
import vn.evn.cashless.api.support.Http;

/**
 * Vietnamese text can reach the ledger composed (NFC) or decomposed (NFD); a person sees the same name either way,
 * and so must the ledger: one provider, one payment, the text stored and returned composed.
 */
class UnicodeEndToEndTest extends EndToEndTest {

    private static final String PROVIDER = "VíViệt";
    private static final String NAME = "Nguyễn Thị Hồng Nhung";

    private static String nfd(String text) {
        String decomposed = Normalizer.normalize(text, Normalizer.Form.NFD);
        assertThat(decomposed).isNotEqualTo(text);
        return decomposed;
    }

    @Test
    void aProviderSentDecomposedAndComposedIsOnePayment() {
        String customer = customerInNewBranch();
        bill(customer, "2021-06", 200_000);

        Http.Response decomposed = pay(customer, "2021-06", 200_000, "E_WALLET", nfd(PROVIDER), "VV-1",
                "2021-06-10T03:00:00Z");
        Http.Response composed = pay(customer, "2021-06", 200_000, "E_WALLET", PROVIDER, "VV-1",
                "2021-06-10T03:00:00Z");

        assertThat(decomposed.status()).as(decomposed.toString()).isEqualTo(201);
        assertThat(composed.status()).as("the same notification again").isEqualTo(200);
        String id = decomposed.json().get("id").asString();
        assertThat(composed.json().get("id").asString()).isEqualTo(id);
        awaitReadModels();
        assertThat(http().get("/api/payments/" + id).json().get("provider").asString()).isEqualTo(PROVIDER);
        assertThat(http().get("/api/customers/" + customer + "/payments").json().get("payments")).hasSize(1);
    }

    @Test
    void aNameSentDecomposedIsStoredComposedAndVietnameseRoundTrips() {
        String commune = uniqueCommuneCode();
        String branch = branchWith(commune);
        String code = uniqueCustomerCode();
        Http.Response registered = http().post("/api/customers", Map.of("code", code, "name", nfd(NAME),
                "branch", branch, "commune", commune, "registeredAt", "2020-01-01T00:00:00Z"));
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        assertThat(registered.json().get("name").asString()).isEqualTo(NAME);

        awaitReadModels();
        assertThat(http().get("/api/customers/" + code).json().get("name").asString()).isEqualTo(NAME);
        assertThat(http().get("/api/audit/customers/" + code + "/events").raw().body()).contains(NAME)
                .doesNotContain(nfd(NAME));
    }

    @Test
    void aPathVariableSentDecomposedNamesTheComposedProvider() {
        String customer = customerInNewBranch();
        String channels = "/api/customers/" + customer + "/payment-channels";
        assertThat(http().post(channels, Map.of("kind", "E_WALLET", "provider", PROVIDER,
                "registeredAt", "2020-06-01T00:00:00Z")).status()).isEqualTo(201);

        Http.Response unregistered = http().delete(channels + "/"
                + URLEncoder.encode(nfd(PROVIDER), StandardCharsets.UTF_8) + "?at=2021-09-01T00:00:00Z");

        assertThat(unregistered.status()).as(unregistered.toString()).isEqualTo(200);
        assertThat(unregistered.json().get("provider").asString()).isEqualTo(PROVIDER);
    }
}
