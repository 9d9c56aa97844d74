package vn.evn.cashless.api.billing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import vn.evn.cashless.api.support.AtOnce;
import vn.evn.cashless.api.support.EndToEndTest;
import vn.evn.cashless.api.support.Http;

/** A provider is one provider whatever the letter case it is sent in, recorded under its first spelling. */
class ProviderNamesEndToEndTest extends EndToEndTest {

    @Test
    void aResendInAnotherCaseIsTheSamePaymentAndEveryPaymentCountsUnderTheFirstSpelling() {
        String provider = "Ví Việt " + uniqueBranchCode();
        String commune = uniqueCommuneCode();
        String branch = branchWith(commune);
        String first = customer(branch, commune);
        String second = customer(branch, commune);
        bill(first, "2021-05", 300_000);
        bill(second, "2021-05", 200_000);

        Http.Response paid = pay(first, "2021-05", 300_000, "E_WALLET", provider, "VV-1", "2021-05-20T03:00:00Z");
        Http.Response resent = pay(first, "2021-05", 300_000, "E_WALLET", provider.toUpperCase(), "VV-1",
                "2021-05-20T03:00:00Z");
        Http.Response other = pay(second, "2021-05", 200_000, "E_WALLET", provider.toLowerCase(), "VV-2",
                "2021-05-21T03:00:00Z");

        assertThat(paid.status()).as(paid.toString()).isEqualTo(201);
        assertThat(resent.status()).as(resent.toString()).isEqualTo(200);
        assertThat(resent.json().get("id")).isEqualTo(paid.json().get("id"));
        assertThat(resent.json().get("provider").asString()).isEqualTo(provider);
        assertThat(other.status()).as(other.toString()).isEqualTo(201);
        assertThat(other.json().get("provider").asString()).isEqualTo(provider);

        awaitReadModels();
        JsonNode channels = http().get("/api/branches/" + branch + "/channels?period=2021-05").json();
        assertThat(channels.get("channels")).singleElement().satisfies(row -> {
            assertThat(row.get("provider").asString()).isEqualTo(provider);
            assertThat(row.get("payments").asLong()).isEqualTo(2);
            assertThat(row.get("amount").asLong()).isEqualTo(500_000);
        });
    }

    @Test
    void aRegistrationInAnotherCaseIsTheSameRegistration() {
        String provider = "Ngân hàng " + uniqueBranchCode();
        String commune = uniqueCommuneCode();
        String branch = branchWith(commune);
        String customer = customer(branch, commune);
        Http.Response registered = http().post("/api/customers/" + customer + "/payment-channels",
                Map.of("kind", "BANK", "provider", provider, "registeredAt", "2021-01-01T00:00:00Z"));
        Http.Response again = http().post("/api/customers/" + customer + "/payment-channels",
                Map.of("kind", "BANK", "provider", provider.toUpperCase(), "registeredAt", "2021-02-01T00:00:00Z"));
        Http.Response ended = http().delete("/api/customers/" + customer + "/payment-channels/"
                + java.net.URLEncoder.encode(provider.toLowerCase(), java.nio.charset.StandardCharsets.UTF_8)
                .replace("+", "%20") + "?at=2021-03-01T00:00:00Z");

        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        assertThat(again.status()).as(again.toString()).isEqualTo(409);
        assertThat(again.json().get("code").asString()).isEqualTo("PAYMENT_CHANNEL_ALREADY_REGISTERED");
        assertThat(ended.status()).as(ended.toString()).isEqualTo(200);

        // another customer registered with the name in capitals is told the name as first recorded
        String other = customer(branch, commune);
        Http.Response capitals = http().post("/api/customers/" + other + "/payment-channels",
                Map.of("kind", "BANK", "provider", provider.toUpperCase(), "registeredAt", "2021-01-01T00:00:00Z"));
        assertThat(capitals.status()).as(capitals.toString()).isEqualTo(201);
        assertThat(capitals.json().get("provider").asString()).isEqualTo(provider);
    }

    @Test
    void aRefusedRequestDoesNotGiveTheProviderItsName() {
        String provider = "Ví Mới " + uniqueBranchCode();
        String capitals = provider.toUpperCase(Locale.ROOT);
        String commune = uniqueCommuneCode();
        String branch = branchWith(commune);
        String customer = customer(branch, commune);
        bill(customer, "2021-05", 100_000);

        Http.Response tooMuch = pay(customer, "2021-05", 999_999, "E_WALLET", capitals, "VM-1",
                "2021-05-20T03:00:00Z");
        Http.Response noBill = pay(customer, "2021-06", 1_000, "E_WALLET", capitals, "VM-2", "2021-06-20T03:00:00Z");
        Http.Response noCustomer = http().post("/api/customers/" + uniqueCustomerCode() + "/payment-channels",
                Map.of("kind", "E_WALLET", "provider", capitals, "registeredAt", "2021-01-01T00:00:00Z"));
        assertThat(tooMuch.status()).as(tooMuch.toString()).isEqualTo(422);
        assertThat(noBill.status()).as(noBill.toString()).isEqualTo(404);
        assertThat(noCustomer.status()).as(noCustomer.toString()).isEqualTo(404);

        // the first request that is recorded gives the name, not the ones refused before it
        Http.Response paid = pay(customer, "2021-05", 100_000, "E_WALLET", provider, "VM-3", "2021-05-20T03:00:00Z");
        assertThat(paid.status()).as(paid.toString()).isEqualTo(201);
        assertThat(paid.json().get("provider").asString()).isEqualTo(provider);
        Http.Response registered = http().post("/api/customers/" + customer + "/payment-channels",
                Map.of("kind", "E_WALLET", "provider", capitals, "registeredAt", "2021-01-01T00:00:00Z"));
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        assertThat(registered.json().get("provider").asString()).isEqualTo(provider);
    }

    @Test
    void clientsNamingANewProviderAtOnceInDifferentSpellingsAllRecordItUnderOneName() throws Exception {
        int clients = 16;
        String provider = "Ví Đua " + uniqueBranchCode();
        List<String> spellings = List.of(provider, provider.toUpperCase(Locale.ROOT),
                provider.toLowerCase(Locale.ROOT), "vÍ đUA " + provider.substring("Ví Đua ".length()));
        String commune = uniqueCommuneCode();
        String branch = branchWith(commune);
        List<String> customers = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            customers.add(customer(branch, commune));
            bill(customers.get(i), "2021-05", 100_000);
        }

        List<Http.Response> answers = AtOnce.run(clients, i -> pay(customers.get(i), "2021-05", 100_000, "E_WALLET",
                spellings.get(i % spellings.size()), "VD-" + i, "2021-05-20T03:00:00Z"));

        assertThat(answers).allSatisfy(answer -> assertThat(answer.status()).as(answer.toString()).isEqualTo(201));
        String name = answers.get(0).json().get("provider").asString();
        assertThat(spellings).contains(name);
        assertThat(answers).allSatisfy(answer ->
                assertThat(answer.json().get("provider").asString()).as(answer.toString()).isEqualTo(name));
        awaitReadModels();
        JsonNode channels = http().get("/api/branches/" + branch + "/channels?period=2021-05").json();
        assertThat(channels.get("channels")).singleElement().satisfies(row -> {
            assertThat(row.get("provider").asString()).isEqualTo(name);
            assertThat(row.get("payments").asLong()).isEqualTo(clients);
        });
    }

    @Test
    void aFileNamingANewProviderInTwoSpellingsRecordsEveryLineUnderTheFirst() {
        String provider = "Thu hộ " + uniqueBranchCode();
        String commune = uniqueCommuneCode();
        String branch = branchWith(commune);
        StringBuilder csv = new StringBuilder("customer,period,amount,kind,provider,externalRef,paidAt\n");
        for (int i = 0; i < 6; i++) {
            String customer = customer(branch, commune);
            bill(customer, "2021-05", 100_000);
            String spelling = i % 2 == 0 ? provider : provider.toUpperCase(Locale.ROOT);
            csv.append(customer).append(",2021-05,100000,COLLECTOR,").append(spelling).append(",TH-").append(i)
                    .append(",2021-05-20T10:00:00+07:00\n");
        }

        Http.Response imported = http().post("/api/reconciliations", csv.toString(),
                Map.of("Content-Type", "text/csv"));

        assertThat(imported.status()).as(imported.toString()).isEqualTo(201);
        assertThat(imported.json().get("totals").get("accepted").get("lines").asLong()).isEqualTo(6);
        awaitReadModels();
        JsonNode channels = http().get("/api/branches/" + branch + "/channels?period=2021-05").json();
        assertThat(channels.get("channels")).singleElement().satisfies(row -> {
            assertThat(row.get("provider").asString()).isEqualTo(provider);
            assertThat(row.get("payments").asLong()).isEqualTo(6);
        });
    }
}
