package vn.evn.cashless.api.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import vn.evn.cashless.api.support.EndToEndTest;
import vn.evn.cashless.api.support.Http;
import vn.evn.cashless.api.support.Spreadsheets;

/** The branch report as a spreadsheet: the JSON reports' figures, as numbers, for the JSON reports' readers. */
class ReportSpreadsheetEndToEndTest extends EndToEndTest {

    private String branchWithPayments(boolean withPlan) {
        String town = uniqueCommuneCode();
        String quiet = uniqueCommuneCode();
        String branch = branchWith(town, quiet);
        String bank = customer(branch, town);
        String wallet = customer(branch, town);
        String viettel = customer(branch, quiet);
        String cash = customer(branch, quiet);
        http().post("/api/customers/" + bank + "/payment-channels",
                Map.of("kind", "BANK", "provider", "Agribank", "registeredAt", "2020-06-01T00:00:00Z"));
        paidBill(bank, "2021-03", 612_345, "BANK", "Agribank", "2021-03-10T03:00:00Z");
        paidBill(bank, "2021-04", 587_001, "BANK", "Agribank", "2021-04-10T03:00:00Z");
        paidBill(wallet, "2021-03", 200_000, "E_WALLET", "MoMo", "2021-03-11T03:00:00Z");
        paidBill(viettel, "2021-03", 150_000, "INTERMEDIARY", "Viettel", "2021-03-12T03:00:00Z");
        paidBill(cash, "2021-03", 50_000, "COUNTER", "Quầy thu", "2021-03-13T03:00:00Z");
        if (withPlan) {
            plan(branch, "2021-H1", List.of("BANK", "E_WALLET"));
        }
        awaitReadModels();
        return branch;
    }

    @Test
    void everyFigureOfTheSpreadsheetIsTheJsonReportsFigure() {
        String branch = branchWithPayments(true);

        int figures = Spreadsheets.assertMatchesJson(http(), branch, "2021-H1");

        // 4 indicators × 3, 7 totals; 2 communes × 9, 7 sums, 3 coverage figures; 4 channels × 2
        assertThat(figures).isEqualTo(12 + 7 + 18 + 7 + 3 + 8);
        try (XSSFWorkbook workbook = Spreadsheets.download(http(), branch, "2021-H1")) {
            assertThat(workbook.getSheetAt(0).getSheetName()).isEqualTo("Tiến độ kế hoạch");
            assertThat(workbook.getSheetAt(1).getSheetName()).isEqualTo("Xã, thị trấn");
            assertThat(workbook.getSheetAt(2).getSheetName()).isEqualTo("Kênh thanh toán");
            assertThat(workbook.getSheetAt(0).getRow(0).getCell(0).getStringCellValue())
                    .contains("Điện lực " + branch).contains("2021-H1");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }

        // figures as of an instant sent in UTC: the title gives that instant in Vietnamese local time
        Instant at = Instant.now().minusSeconds(1).truncatedTo(ChronoUnit.SECONDS);
        HttpResponse<byte[]> asOf = http().bytes("/api/branches/" + branch
                + "/report.xlsx?period=2021-H1&asOf=" + at);
        assertThat(asOf.statusCode()).as(new String(asOf.body())).isEqualTo(200);
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(asOf.body()))) {
            assertThat(workbook.getSheetAt(0).getRow(0).getCell(0).getStringCellValue()).endsWith(", số liệu tại "
                    + at.atZone(ZoneId.of("Asia/Ho_Chi_Minh")).toOffsetDateTime());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void aPeriodWithoutAPlanStillHasItsCommunesAndChannels() {
        String branch = branchWithPayments(false);

        int figures = Spreadsheets.assertMatchesJson(http(), branch, "2021-03");

        assertThat(figures).isEqualTo(18 + 7 + 3 + 8);
    }

    @Test
    void theJsonReportsReadersMayDownloadItAndNoOneElse() {
        String branch = branchWithPayments(true);
        String path = "/api/branches/" + branch + "/report.xlsx?period=2021-Q1";
        for (String reader : List.of("viewer", "auditor", "planner", "operator")) {
            assertThat(http().as(reader, reader).bytes(path).statusCode()).as(reader).isEqualTo(200);
        }
        for (String refused : List.of("admin", "agribank", "bm-viewer")) {
            Http.Response response = http().as(refused, refused).get(path);
            assertThat(response.status()).as(refused).isEqualTo(403);
            assertThat(response.json().get("code").asString()).isEqualTo("ACCESS_DENIED");
        }
        Http.Response anonymous = http().anonymous().get(path);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.header("WWW-Authenticate")).startsWith("Basic");
    }

    @Test
    void aMalformedPeriodOrAnUnknownBranchIsAProblemNotAFile() {
        Http.Response badPeriod = http().get("/api/branches/BM/report.xlsx?period=2021-H3");
        assertThat(badPeriod.status()).isEqualTo(400);
        assertThat(badPeriod.contentType()).startsWith("application/problem+json");
        Http.Response unknown = http().get("/api/branches/ZZ9/report.xlsx?period=2021-H1");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("code").asString()).isEqualTo("BRANCH_NOT_FOUND");
        HttpResponse<byte[]> noPeriod = http().bytes("/api/branches/BM/report.xlsx");
        assertThat(noPeriod.statusCode()).isEqualTo(400);
    }
}
