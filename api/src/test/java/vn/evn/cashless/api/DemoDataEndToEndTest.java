package vn.evn.cashless.api;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.evn.cashless.api.support.Reads.indicator;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import vn.evn.cashless.api.dashboard.DashboardInBrowser;
import vn.evn.cashless.api.support.Http;
import vn.evn.cashless.api.support.Reads;
import vn.evn.cashless.api.support.RunningApplication;
import vn.evn.cashless.api.support.Spreadsheets;

/**
 * The article's figures for Điện lực Bắc Mê, first half of 2021, read back over HTTP from the demo data, which the
 * application loads through its own command side; the same figures on the dashboard in a real browser and in the
 * spreadsheet; and a second start does not load it twice.
 */
class DemoDataEndToEndTest {

    private static final Path DATA = Path.of("target", "demo-data", UUID.randomUUID().toString(), "postgres");

    @Test
    void theDemoReproducesTheBacMeFiguresAndLoadsOnlyOnce() throws Exception {
        long head;
        try (RunningApplication application = RunningApplication.start(DATA, "--spring.profiles.active=demo")) {
            Http http = application.http();
            JsonNode status = Reads.awaitDemoLoaded(http);
            head = status.get("head").asLong();
            assertThat(head).isGreaterThan(120_000);
            System.out.printf("Demo load: %d commands in %d ms (%.0f commands/s)%n",
                    status.get("demo").get("commands").asLong(), status.get("demo").get("millis").asLong(),
                    status.get("demo").get("commandsPerSecond").asDouble());

            JsonNode progress = http.get("/api/plans/BM/2021-H1/progress").json();
            assertThat(progress.get("cashlessKinds")).extracting(JsonNode::asString)
                    .containsExactly("BANK", "E_WALLET");
            JsonNode amount = indicator(progress, "cashlessAmountRatio");
            assertThat(amount.get("actual").decimalValue()).isEqualByComparingTo("82.27");
            assertThat(amount.get("achievement").decimalValue())
                    .isBetween(new BigDecimal("105.70"), new BigDecimal("105.79"));
            JsonNode payments = indicator(progress, "cashlessPaymentRatio");
            assertThat(payments.get("actual").decimalValue()).isEqualByComparingTo("22.79");
            assertThat(payments.get("achievement").decimalValue())
                    .isBetween(new BigDecimal("96.30"), new BigDecimal("96.49"));
            JsonNode zalo = indicator(progress, "zaloRegistrations");
            assertThat(zalo.get("actual").decimalValue()).isLessThan(zalo.get("target").decimalValue());
            assertThat(indicator(progress, "communeCoverage").get("actual").decimalValue())
                    .isEqualByComparingTo("100.00");
            JsonNode totals = progress.get("totals");
            assertThat(totals.get("cashlessPayments").asLong()).isEqualTo(5_082 + 7_222);
            assertThat(totals.get("payments").asLong()).isBetween(53_500L, 54_500L);
            assertThat(totals.get("cashlessAmount").asLong()).isBetween(29_000_000_000L, 29_200_000_000L);
            assertThat(totals.get("amount").asLong()).isBetween(35_300_000_000L, 35_450_000_000L);

            // the demo's branch belongs to PC Hà Giang, which has no other branch: the company is the branch
            JsonNode company = http.get("/api/companies/PCHAGIANG/progress?period=2021-H1").json();
            assertThat(company.get("totals")).isEqualTo(totals);
            assertThat(company.get("branches").get(0).get("branch").asString()).isEqualTo("BM");
            assertThat(http.get("/api/branches/BM").json().get("companyCode").asString()).isEqualTo("PCHAGIANG");
            backOfficeReadsOverTenThousandCustomers(http);

            JsonNode coverage = http.get("/api/branches/BM/coverage?period=2021-H1").json();
            assertThat(coverage.get("coveredCommunes").asLong()).isEqualTo(13);
            assertThat(coverage.get("totalCommunes").asLong()).isEqualTo(13);
            long customers = 0;
            for (JsonNode commune : coverage.get("communes")) {
                customers += commune.get("customers").asLong();
            }
            assertThat(customers).isBetween(9_500L, 10_500L);

            Map<String, long[]> byKind = new HashMap<>();
            for (JsonNode channel : http.get("/api/branches/BM/channels?period=2021-H1").json().get("channels")) {
                long[] sums = byKind.computeIfAbsent(channel.get("kind").asString(), k -> new long[2]);
                sums[0] += channel.get("payments").asLong();
                sums[1] += channel.get("amount").asLong();
            }
            assertThat(byKind.get("BANK")[0]).isEqualTo(5_082);
            assertThat(byKind.get("BANK")[1]).isBetween(25_900_000_000L, 26_000_000_000L);
            assertThat(byKind.get("E_WALLET")[0]).isEqualTo(7_222);
            assertThat(byKind.get("E_WALLET")[1]).isBetween(3_100_000_001L, 3_199_999_999L);
            assertThat(byKind.get("INTERMEDIARY")[0]).isEqualTo(6_895);
            assertThat(byKind.get("INTERMEDIARY")[1]).isBetween(2_900_000_001L, 2_999_999_999L);

            // The dashboard and the spreadsheet on the same loaded application: the demo loads once.
            DashboardInBrowser.check(http);
            System.out.printf("Dashboard screenshots: %s, %s%n", DashboardInBrowser.SCREENSHOT.toAbsolutePath(),
                    DashboardInBrowser.SCREENSHOT_ENGLISH.toAbsolutePath());
            for (String period : List.of("2021-H1", "2021-06")) {
                long started = System.nanoTime();
                int figures = Spreadsheets.assertMatchesJson(http, "BM", period);
                System.out.printf("Spreadsheet of BM %s: %d figures equal to the JSON reports' (%d ms)%n", period,
                        figures, (System.nanoTime() - started) / 1_000_000);
                assertThat(figures).isGreaterThan(100);
            }

            theWholeHistoryExportsAndVerifies(http, head);
            figuresAsOfNowEqualTheLiveReadModels(http);
            aRebuildKeepsAnsweringAndEndsWithTheSameContent(http);
        }

        JsonNode figures;
        try (RunningApplication again = RunningApplication.start(DATA, "--spring.profiles.active=demo")) {
            JsonNode status = Reads.awaitDemoLoaded(again.http());
            assertThat(status.get("head").asLong()).as("nothing loaded twice").isEqualTo(head);
            figures = again.http().get("/api/admin/projections/figures/checksum").json();
            String job = again.http().post("/api/admin/projections/figures/rebuild", Map.of()).json().get("id")
                    .asString();
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(20)).until(() ->
                    again.http().get("/api/admin/jobs/" + job).json().get("processed").asLong() > 0);
            again.kill();
            try (RunningApplication third = RunningApplication.start(DATA)) {
                JsonNode done = awaitJob(third.http(), job);
                assertThat(done.get("state").asString()).as(done.toString()).isEqualTo("SUCCEEDED");
                Reads.awaitCaughtUp(third.http());
                assertThat(third.http().get("/api/admin/projections/figures/checksum").json())
                        .as("the interrupted rebuild, taken up after the restart").isEqualTo(figures);
            }
        }
    }

    /** Lists and searches over the demo's 10,000 customers, timed (printed, never asserted). */
    private static void backOfficeReadsOverTenThousandCustomers(Http http) {
        assertThat(http.get("/api/customers?branch=BM&size=1").json().get("total").asLong()).isBetween(9_500L,
                10_500L);
        assertThat(http.get("/api/customers?q=PA20BM0000001").json().get("customers").get(0).get("code")
                .asString()).isEqualTo("PA20BM0000001");
        assertThat(http.get("/api/bills/PA20BM0000001-2021-01").json().get("amount").asLong()).isPositive();
        for (String search : List.of("q=PA20BM00001", "q=09", "q=nguyen", "q=van%20a", "branch=BM&page=150",
                "q=bac%20me")) {
            long[] micros = new long[50];
            for (int i = 0; i < micros.length; i++) {
                long start = System.nanoTime();
                assertThat(http.get("/api/customers?" + search).status()).isEqualTo(200);
                micros[i] = (System.nanoTime() - start) / 1_000;
            }
            java.util.Arrays.sort(micros);
            System.out.printf("GET /api/customers?%s: total %d, p50 %.1f ms, p95 %.1f ms%n", search,
                    http.get("/api/customers?" + search).json().get("total").asLong(), micros[25] / 1000.0,
                    micros[47] / 1000.0);
        }
    }

    private static void theWholeHistoryExportsAndVerifies(Http http, long head) {
        long started = System.nanoTime();
        long lines = http.countLines("/api/audit/events");
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("Audit export of the demo data: %d events in %.1f s (%.0f events/s)%n", lines, seconds,
                lines / seconds);
        assertThat(lines).isPositive().isLessThanOrEqualTo(head);

        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(500))
                .until(() -> http.get("/api/audit/head").json().get("position").asLong() >= head);
        started = System.nanoTime();
        JsonNode verdict = http.get("/api/audit/verify").json();
        seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("Verify of the demo data: %d events in %.1f s (%.0f events/s)%n",
                verdict.get("events").asLong(), seconds, verdict.get("events").asLong() / seconds);
        assertThat(verdict.get("verified").asBoolean()).as(verdict.toString()).isTrue();
        assertThat(verdict.get("events").asLong()).as("every exported event is chained").isEqualTo(lines);
    }

    private static void figuresAsOfNowEqualTheLiveReadModels(Http http) {
        String now = Instant.now().toString();
        for (String path : List.of("/api/branches/BM/coverage?period=2021-H1", "/api/branches/BM/channels?period=2021-H1",
                "/api/plans/BM/2021-H1/progress")) {
            JsonNode live = http.get(path).json();
            long started = System.nanoTime();
            Http.Response asOf = http.get(path + (path.contains("?") ? "&" : "?") + "asOf=" + now);
            long millis = (System.nanoTime() - started) / 1_000_000;
            System.out.printf("As of %s: %s in %d ms%n", now, path, millis);
            assertThat(asOf.status()).as(asOf.toString()).isEqualTo(200);
            assertThat(asOf.json()).as(path).isEqualTo(live);
        }
    }

    private static void aRebuildKeepsAnsweringAndEndsWithTheSameContent(Http http) {
        for (String name : List.of("payments", "figures")) {
            JsonNode before = http.get("/api/admin/projections/" + name + "/checksum").json();
            JsonNode coverage = http.get("/api/branches/BM/coverage?period=2021-H1").json();
            JsonNode customerPayments = http.get("/api/customers/PA20BM0000001/payments").json();
            String job = http.post("/api/admin/projections/" + name + "/rebuild", Map.of()).json().get("id")
                    .asString();
            int readsDuringRebuild = 0;
            while (http.get("/api/admin/jobs/" + job).json().get("state").asString().equals("RUNNING")) {
                assertThat(http.get("/api/branches/BM/coverage?period=2021-H1").json()).isEqualTo(coverage);
                assertThat(http.get("/api/customers/PA20BM0000001/payments").json()).isEqualTo(customerPayments);
                readsDuringRebuild++;
            }
            JsonNode done = awaitJob(http, job);
            assertThat(done.get("state").asString()).as(done.toString()).isEqualTo("SUCCEEDED");
            System.out.printf("Rebuild of %s: %d events at %.0f events/s, %d reads answered meanwhile%n", name,
                    done.get("processed").asLong(), done.get("eventsPerSecond").asDouble(), readsDuringRebuild);
            Reads.awaitCaughtUp(http);
            assertThat(http.get("/api/admin/projections/" + name + "/checksum").json()).as(name).isEqualTo(before);
        }
    }

    private static JsonNode awaitJob(Http http, String job) {
        JsonNode[] last = new JsonNode[1];
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(200)).until(() -> {
            last[0] = http.get("/api/admin/jobs/" + job).json();
            return !last[0].get("state").asString().equals("RUNNING");
        });
        return last[0];
    }
}
