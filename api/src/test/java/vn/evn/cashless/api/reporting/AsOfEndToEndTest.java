package vn.evn.cashless.api.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import vn.evn.cashless.api.support.EndToEndTest;
import vn.evn.cashless.api.support.Http;

/**
 * Figures as of an instant come from the same fold as the live read models: replayed in memory over a generated
 * branch's whole history they equal the live answers field for field, and as of an instant in the middle of the
 * history they equal what the live read models answered then.
 */
class AsOfEndToEndTest extends EndToEndTest {

    private static final String[] PROVIDERS = {"Agribank", "Vietcombank", "MoMo", "ZaloPay", "Viettel", "Quầy"};
    private static final String[] KINDS = {"BANK", "BANK", "E_WALLET", "E_WALLET", "INTERMEDIARY", "COUNTER"};

    private final Random random = new Random(20210630);
    private final List<String> payments = new ArrayList<>();

    @Test
    void asOfNowEqualsTheLiveReadModelsAndAsOfThenEqualsWhatTheyAnsweredThen() {
        String[] communes = {uniqueCommuneCode(), uniqueCommuneCode(), uniqueCommuneCode()};
        String branch = branchWith(communes[0], communes[1]);
        Http.Response late = http().post("/api/branches/" + branch + "/communes", Map.of("code", communes[2],
                "name", "Xã Đường Hồng", "kind", "COMMUNE", "since", "2021-04-01"));
        assertThat(late.status()).as(late.toString()).isEqualTo(201);
        List<String> customers = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            customers.add(customer(branch, communes[i % 3]));
        }
        plan(branch, "2021-H1", List.of("BANK", "E_WALLET"));
        history(customers, 1, 3);
        awaitReadModels();
        List<String> reads = reads(branch);
        Instant middle = Instant.now();
        Map<String, JsonNode> answeredThen = answers(reads, null);

        plan(branch, "2021-H1", List.of("BANK", "E_WALLET", "INTERMEDIARY"));
        plan(branch, "2021", List.of("BANK"));
        history(customers, 4, 6);
        for (int i = 0; i < 5; i++) {
            String reversed = payments.get(random.nextInt(payments.size()));
            http().post("/api/payments/" + reversed + "/reversal", Map.of("reason", "Ngân hàng báo trùng"));
        }
        awaitReadModels();
        Instant end = Instant.now();

        Map<String, JsonNode> live = answers(reads, null);
        assertThat(answers(reads, end)).isEqualTo(live);
        assertThat(answers(reads, middle)).isEqualTo(answeredThen);
        assertThat(live).isNotEqualTo(answeredThen);
        assertThat(live.get(reads.get(0)).get("totals").get("payments").asLong()).isPositive();
    }

    @Test
    void asOfMustBeAnInstantWithAnOffsetThatHasHappened() {
        String branch = branchWith(uniqueCommuneCode());
        Http.Response noOffset = http().get("/api/branches/" + branch + "/coverage?period=2021&asOf=2021-07-01T00:00");
        assertThat(noOffset.status()).isEqualTo(400);
        assertThat(noOffset.json().get("field").asString()).isEqualTo("asOf");
        Http.Response future = http().get("/api/branches/" + branch + "/channels?period=2021&asOf="
                + Instant.now().plusSeconds(3600));
        assertThat(future.status()).isEqualTo(400);
        assertThat(future.json().get("reason").asString()).contains("future");
    }

    @Test
    void beforeTheBranchWasKnownItsFiguresAreEmpty() {
        Instant before = Instant.now();
        String commune = uniqueCommuneCode();
        String branch = branchWith(commune);
        paidBill(customer(branch, commune), "2021-05", 100_000, "BANK", "Agribank", "2021-05-10T03:00:00Z");
        awaitReadModels();

        JsonNode then = http().get("/api/branches/" + branch + "/coverage?period=2021&asOf=" + before).json();
        assertThat(then.get("communes")).isEmpty();
        assertThat(then.get("totals").get("payments").asLong()).isZero();
        JsonNode now = http().get("/api/branches/" + branch + "/coverage?period=2021").json();
        assertThat(now.get("totals").get("payments").asLong()).isEqualTo(1);
    }

    /** Payment channels, Zalo, bills and payments of every kind for the months {@code [from, to]} of 2021. */
    private void history(List<String> customers, int from, int to) {
        for (String customer : customers) {
            int pick = random.nextInt(PROVIDERS.length);
            if (random.nextInt(3) == 0 && !KINDS[pick].equals("COUNTER")) {
                Http.Response registered = http().post("/api/customers/" + customer + "/payment-channels",
                        Map.of("kind", KINDS[pick], "provider", PROVIDERS[pick] + "-" + from,
                                "registeredAt", "2021-0" + from + "-02T00:00:00Z"));
                assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
            }
            if (random.nextInt(4) == 0) {
                http().post("/api/customers/" + customer + "/notification-channels",
                        Map.of("channel", "ZALO", "registeredAt", "2021-0" + from + "-03T00:00:00Z"));
            } else if (random.nextInt(6) == 0) {
                http().delete("/api/customers/" + customer + "/notification-channels/ZALO?at=2021-0" + from
                        + "-20T00:00:00Z");
            }
            for (int month = from; month <= to; month++) {
                if (random.nextInt(5) == 0) {
                    continue;
                }
                int channel = random.nextInt(PROVIDERS.length);
                long amount = 50_000 + 1_000L * random.nextInt(900);
                // the last days of a month, late in the evening in UTC: some fall into the next local month
                String paidAt = "2021-0" + month + "-" + (20 + random.nextInt(9)) + "T" + (10 + random.nextInt(14))
                        + ":30:00Z";
                payments.add(paidBill(customer, "2021-0" + month, amount, KINDS[channel], PROVIDERS[channel],
                        paidAt));
            }
        }
    }

    private static List<String> reads(String branch) {
        List<String> reads = new ArrayList<>();
        for (String period : List.of("2021", "2021-H1", "2021-Q1", "2021-Q2", "2021-03", "2021-04", "2021-07")) {
            reads.add("/api/branches/" + branch + "/coverage?period=" + period);
            reads.add("/api/branches/" + branch + "/channels?period=" + period);
        }
        reads.add("/api/plans/" + branch + "/2021-H1/progress");
        return reads;
    }

    private Map<String, JsonNode> answers(List<String> reads, Instant asOf) {
        Map<String, JsonNode> answers = new LinkedHashMap<>();
        for (String read : reads) {
            String path = asOf == null ? read : read + (read.contains("?") ? "&" : "?") + "asOf="
                    + URLEncoder.encode(asOf.toString(), StandardCharsets.UTF_8);
            Http.Response response = http().get(path);
            assertThat(response.status()).as(path + " " + response).isEqualTo(200);
            answers.put(read, response.json());
        }
        return answers;
    }

}
