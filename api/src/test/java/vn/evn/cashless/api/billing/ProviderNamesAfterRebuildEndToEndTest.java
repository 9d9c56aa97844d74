package vn.evn.cashless.api.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import vn.evn.cashless.api.support.EndToEndTest;
import vn.evn.cashless.api.support.Http;

/**
 * A node skips writing a provider's name for a payment once it has seen that name committed; a rebuild of the
 * command-side look-ups replaces the table under it. Payments before and after the rebuild, in other spellings,
 * still count under the first spelling, and registrations in yet another spelling are the same provider.
 */
class ProviderNamesAfterRebuildEndToEndTest extends EndToEndTest {

    private static final String PAID_AT = "2021-05-20T03:00:00Z";

    @Test
    void aProviderKeepsItsFirstSpellingAcrossARebuildOfTheLookUps() {
        String provider = "Ví Nhớ " + uniqueBranchCode();
        String commune = uniqueCommuneCode();
        String branch = branchWith(commune);
        String first = customer(branch, commune);
        String second = customer(branch, commune);
        String third = customer(branch, commune);
        bill(first, "2021-05", 100_000);
        bill(second, "2021-05", 100_000);
        bill(third, "2021-05", 100_000);

        assertRecordedUnder(provider, pay(first, "2021-05", 100_000, "E_WALLET", provider, "VN-1", PAID_AT), 201);
        assertRecordedUnder(provider, pay(second, "2021-05", 40_000, "E_WALLET", provider.toUpperCase(), "VN-2",
                PAID_AT), 201);

        Http.Response started = http().post("/api/admin/projections/command-lookups/rebuild", Map.of());
        assertThat(started.status()).as(started.toString()).isEqualTo(202);
        String job = started.json().get("id").asString();
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(100)).until(() ->
                !http().get("/api/admin/jobs/" + job).json().get("state").asString().equals("RUNNING"));
        assertThat(http().get("/api/admin/jobs/" + job).json().get("state").asString()).isEqualTo("SUCCEEDED");

        assertRecordedUnder(provider, pay(second, "2021-05", 60_000, "E_WALLET", provider.toLowerCase(), "VN-3",
                PAID_AT), 201);
        assertRecordedUnder(provider, pay(first, "2021-05", 100_000, "E_WALLET", provider.toLowerCase(), "VN-1",
                PAID_AT), 200);
        Http.Response registered = http().post("/api/customers/" + third + "/payment-channels",
                Map.of("kind", "E_WALLET", "provider", provider.toUpperCase(), "registeredAt",
                        "2021-01-01T00:00:00Z"));
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        assertRecordedUnder(provider, pay(third, "2021-05", 100_000, "E_WALLET", provider, "VN-4", PAID_AT), 201);

        awaitReadModels();
        JsonNode channels = http().get("/api/branches/" + branch + "/channels?period=2021-05").json();
        assertThat(channels.get("channels")).singleElement().satisfies(row -> {
            assertThat(row.get("provider").asString()).isEqualTo(provider);
            assertThat(row.get("payments").asLong()).isEqualTo(4);
            assertThat(row.get("amount").asLong()).isEqualTo(300_000);
        });
    }

    private static void assertRecordedUnder(String provider, Http.Response answer, int status) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(status);
        assertThat(answer.json().get("provider").asString()).isEqualTo(provider);
    }
}
