package vn.evn.cashless.api.reporting;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.evn.cashless.api.support.Reads.indicator;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import vn.evn.cashless.api.support.EndToEndTest;
import vn.evn.cashless.api.support.Http;

class ReportsEndToEndTest extends EndToEndTest {

    /** Two communes; bank, e-wallet, Viettel and cash payments in March 2021. */
    private record Scenario(String branch, String townCommune, String quietCommune) {
    }

    private Scenario scenario() {
        String town = uniqueCommuneCode();
        String quiet = uniqueCommuneCode();
        String branch = branchWith(town, quiet);
        String bank = customer(branch, town);
        String wallet = customer(branch, town);
        String viettel = customer(branch, quiet);
        String cash = customer(branch, quiet);
        http().post("/api/customers/" + bank + "/payment-channels",
                Map.of("kind", "BANK", "provider", "Agribank", "registeredAt", "2020-06-01T00:00:00Z"));
        http().post("/api/customers/" + viettel + "/payment-channels",
                Map.of("kind", "INTERMEDIARY", "provider", "Viettel", "registeredAt", "2020-06-01T00:00:00Z"));
        paidBill(bank, "2021-03", 600_000, "BANK", "Agribank", "2021-03-10T03:00:00Z");
        paidBill(wallet, "2021-03", 200_000, "E_WALLET", "MoMo", "2021-03-11T03:00:00Z");
        paidBill(viettel, "2021-03", 150_000, "INTERMEDIARY", "Viettel", "2021-03-12T03:00:00Z");
        paidBill(cash, "2021-03", 50_000, "COUNTER", "Quầy thu", "2021-03-13T03:00:00Z");
        return new Scenario(branch, town, quiet);
    }

    private JsonNode coverage(String branch, String period) {
        Http.Response response = http().get("/api/branches/" + branch + "/coverage?period=" + period);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    private static JsonNode commune(JsonNode coverage, String code) {
        for (JsonNode commune : coverage.get("communes")) {
            if (commune.get("code").asString().equals(code)) {
                return commune;
            }
        }
        throw new AssertionError("no commune " + code);
    }

    @Test
    void withoutAPlanBankAndEWalletCountAsCashless() {
        Scenario s = scenario();
        awaitReadModels();

        JsonNode coverage = coverage(s.branch(), "2021-03");

        assertThat(coverage.get("cashlessKinds")).extracting(JsonNode::asString).containsExactly("BANK", "E_WALLET");
        JsonNode town = commune(coverage, s.townCommune());
        assertThat(town.get("customers").asLong()).isEqualTo(2);
        assertThat(town.get("registeredCustomers").asLong()).isEqualTo(1);
        assertThat(town.get("payments").asLong()).isEqualTo(2);
        assertThat(town.get("cashlessPayments").asLong()).isEqualTo(2);
        assertThat(town.get("amount").asLong()).isEqualTo(800_000);
        assertThat(town.get("cashlessCustomers").asLong()).isEqualTo(2);
        assertThat(town.get("cashlessAmountRatio").decimalValue()).isEqualByComparingTo("100.00");
        assertThat(town.get("covered").asBoolean()).isTrue();
        JsonNode quiet = commune(coverage, s.quietCommune());
        assertThat(quiet.get("payments").asLong()).isEqualTo(2);
        assertThat(quiet.get("cashlessPayments").asLong()).isZero();
        assertThat(quiet.get("registeredCustomers").asLong()).isZero();
        assertThat(quiet.get("cashlessAmountRatio").decimalValue()).isEqualByComparingTo("0.00");
        assertThat(quiet.get("covered").asBoolean()).isFalse();
        assertThat(coverage.get("coveredCommunes").asLong()).isEqualTo(1);
        assertThat(coverage.get("totalCommunes").asLong()).isEqualTo(2);
        assertThat(coverage.get("coverageRatio").decimalValue()).isEqualByComparingTo("50.00");
        // 800,000 of 1,000,000 VND, 2 of 4 payments
        assertThat(coverage.get("totals").get("cashlessAmountRatio").decimalValue()).isEqualByComparingTo("80.00");
        assertThat(coverage.get("totals").get("cashlessPaymentRatio").decimalValue()).isEqualByComparingTo("50.00");
    }

    @Test
    void aPlanThatCountsIntermediariesCoversTheirCommune() {
        Scenario s = scenario();
        plan(s.branch(), "2021-Q1", List.of("BANK", "E_WALLET", "INTERMEDIARY"));
        awaitReadModels();

        JsonNode coverage = coverage(s.branch(), "2021-Q1");

        assertThat(coverage.get("cashlessKinds")).extracting(JsonNode::asString)
                .containsExactly("BANK", "E_WALLET", "INTERMEDIARY");
        JsonNode quiet = commune(coverage, s.quietCommune());
        assertThat(quiet.get("cashlessPayments").asLong()).isEqualTo(1);
        assertThat(quiet.get("registeredCustomers").asLong()).isEqualTo(1);
        assertThat(quiet.get("covered").asBoolean()).isTrue();
        assertThat(coverage.get("coverageRatio").decimalValue()).isEqualByComparingTo("100.00");
        assertThat(coverage.get("totals").get("cashlessAmountRatio").decimalValue()).isEqualByComparingTo("95.00");
        JsonNode progress = http().get("/api/plans/" + s.branch() + "/2021-Q1/progress").json();
        assertThat(progress.get("totals").get("cashlessPayments").asLong()).isEqualTo(3);
        assertThat(indicator(progress, "communeCoverage").get("actual").decimalValue())
                .isEqualByComparingTo("100.00");
    }

    @Test
    void theSmallestEnclosingPlanDecidesForAPeriodWithoutItsOwn() {
        Scenario s = scenario();
        plan(s.branch(), "2021", List.of("BANK", "E_WALLET"));
        plan(s.branch(), "2021-H1", List.of("BANK", "E_WALLET", "INTERMEDIARY"));
        awaitReadModels();

        JsonNode march = coverage(s.branch(), "2021-03");
        JsonNode july = coverage(s.branch(), "2021-07");

        assertThat(march.get("cashlessKinds")).extracting(JsonNode::asString).contains("INTERMEDIARY");
        assertThat(march.get("totals").get("cashlessPayments").asLong()).isEqualTo(3);
        assertThat(july.get("cashlessKinds")).extracting(JsonNode::asString).doesNotContain("INTERMEDIARY");
        JsonNode channels = http().get("/api/branches/" + s.branch() + "/channels?period=2021-03").json();
        for (JsonNode channel : channels.get("channels")) {
            boolean cashless = !channel.get("kind").asString().equals("COUNTER");
            assertThat(channel.get("cashless").asBoolean()).as(channel.toString()).isEqualTo(cashless);
        }
    }

    @Test
    void progressMeasuresEachTargetAndRevisionsKeepHistory() {
        Scenario s = scenario();
        String viettelCustomer = customer(s.branch(), s.quietCommune());
        http().post("/api/customers/" + viettelCustomer + "/notification-channels",
                Map.of("channel", "ZALO", "registeredAt", "2021-02-01T00:00:00Z"));
        Http.Response first = http().put("/api/plans/" + s.branch() + "/2021-Q1", Map.of("targets",
                Map.of("cashlessAmountRatio", 77.83, "cashlessPaymentRatio", 23.64, "zaloRegistrations", 4,
                        "communeCoverage", 100)));
        Http.Response revised = http().put("/api/plans/" + s.branch() + "/2021-Q1", Map.of("targets",
                Map.of("cashlessAmountRatio", 70, "cashlessPaymentRatio", 40, "zaloRegistrations", 2,
                        "communeCoverage", 100), "cashlessKinds", List.of("BANK", "E_WALLET")));
        awaitReadModels();

        Http.Response progress = http().get("/api/plans/" + s.branch() + "/2021-Q1/progress");

        assertThat(first.json().get("revision").asInt()).isEqualTo(1);
        assertThat(revised.json().get("revision").asInt()).isEqualTo(2);
        assertThat(progress.status()).isEqualTo(200);
        JsonNode body = progress.json();
        assertThat(body.get("revision").asInt()).isEqualTo(2);
        assertThat(body.get("totals").get("payments").asLong()).isEqualTo(4);
        assertThat(body.get("totals").get("cashlessAmount").asLong()).isEqualTo(800_000);
        JsonNode amount = indicator(body, "cashlessAmountRatio");
        assertThat(amount.get("target").decimalValue()).isEqualByComparingTo("70");
        assertThat(amount.get("actual").decimalValue()).isEqualByComparingTo("80.00");
        assertThat(amount.get("achievement").decimalValue()).isEqualByComparingTo("114.29");
        assertThat(indicator(body, "cashlessPaymentRatio").get("achievement").decimalValue())
                .isEqualByComparingTo("125.00");
        JsonNode zalo = indicator(body, "zaloRegistrations");
        assertThat(zalo.get("actual").asLong()).isEqualTo(1);
        assertThat(zalo.get("achievement").decimalValue()).isEqualByComparingTo("50.00");
        assertThat(indicator(body, "communeCoverage").get("actual").decimalValue()).isEqualByComparingTo("50.00");
        assertThat(http().get("/api/plans/" + s.branch() + "/2021-Q2/progress").status()).isEqualTo(404);
    }

    @Test
    void registrationsCountAsTheyStoodAtTheEndOfThePeriod() {
        String commune = uniqueCommuneCode();
        String branch = branchWith(commune);
        String customer = customer(branch, commune);
        http().post("/api/customers/" + customer + "/payment-channels",
                Map.of("kind", "BANK", "provider", "BIDV", "registeredAt", "2021-02-10T00:00:00Z"));
        http().delete("/api/customers/" + customer + "/payment-channels/BIDV?at=2021-05-10T00:00:00Z");
        awaitReadModels();

        assertThat(commune(coverage(branch, "2021-01"), commune).get("registeredCustomers").asLong()).isZero();
        assertThat(commune(coverage(branch, "2021-Q1"), commune).get("registeredCustomers").asLong()).isEqualTo(1);
        assertThat(commune(coverage(branch, "2021-H1"), commune).get("registeredCustomers").asLong()).isZero();
        assertThat(commune(coverage(branch, "2019"), commune).get("customers").asLong()).isZero();
        assertThat(commune(coverage(branch, "2020"), commune).get("customers").asLong()).isEqualTo(1);
    }

    @Test
    void aCommuneAddedLaterDoesNotChangeThePastCoverage() {
        Scenario s = scenario();
        String later = uniqueCommuneCode();
        Http.Response added = http().post("/api/branches/" + s.branch() + "/communes",
                Map.of("code", later, "name", "Xã Mới", "kind", "COMMUNE", "since", "2021-04-01"));
        awaitReadModels();

        assertThat(added.status()).isEqualTo(201);
        assertThat(added.json().get("since").asString()).isEqualTo("2021-04-01");
        assertThat(coverage(s.branch(), "2021-Q1").get("totalCommunes").asLong()).isEqualTo(2);
        assertThat(coverage(s.branch(), "2021-Q2").get("totalCommunes").asLong()).isEqualTo(3);
    }

    @Test
    void ratiosOfAnEmptyPeriodAreNull() {
        String commune = uniqueCommuneCode();
        String branch = branchWith(commune);
        awaitReadModels();

        JsonNode coverage = coverage(branch, "2021-05");

        assertThat(commune(coverage, commune).get("cashlessAmountRatio").isNull()).isTrue();
        assertThat(commune(coverage, commune).get("cashlessPaymentRatio").isNull()).isTrue();
        assertThat(coverage.get("coverageRatio").decimalValue()).isEqualByComparingTo("0.00");
    }
}
