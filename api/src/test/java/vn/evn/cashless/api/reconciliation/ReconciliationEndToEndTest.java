package vn.evn.cashless.api.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import vn.evn.cashless.api.support.EndToEndTest;
import vn.evn.cashless.api.support.Http;
import vn.evn.cashless.api.support.Tester;

/** Đối soát over HTTP: a channel's file of payments, imported through the rules of a single payment. */
class ReconciliationEndToEndTest extends EndToEndTest {

    private static final String HEADER = "customer,period,amount,kind,provider,externalRef,paidAt\n";
    /** Lines of the file the large import sends; {@code -Dreconciliation.lines=100000} measures a bigger one. */
    private static final int LARGE_LINES = Integer.getInteger("reconciliation.lines", 5_000);

    @LocalServerPort
    private int port;

    /** Only to leave an import as a stopped node leaves it; everything else goes over HTTP. */
    @Autowired
    private JdbcTemplate jdbc;

    private Http.Response postCsv(Http client, String csv) {
        return client.post("/api/reconciliations", csv, Map.of("Content-Type", "text/csv"));
    }

    private Http.Response postCsv(String csv) {
        return postCsv(http(), csv);
    }

    /** What a line of the report must say: outcome, and the code of a refusal. */
    private record Expected(int line, String outcome, String code, String field) {
    }

    private static Expected line(int line, String outcome) {
        return new Expected(line, outcome, null, null);
    }

    private static Expected line(int line, String outcome, String code, String field) {
        return new Expected(line, outcome, code, field);
    }

    @Test
    void reportsEveryLineAndImportsTheGoodOnes() {
        String c = customerInNewBranch();
        bill(c, "2021-06", 500_000);
        bill(c, "2021-05", 300_000);
        String earlier = "AG-" + UUID.randomUUID();
        assertThat(pay(c, "2021-05", 100_000, "BANK", "Agribank", earlier, "2021-05-20T10:00:00+07:00").status())
                .isEqualTo(201);
        String ref = "AG-" + UUID.randomUUID();
        String csv = HEADER
                + c + ",2021-06,200000,BANK,Agribank," + ref + "-1,2021-06-30T10:00:00+07:00\n"     // 2 accepted
                + c + ",2021-06,200000,bank,AGRIBANK," + ref + "-1,2021-06-30T03:00:00Z\n"         // 3 the same again
                + c + ",2021-05,100000,BANK,Agribank," + earlier + ",2021-05-20T10:00:00+07:00\n"  // 4 sent before
                + c + ",2021-05,999,BANK,Agribank," + earlier + ",2021-05-20T10:00:00+07:00\n"     // 5 other amount
                + c + ",2021-06,1000,BANK,Agribank," + earlier + ",2021-06-20T10:00:00+07:00\n"    // 6 other bill
                + c + ",2021-06,900000,BANK,Agribank," + ref + "-2,\n"                             // 7 too much
                + c + ",2021-07,1000,BANK,Agribank," + ref + "-3,\n"                               // 8 no bill
                + "PA99999999999,2021-06,1000,BANK,Agribank," + ref + "-4,\n"                      // 9 no customer
                + "bad,2021-06,1000,BANK,Agribank," + ref + "-5,\n"                                // 10
                + c + ",2021-13,1000,BANK,Agribank," + ref + "-6,\n"                               // 11
                + c + ",2021-06,12.5,BANK,Agribank," + ref + "-7,\n"                               // 12
                + c + ",2021-06,0,BANK,Agribank," + ref + "-8,\n"                                  // 13
                + c + ",2021-06,1000,CASH,Agribank," + ref + "-9,\n"                               // 14
                + c + ",2021-06,1000,BANK,," + ref + "-10,\n"                                      // 15
                + c + ",2021-06,1000,BANK,Agribank,,\n"                                            // 16
                + c + ",2021-06,1000,BANK,Agribank," + ref + "-11,2021-06-30 10:00\n"              // 17
                + c + ",2021-06,1000,BANK,Agribank," + ref + "-12,2099-01-01T00:00:00Z\n"          // 18
                + c + ",2021-06,1000,BANK,Agribank\n"                                              // 19
                + "\n"                                                                             // 20 blank
                + "\"" + c + "\",2021-06,\"100000\",E_WALLET,\"Mo,Mo\",\"" + ref + "-\"\"q\"\"\","
                + "2021-06-30T11:00:00+07:00\n";                                                  // 21 quoted
        long before = eventCount();
        Http.Response response = postCsv(csv);

        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        assertThat(response.header("Location")).isEqualTo("/api/reconciliations/" + response.json().get("id").asString());
        JsonNode report = response.json();
        assertThat(report.get("state").asString()).isEqualTo("SUCCEEDED");
        List<Expected> expected = List.of(line(2, "accepted"), line(3, "duplicate"), line(4, "duplicate"),
                line(5, "conflict", "PAYMENT_REFERENCE_CONFLICT", "externalRef"),
                line(6, "conflict", "PAYMENT_REFERENCE_CONFLICT", "externalRef"),
                line(7, "rejected", "PAYMENT_ABOVE_OUTSTANDING", "amount"),
                line(8, "rejected", "BILL_NOT_FOUND", "period"),
                line(9, "rejected", "CUSTOMER_NOT_FOUND", "customer"),
                line(10, "rejected", "INVALID_VALUE", "customer"),
                line(11, "rejected", "INVALID_VALUE", "period"),
                line(12, "rejected", "INVALID_VALUE", "amount"),
                line(13, "rejected", "INVALID_VALUE", "amount"),
                line(14, "rejected", "INVALID_VALUE", "kind"),
                line(15, "rejected", "INVALID_VALUE", "provider"),
                line(16, "rejected", "INVALID_VALUE", "externalRef"),
                line(17, "rejected", "INVALID_VALUE", "paidAt"),
                line(18, "rejected", "INVALID_VALUE", "paidAt"),
                line(19, "rejected", "INVALID_VALUE", null),
                line(21, "accepted"));
        assertThat(lines(report)).containsExactlyElementsOf(expected);
        assertThat(report.get("lines").get(10).get("reason").asString()).isEqualTo("must be a whole number, not fractional");
        assertThat(report.get("lines").get(18).get("externalRef").asString()).isEqualTo(ref + "-\"q\"");

        JsonNode totals = report.get("totals");
        assertThat(totals.get("lines").asLong()).isEqualTo(19);
        assertThat(total(totals, "accepted")).containsExactly(2L, 300_000L);
        assertThat(total(totals, "duplicate")).containsExactly(2L, 300_000L);
        assertThat(total(totals, "conflict")).containsExactly(2L, 1_999L);
        // the rejected lines whose amount is a whole number: 900000, 1000 × 9 and 0
        assertThat(total(totals, "rejected")).containsExactly(13L, 909_000L);
        assertThat(report.get("progress").get("processed").asLong()).isEqualTo(19);
        assertThat(report.get("page").get("total").asLong()).isEqualTo(19);

        // two payments recorded (lines 2 and 21), nothing else
        assertThat(eventCount() - before).isEqualTo(2);
        String accepted = report.get("lines").get(0).get("payment").asString();
        awaitReadModels();
        JsonNode payment = http().get("/api/payments/" + accepted).json();
        assertThat(payment.get("amount").asLong()).isEqualTo(200_000);
        assertThat(payment.get("provider").asString()).isEqualTo("Agribank");
        assertThat(payment.get("paidAt").asString()).startsWith("2021-06-30T10:00");
        // the same payment sent alone afterwards is the same payment
        Http.Response alone = pay(c, "2021-06", 200_000, "BANK", "Agribank", ref + "-1", "2021-06-30T10:00:00+07:00");
        assertThat(alone.status()).isEqualTo(200);
        assertThat(alone.json().get("id").asString()).isEqualTo(accepted);

        // the report read again, a page at a time
        Http.Response page = http().get(response.header("Location") + "?offset=5&limit=3");
        assertThat(page.status()).isEqualTo(200);
        assertThat(lines(page.json())).containsExactlyElementsOf(expected.subList(5, 8));
        assertThat(page.json().get("page").get("total").asLong()).isEqualTo(19);
        assertThat(page.json().get("totals")).isEqualTo(totals);
    }

    @Test
    void readsSemicolonsAByteOrderMarkCarriageReturnsAndMultipartUploads() {
        String c = customerInNewBranch();
        bill(c, "2021-06", 500_000);
        String ref = "VCB-" + UUID.randomUUID();
        String csv = "\uFEFFExternalRef;Customer;Period;Amount;Kind;Provider;PaidAt\r\n"
                + "\"" + ref + ";1\";" + c + ";2021-06;100000;BANK;Vietcombank;2021-06-01T08:00:00+07:00\r\n"
                + ref + "-2;" + c + ";2021-06;50000;BANK;Vietcombank;\r\n";
        Http.Response semicolons = postCsv(csv);
        assertThat(semicolons.status()).as(semicolons.toString()).isEqualTo(201);
        assertThat(lines(semicolons.json())).containsExactly(line(2, "accepted"), line(3, "accepted"));
        assertThat(semicolons.json().get("lines").get(0).get("externalRef").asString()).isEqualTo(ref + ";1");

        String more = HEADER + c + ",2021-06,100000,E_WALLET,MoMo," + ref + "-3,2021-06-02T08:00:00+07:00\n"
                + c + ",2021-06,50000,BANK,Vietcombank," + ref + "-2,\n";
        Http.Response multipart = multipart(Tester.NAME, Tester.PASSWORD, ("\uFEFF" + more)
                .getBytes(StandardCharsets.UTF_8));
        assertThat(multipart.status()).as(multipart.toString()).isEqualTo(201);
        assertThat(lines(multipart.json())).containsExactly(line(2, "accepted"), line(3, "duplicate"));

        // a name sent decomposed (NFD) is the provider's one name
        String nfd = java.text.Normalizer.normalize("Ví Việt", java.text.Normalizer.Form.NFD);
        Http.Response decomposed = postCsv(HEADER + c + ",2021-06,1000,E_WALLET," + nfd + "," + ref + "-4,\n"
                + c + ",2021-06,1000,E_WALLET,Ví Việt," + ref + "-4,\n");
        assertThat(lines(decomposed.json())).containsExactly(line(2, "accepted"), line(3, "duplicate"));
        awaitReadModels();
        assertThat(http().get("/api/payments/" + decomposed.json().get("lines").get(0).get("payment").asString())
                .json().get("provider").asString()).isEqualTo("Ví Việt");
    }

    @Test
    void refusedLinesTheReportCannotHoldAsSentAreReportedAndTheLinesAfterThemRead() {
        String c = customerInNewBranch();
        bill(c, "2021-06", 500_000);
        String ref = "AG-" + UUID.randomUUID();
        String tooLong = "x".repeat(5_000);
        String csv = HEADER
                + c + ",2021-06,9223372036854775807,BANK,Agribank," + ref + "-1,\n"                // 2 out of range
                + c + ",2021-06,-9223372036854775808,BANK,Agribank," + ref + "-2,\n"               // 3 the least
                + c + ",2021-06,-9223372036854775808,BANK,Agribank," + ref + "-2b,\n"              // 4 again
                + c + ",2021-06,1000,BANK,Agribank," + ref + "-\0nul,\n"                           // 5 a NUL
                + c + ",2021-06,1000,BANK,Agribank," + tooLong + ",\n"                             // 6 too long
                + c + ",2021-06,1000,BANK,Agribank,\"" + tooLong + "\n" + tooLong + "\",\n"         // 7-8 quoted
                + c + ",2021-06,1000,BANK,Agribank," + ref + "-3,\n";                              // 9 accepted
        Http.Response response = postCsv(csv);

        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        JsonNode report = response.json();
        assertThat(report.get("state").asString()).isEqualTo("SUCCEEDED");
        assertThat(lines(report)).containsExactly(line(2, "rejected", "INVALID_VALUE", "amount"),
                line(3, "rejected", "INVALID_VALUE", "amount"), line(4, "rejected", "INVALID_VALUE", "amount"),
                line(5, "rejected", "INVALID_VALUE", "externalRef"), line(6, "rejected", "INVALID_VALUE", null),
                line(7, "rejected", "INVALID_VALUE", null), line(9, "accepted"));
        assertThat(report.get("lines").get(3).get("externalRef").asString()).isEqualTo(ref + "-nul");
        assertThat(report.get("lines").get(4).get("reason").asString()).contains("longer than 4096 characters");
        // the amounts out of range and those of the lines too long to read are not summed
        assertThat(total(report.get("totals"), "rejected")).containsExactly(6L, 1_000L);
        assertThat(total(report.get("totals"), "accepted")).containsExactly(1L, 1_000L);
        assertThat(http().get(response.header("Location")).status()).isEqualTo(200);
    }

    @Test
    void aFileWithoutAUsableHeaderIsRefusedWhole() {
        Http.Response unknown = postCsv("customer,period,amount,kind,provider,reference,paidAt\nx,y,1,BANK,A,B,\n");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().get("field").asString()).isEqualTo("header");
        assertThat(postCsv("").status()).isEqualTo(400);
        Http.Response endless = postCsv("customer," + "x".repeat(70_000) + "\n");
        assertThat(endless.status()).as(endless.toString()).isEqualTo(400);
        assertThat(endless.json().get("field").asString()).isEqualTo("header");
        Http.Response json = http().post("/api/reconciliations", "{}");
        assertThat(json.status()).isEqualTo(415);
        assertThat(json.json().get("reason").asString()).contains("text/csv");
    }

    @Test
    void theSameFileTwiceRecordsNothingTheSecondTime() {
        String c = customerInNewBranch();
        bill(c, "2021-06", 500_000);
        String ref = "MM-" + UUID.randomUUID();
        String csv = HEADER + c + ",2021-06,100000,E_WALLET,MoMo," + ref + "-1,2021-06-01T08:00:00+07:00\n"
                + c + ",2021-06,900000,E_WALLET,MoMo," + ref + "-2,2021-06-01T08:00:00+07:00\n";
        Http.Response first = postCsv(csv);
        assertThat(first.status()).isEqualTo(201);
        assertThat(lines(first.json())).containsExactly(line(2, "accepted"),
                line(3, "rejected", "PAYMENT_ABOVE_OUTSTANDING", "amount"));
        long before = eventCount();

        Http.Response again = postCsv(csv);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("id").asString()).isEqualTo(first.json().get("id").asString());
        assertThat(again.json().get("lines")).isEqualTo(first.json().get("lines"));

        // the same lines in another file (another hash): imported again, and found already recorded
        List<String> lines = new ArrayList<>(csv.lines().skip(1).toList());
        java.util.Collections.reverse(lines);
        Http.Response reordered = postCsv(HEADER + String.join("\n", lines) + "\n");
        assertThat(reordered.status()).isEqualTo(201);
        assertThat(lines(reordered.json())).containsExactly(line(2, "rejected", "PAYMENT_ABOVE_OUTSTANDING", "amount"),
                line(3, "duplicate"));
        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void aProviderImportsItsOwnPaymentsOnlyAndReadsItsOwnReports() {
        String c = customerInNewBranch();
        bill(c, "2021-06", 500_000);
        String ref = UUID.randomUUID().toString();
        Http agribank = http().as("agribank", "agribank");
        Http.Response response = postCsv(agribank, HEADER
                + c + ",2021-06,100000,BANK,Agribank,AG-" + ref + ",\n"
                + c + ",2021-06,100000,E_WALLET,MoMo,MM-" + ref + ",\n"
                + c + ",2021-06,100000,BANK,agribank,AG-" + ref + "-2,\n");
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        assertThat(lines(response.json())).containsExactly(line(2, "accepted"),
                line(3, "rejected", "ACCESS_DENIED", "provider"), line(4, "accepted"));
        assertThat(response.json().get("importedBy").asString()).isEqualTo("agribank");

        String location = response.header("Location");
        assertThat(agribank.get(location).status()).isEqualTo(200);
        assertThat(http().get(location).status()).isEqualTo(200);
        assertThat(http().as("momo", "momo").get(location).status()).isEqualTo(403);
        assertThat(http().as("viewer", "viewer").get(location).status()).isEqualTo(403);
        assertThat(postCsv(http().as("viewer", "viewer"), HEADER).status()).isEqualTo(403);
        assertThat(http().as("bm-operator", "bm-operator").get(location).status()).isEqualTo(403);
        assertThat(http().get("/api/reconciliations/" + UUID.randomUUID()).status()).isEqualTo(404);
    }

    @Test
    void aBranchLimitedOperatorImportsItsBranchsPaymentsOnly() {
        String c = customerInNewBranch();
        bill(c, "2021-06", 500_000);
        Http.Response response = postCsv(http().as("bm-operator", "bm-operator"),
                HEADER + c + ",2021-06,100000,BANK,Agribank,AG-" + UUID.randomUUID() + ",\n");
        assertThat(lines(response.json())).containsExactly(line(2, "rejected", "ACCESS_DENIED", "branch"));
    }

    @Test
    void aLargeFileIsAJobWhoseProgressReachesDone() {
        int perBill = 10;
        int bills = (LARGE_LINES + perBill - 1) / perBill;
        String commune = uniqueCommuneCode();
        String branch = branchWith(commune);
        List<String> customers = new ArrayList<>();
        for (int i = 0; i < bills; i++) {
            String c = customer(branch, commune);
            bill(c, "2021-06", 1_000_000);
            customers.add(c);
        }
        String run = UUID.randomUUID().toString().substring(0, 8);
        StringBuilder csv = new StringBuilder(HEADER);
        for (int i = 0; i < LARGE_LINES; i++) {
            csv.append(customers.get(i / perBill)).append(",2021-06,1000,")
                    .append(i % 3 == 0 ? "E_WALLET,MoMo," : "BANK,Agribank,")
                    .append("L-").append(run).append('-').append(i).append(",2021-06-15T09:00:00+07:00\n");
        }
        long before = eventCount();
        Http.Response started = postCsv(csv.toString());

        assertThat(started.status()).as(started.toString()).isEqualTo(202);
        String location = started.header("Location");
        String id = started.json().get("id").asString();
        assertThat(started.json().get("job").asString()).isEqualTo("/api/admin/jobs/" + id);
        List<Long> seen = new ArrayList<>();
        JsonNode done = await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(200)).until(() -> {
            JsonNode report = http().get(location + "?limit=1").json();
            seen.add(report.get("progress").get("processed").asLong());
            return report;
        }, report -> !report.get("state").asString().equals("RUNNING"));

        assertThat(done.get("state").asString()).as(done.toString()).isEqualTo("SUCCEEDED");
        assertThat(seen).isSorted();
        assertThat(done.get("progress").get("processed").asLong()).isEqualTo(LARGE_LINES);
        assertThat(done.get("progress").get("total").asLong()).isEqualTo(LARGE_LINES);
        assertThat(done.get("progress").get("percent").asDouble()).isEqualTo(100.0);
        assertThat(total(done.get("totals"), "accepted")).containsExactly((long) LARGE_LINES, LARGE_LINES * 1000L);
        assertThat(eventCount() - before).isEqualTo(LARGE_LINES);
        JsonNode job = http().get("/api/admin/jobs/" + id).json();
        assertThat(job.get("state").asString()).isEqualTo("SUCCEEDED");
        assertThat(job.get("kind").asString()).isEqualTo("reconciliation");
        System.out.printf("Reconciliation import: %,d lines in %s, %.0f lines/s%n", LARGE_LINES,
                Duration.between(java.time.OffsetDateTime.parse(done.get("startedAt").asString()),
                        java.time.OffsetDateTime.parse(done.get("finishedAt").asString())),
                done.get("progress").get("linesPerSecond").asDouble());

        // the whole file again: nothing recorded, the earlier report
        Http.Response again = postCsv(csv.toString());
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("id").asString()).isEqualTo(id);
        assertThat(eventCount() - before).isEqualTo(LARGE_LINES);
    }

    @Test
    void theFiguresAreTheSameWhetherPaymentsArriveByFileOrOneByOne() {
        String[] branches = new String[2];
        StringBuilder csv = new StringBuilder(HEADER);
        for (int b = 0; b < 2; b++) {
            String town = uniqueCommuneCode();
            String village = uniqueCommuneCode();
            branches[b] = branchWith(town, village);
            String[] customers = {customer(branches[b], town), customer(branches[b], town),
                    customer(branches[b], village)};
            Object[][] payments = {{0, 200_000L, "BANK", "Agribank", "2021-06-03T09:00:00+07:00"},
                    {0, 100_000L, "E_WALLET", "MoMo", "2021-06-30T23:59:00+07:00"},
                    {1, 300_000L, "INTERMEDIARY", "Viettel", "2021-07-01T00:30:00+07:00"},
                    {2, 150_000L, "BANK", "Vietcombank", "2021-06-10T09:00:00+07:00"},
                    {2, 50_000L, "COUNTER", "Quầy Bắc Mê", "2021-06-11T09:00:00+07:00"}};
            for (String c : customers) {
                bill(c, "2021-06", 400_000);
            }
            for (int i = 0; i < payments.length; i++) {
                Object[] p = payments[i];
                String ref = branches[b] + "-" + i;
                if (b == 0) {
                    assertThat(pay(customers[(int) p[0]], "2021-06", (long) p[1], (String) p[2], (String) p[3], ref,
                            (String) p[4]).status()).isEqualTo(201);
                } else {
                    csv.append(customers[(int) p[0]]).append(",2021-06,").append(p[1]).append(',').append(p[2])
                            .append(',').append(p[3]).append(',').append(ref).append(',').append(p[4]).append('\n');
                }
            }
        }
        assertThat(lines(postCsv(csv.toString()).json())).extracting(Expected::outcome).containsOnly("accepted");
        awaitReadModels();
        for (String period : List.of("2021-06", "2021-07", "2021-H2", "2021")) {
            JsonNode byApi = http().get("/api/branches/" + branches[0] + "/coverage?period=" + period).json();
            JsonNode byFile = http().get("/api/branches/" + branches[1] + "/coverage?period=" + period).json();
            assertThat(byApi.get("totals")).isNotNull();
            assertThat(byFile.get("totals")).isEqualTo(byApi.get("totals"));
            assertThat(byFile.get("coverageRatio")).isEqualTo(byApi.get("coverageRatio"));
            JsonNode channelsByApi = http().get("/api/branches/" + branches[0] + "/channels?period=" + period).json();
            JsonNode channelsByFile = http().get("/api/branches/" + branches[1] + "/channels?period=" + period).json();
            assertThat(channelsByApi.get("channels")).isNotNull();
            assertThat(channelsByFile.get("channels")).isEqualTo(channelsByApi.get("channels"));
        }
    }

    @Test
    void anImportLeftRunningByAStoppedNodeIsFailedAndItsFileImportedAgain() {
        String c = customerInNewBranch();
        bill(c, "2021-06", 500_000);
        String csv = HEADER + c + ",2021-06,100000,BANK,Agribank,AG-" + UUID.randomUUID() + ",\n";
        Http.Response first = postCsv(csv);
        assertThat(lines(first.json())).containsExactly(line(2, "accepted"));
        // as a node that stopped in the middle leaves it: still running, its heartbeat two minutes old
        String id = first.json().get("id").asString();
        jdbc.update("UPDATE admin_job SET state = 'RUNNING', finished_at = NULL WHERE id = ?::uuid", id);
        jdbc.update("UPDATE reconciliation SET heartbeat_at = now() - interval '2 minutes' WHERE id = ?::uuid", id);

        JsonNode interrupted = http().get(first.header("Location")).json();
        assertThat(interrupted.get("state").asString()).isEqualTo("FAILED");
        assertThat(interrupted.get("error").asString()).startsWith("interrupted");
        Http.Response again = postCsv(csv);
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.json().get("id").asString()).isNotEqualTo(id);
        assertThat(lines(again.json())).containsExactly(line(2, "duplicate"));
    }

    private static List<Expected> lines(JsonNode report) {
        List<Expected> lines = new ArrayList<>();
        for (JsonNode l : report.get("lines")) {
            lines.add(new Expected(l.get("line").asInt(), l.get("outcome").asString(), text(l.get("code")),
                    text(l.get("field"))));
        }
        return lines;
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() ? null : node.asString();
    }

    private static List<Long> total(JsonNode totals, String outcome) {
        return List.of(totals.get(outcome).get("lines").asLong(), totals.get(outcome).get("amount").asLong());
    }

    /** A file sent as a browser's form sends it: multipart/form-data, part {@code file}. */
    private Http.Response multipart(String user, String password, byte[] content) {
        String boundary = "----ledger" + UUID.randomUUID();
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"doi-soat.csv\""
                + "\r\nContent-Type: text/csv\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[head.length + content.length + tail.length];
        System.arraycopy(head, 0, body, 0, head.length);
        System.arraycopy(content, 0, body, head.length, content.length);
        System.arraycopy(tail, 0, body, head.length + content.length, tail.length);
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://localhost:" + port + "/api/reconciliations"))
                    .header("Authorization", Tester.basic(user, password))
                    .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            JsonNode json = response.body().isEmpty() ? null : Http.JSON.readTree(response.body());
            return new Http.Response(response.statusCode(), response, json);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

}
