package vn.evn.cashless.api.customer;

import static org.assertj.core.api.Assertions.assertThat;

import java.text.Normalizer;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import vn.evn.cashless.api.support.EndToEndTest;
import vn.evn.cashless.api.support.Http;

class CustomersEndToEndTest extends EndToEndTest {

    @Test
    void vietnameseNamesRoundTripExactly() {
        String branch = uniqueBranchCode();
        String commune = uniqueCommuneCode();
        String branchName = "Điện lực Bắc Mê";
        String communeName = "Xã Phiêng Luông";
        // A name written precomposed comes back byte for byte; one written decomposed is one name with its
        // precomposed form, so it is stored and returned precomposed (NFC).
        String precomposed = Normalizer.normalize("Nguyễn Thị Hường", Normalizer.Form.NFC);
        String decomposed = Normalizer.normalize("Lò Văn Chứ Đỗ", Normalizer.Form.NFD);
        assertThat(decomposed).isNotEqualTo(Normalizer.normalize(decomposed, Normalizer.Form.NFC));

        assertThat(http().post("/api/branches", Map.of("code", branch, "name", branchName, "company",
                "Công ty Điện lực Hà Giang")).status()).isEqualTo(201);
        assertThat(http().post("/api/branches/" + branch + "/communes",
                Map.of("code", commune, "name", communeName, "kind", "COMMUNE")).status()).isEqualTo(201);
        String first = uniqueCustomerCode();
        String second = uniqueCustomerCode();
        http().post("/api/customers", Map.of("code", first, "name", precomposed, "branch", branch,
                "commune", commune, "registeredAt", "2020-01-01T00:00:00+07:00"));
        http().post("/api/customers", Map.of("code", second, "name", decomposed, "branch", branch,
                "commune", commune, "registeredAt", "2020-01-01T00:00:00+07:00"));
        awaitReadModels();

        JsonNode branchView = http().get("/api/branches/" + branch).json();
        assertThat(branchView.get("name").asString()).isEqualTo(branchName);
        assertThat(branchView.get("company").asString()).isEqualTo("Công ty Điện lực Hà Giang");
        assertThat(http().get("/api/customers/" + first).json().get("name").asString()).isEqualTo(precomposed);
        JsonNode customer = http().get("/api/customers/" + second).json();
        assertThat(customer.get("name").asString()).isEqualTo(Normalizer.normalize(decomposed, Normalizer.Form.NFC));
        assertThat(customer.get("communeName").asString()).isEqualTo(communeName);
        JsonNode coverage = http().get("/api/branches/" + branch + "/coverage?period=2021").json();
        assertThat(coverage.get("communes").get(0).get("name").asString()).isEqualTo(communeName);
    }

    @Test
    void customerShowsItsActiveChannelsAndPhone() {
        String commune = uniqueCommuneCode();
        String customer = customer(branchWith(commune), commune);

        Http.Response phone = http().put("/api/customers/" + customer + "/phone",
                Map.of("phone", "0987654321", "changedAt", "2021-02-01T00:00:00Z"));
        Http.Response bank = http().post("/api/customers/" + customer + "/payment-channels",
                Map.of("kind", "BANK", "provider", "Agribank", "registeredAt", "2021-01-05T02:00:00Z"));
        Http.Response wallet = http().post("/api/customers/" + customer + "/payment-channels",
                Map.of("kind", "E_WALLET", "provider", "MoMo", "registeredAt", "2021-01-06T02:00:00Z"));
        Http.Response dropped = http().delete("/api/customers/" + customer
                + "/payment-channels/MoMo?at=2021-03-01T00:00:00Z");
        Http.Response zalo = http().post("/api/customers/" + customer + "/notification-channels",
                Map.of("channel", "ZALO", "registeredAt", "2021-01-07T02:00:00Z"));
        Http.Response sms = http().post("/api/customers/" + customer + "/notification-channels",
                Map.of("channel", "SMS", "registeredAt", "2021-01-07T02:00:00Z"));
        Http.Response smsDropped = http().delete("/api/customers/" + customer + "/notification-channels/SMS");

        assertThat(phone.status()).isEqualTo(200);
        assertThat(bank.status()).isEqualTo(201);
        assertThat(wallet.status()).isEqualTo(201);
        assertThat(dropped.status()).isEqualTo(200);
        assertThat(dropped.json().get("unregisteredAt").asString()).isEqualTo("2021-03-01T07:00:00+07:00");
        assertThat(dropped.json().get("kind").asString()).isEqualTo("E_WALLET");
        assertThat(dropped.json().get("registeredAt").asString()).isEqualTo("2021-01-06T09:00:00+07:00");
        assertThat(smsDropped.json().get("registeredAt").asString()).isEqualTo("2021-01-07T09:00:00+07:00");
        assertThat(zalo.status()).isEqualTo(201);
        assertThat(sms.status()).isEqualTo(201);
        assertThat(smsDropped.status()).isEqualTo(200);
        awaitReadModels();
        JsonNode view = http().get("/api/customers/" + customer).json();
        assertThat(view.get("phone").asString()).isEqualTo("0987654321");
        assertThat(view.get("paymentChannels")).hasSize(1);
        assertThat(view.get("paymentChannels").get(0).get("provider").asString()).isEqualTo("Agribank");
        assertThat(view.get("paymentChannels").get(0).get("kind").asString()).isEqualTo("BANK");
        assertThat(view.get("paymentChannels").get(0).get("registeredAt").asString())
                .isEqualTo("2021-01-05T09:00:00+07:00");
        assertThat(view.get("notificationChannels")).hasSize(1);
        assertThat(view.get("notificationChannels").get(0).get("channel").asString()).isEqualTo("ZALO");
    }

    @Test
    void aProviderCanBeRegisteredAgainAfterUnregistering() {
        String commune = uniqueCommuneCode();
        String customer = customer(branchWith(commune), commune);
        String channels = "/api/customers/" + customer + "/payment-channels";

        http().post(channels, Map.of("kind", "E_WALLET", "provider", "ZaloPay", "registeredAt", "2021-01-01T00:00:00Z"));
        http().delete(channels + "/ZaloPay?at=2021-02-01T00:00:00Z");
        Http.Response again = http().post(channels, Map.of("kind", "E_WALLET", "provider", "ZaloPay",
                "registeredAt", "2021-03-01T00:00:00Z"));

        assertThat(again.status()).isEqualTo(201);
        awaitReadModels();
        assertThat(http().get("/api/customers/" + customer).json().get("paymentChannels")).hasSize(1);
    }

    @Test
    void customerCodesAreHeldInUpperCase() {
        String commune = uniqueCommuneCode();
        String branch = branchWith(commune);
        String code = uniqueCustomerCode();

        Http.Response registered = http().post("/api/customers", Map.of("code", code.toLowerCase(), "name", "Hà",
                "branch", branch, "commune", commune));

        assertThat(registered.status()).isEqualTo(201);
        assertThat(registered.json().get("code").asString()).isEqualTo(code);
        awaitReadModels();
        assertThat(http().get("/api/customers/" + code.toLowerCase()).status()).isEqualTo(200);
    }
}
