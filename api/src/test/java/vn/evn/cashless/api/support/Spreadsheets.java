package vn.evn.cashless.api.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import tools.jackson.databind.JsonNode;

/**
 * The branch report as a spreadsheet, downloaded over HTTP and read back with POI, against the JSON reports of the
 * same branch and period: every figure in the workbook must be the JSON's, as a number in the right format.
 */
public final class Spreadsheets {

    public static final String PROGRESS = "Tiến độ kế hoạch";
    public static final String COMMUNES = "Xã, thị trấn";
    public static final String CHANNELS = "Kênh thanh toán";
    private static final int FIRST_DATA_ROW = 3;

    private Spreadsheets() {
    }

    /** Downloads the report; fails unless it is a 200 spreadsheet. */
    public static XSSFWorkbook download(Http http, String branch, String period) {
        HttpResponse<byte[]> response = http.bytes("/api/branches/" + branch + "/report.xlsx?period=" + period);
        assertThat(response.statusCode()).as(new String(response.body())).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse(""))
                .startsWith("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        assertThat(response.headers().firstValue("Content-Disposition").orElse(""))
                .contains("attachment").contains(branch + "-" + period + ".xlsx");
        try {
            return new XSSFWorkbook(new ByteArrayInputStream(response.body()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Downloads the report and compares it, figure by figure, with the JSON reports; returns the figures read. */
    public static int assertMatchesJson(Http http, String branch, String period) {
        JsonNode coverage = http.get("/api/branches/" + branch + "/coverage?period=" + period).json();
        JsonNode channels = http.get("/api/branches/" + branch + "/channels?period=" + period).json();
        Http.Response progress = http.get("/api/plans/" + branch + "/" + period + "/progress");
        assertThat(progress.status()).as(progress.toString()).isIn(200, 404);
        try (XSSFWorkbook workbook = download(http, branch, period)) {
            assertThat(workbook.getNumberOfSheets()).isEqualTo(3);
            int figures = progress.status() == 200 ? progress(workbook.getSheet(PROGRESS), progress.json())
                    : noPlan(workbook.getSheet(PROGRESS));
            figures += communes(workbook.getSheet(COMMUNES), coverage);
            figures += channels(workbook.getSheet(CHANNELS), channels);
            return figures;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int noPlan(Sheet sheet) {
        assertThat(sheet).isNotNull();
        assertThat(sheet.getRow(FIRST_DATA_ROW).getCell(0).getStringCellValue()).contains("Chưa có kế hoạch");
        return 0;
    }

    private static int progress(Sheet sheet, JsonNode progress) {
        assertThat(sheet).as(PROGRESS).isNotNull();
        assertThat(text(sheet.getRow(2), 0)).isEqualTo("Chỉ tiêu");
        assertThat(text(sheet.getRow(2), 2)).isEqualTo("Kế hoạch");
        assertThat(text(sheet.getRow(2), 3)).isEqualTo("Thực hiện");
        int figures = 0;
        int r = FIRST_DATA_ROW;
        for (JsonNode indicator : progress.get("indicators")) {
            Row row = sheet.getRow(r++);
            String name = indicator.get("name").asString();
            assertThat(text(row, 1)).isEqualTo(name);
            boolean count = name.equals("zaloRegistrations");
            figures += count ? count(row.getCell(2), indicator.get("target")) : percent(row.getCell(2),
                    indicator.get("target"));
            figures += count ? count(row.getCell(3), indicator.get("actual")) : percent(row.getCell(3),
                    indicator.get("actual"));
            figures += percent(row.getCell(4), indicator.get("achievement"));
        }
        Map<String, Cell> totals = byCode(sheet, r);
        JsonNode t = progress.get("totals");
        for (String field : new String[]{"payments", "cashlessPayments", "cashlessCustomers"}) {
            figures += count(totals.get(field), t.get(field));
        }
        for (String field : new String[]{"amount", "cashlessAmount"}) {
            figures += vnd(totals.get(field), t.get(field));
        }
        for (String field : new String[]{"cashlessAmountRatio", "cashlessPaymentRatio"}) {
            figures += percent(totals.get(field), t.get(field));
        }
        return figures;
    }

    private static int communes(Sheet sheet, JsonNode coverage) {
        assertThat(sheet).as(COMMUNES).isNotNull();
        assertThat(text(sheet.getRow(2), 0)).isEqualTo("Mã xã");
        int figures = 0;
        int r = FIRST_DATA_ROW;
        for (JsonNode commune : coverage.get("communes")) {
            Row row = sheet.getRow(r++);
            assertThat(text(row, 0)).isEqualTo(commune.get("code").asString());
            assertThat(text(row, 1)).isEqualTo(commune.get("name").asString());
            figures += count(row.getCell(3), commune.get("customers"));
            figures += count(row.getCell(4), commune.get("registeredCustomers"));
            figures += count(row.getCell(5), commune.get("payments"));
            figures += count(row.getCell(6), commune.get("cashlessPayments"));
            figures += vnd(row.getCell(7), commune.get("amount"));
            figures += vnd(row.getCell(8), commune.get("cashlessAmount"));
            figures += count(row.getCell(9), commune.get("cashlessCustomers"));
            figures += percent(row.getCell(10), commune.get("cashlessAmountRatio"));
            figures += percent(row.getCell(11), commune.get("cashlessPaymentRatio"));
            assertThat(text(row, 12)).isEqualTo(commune.get("covered").asBoolean() ? "Có" : "Không");
            assertThat(text(row, 13)).isEqualTo(commune.get("countsForCoverage").asBoolean() ? "Có" : "Không");
        }
        Row sum = sheet.getRow(r++);
        assertThat(text(sum, 1)).isEqualTo("Cộng");
        JsonNode t = coverage.get("totals");
        figures += count(sum.getCell(5), t.get("payments"));
        figures += count(sum.getCell(6), t.get("cashlessPayments"));
        figures += vnd(sum.getCell(7), t.get("amount"));
        figures += vnd(sum.getCell(8), t.get("cashlessAmount"));
        figures += count(sum.getCell(9), t.get("cashlessCustomers"));
        figures += percent(sum.getCell(10), t.get("cashlessAmountRatio"));
        figures += percent(sum.getCell(11), t.get("cashlessPaymentRatio"));
        Map<String, Cell> summary = byCode(sheet, r);
        figures += count(summary.get("coveredCommunes"), coverage.get("coveredCommunes"));
        figures += count(summary.get("totalCommunes"), coverage.get("totalCommunes"));
        figures += percent(summary.get("coverageRatio"), coverage.get("coverageRatio"));
        return figures;
    }

    private static int channels(Sheet sheet, JsonNode channels) {
        assertThat(sheet).as(CHANNELS).isNotNull();
        assertThat(text(sheet.getRow(2), 0)).isEqualTo("Loại kênh");
        int figures = 0;
        int r = FIRST_DATA_ROW;
        long payments = 0;
        long amount = 0;
        for (JsonNode channel : channels.get("channels")) {
            Row row = sheet.getRow(r++);
            assertThat(text(row, 1)).isEqualTo(channel.get("kind").asString());
            assertThat(text(row, 2)).isEqualTo(channel.get("provider").asString());
            figures += count(row.getCell(3), channel.get("payments"));
            figures += vnd(row.getCell(4), channel.get("amount"));
            assertThat(text(row, 5)).isEqualTo(channel.get("cashless").asBoolean() ? "Có" : "Không");
            payments += channel.get("payments").asLong();
            amount += channel.get("amount").asLong();
        }
        Row sum = sheet.getRow(r);
        assertThat(text(sum, 0)).isEqualTo("Cộng");
        assertThat(sum.getCell(3).getNumericCellValue()).isEqualTo((double) payments);
        assertThat(sum.getCell(4).getNumericCellValue()).isEqualTo((double) amount);
        return figures;
    }

    /** The cells of column C below a row, keyed by the code in column B. */
    private static Map<String, Cell> byCode(Sheet sheet, int from) {
        Map<String, Cell> cells = new HashMap<>();
        for (int r = from; r <= sheet.getLastRowNum(); r++) {
            Row row = sheet.getRow(r);
            if (row != null && row.getCell(1) != null && row.getCell(1).getCellType() == CellType.STRING) {
                cells.put(row.getCell(1).getStringCellValue(), row.getCell(2));
            }
        }
        return cells;
    }

    private static String text(Row row, int column) {
        return row.getCell(column).getStringCellValue();
    }

    /** A whole number (count) in a {@code #,##0} cell. */
    private static int count(Cell cell, JsonNode expected) {
        assertThat(cell).isNotNull();
        if (expected == null || expected.isNull()) {
            assertThat(cell.getCellType()).isEqualTo(CellType.BLANK);
            return 1;
        }
        assertThat(cell.getCellType()).isEqualTo(CellType.NUMERIC);
        assertThat(BigDecimal.valueOf(cell.getNumericCellValue())).isEqualByComparingTo(expected.decimalValue());
        assertThat(cell.getCellStyle().getDataFormatString()).isEqualTo("#,##0");
        return 1;
    }

    /** A whole number of đồng in a VND cell. */
    private static int vnd(Cell cell, JsonNode expected) {
        assertThat(cell.getCellType()).isEqualTo(CellType.NUMERIC);
        assertThat((long) cell.getNumericCellValue()).isEqualTo(expected.asLong());
        assertThat(cell.getNumericCellValue()).isEqualTo((double) expected.asLong());
        assertThat(cell.getCellStyle().getDataFormatString()).contains("#,##0").contains("₫");
        return 1;
    }

    /** A percentage the JSON gives in points (82.27), held as the fraction (0.8227) in a percent cell. */
    private static int percent(Cell cell, JsonNode expected) {
        assertThat(cell).isNotNull();
        if (expected == null || expected.isNull()) {
            assertThat(cell.getCellType()).isEqualTo(CellType.BLANK);
            return 1;
        }
        assertThat(cell.getCellType()).isEqualTo(CellType.NUMERIC);
        assertThat(BigDecimal.valueOf(cell.getNumericCellValue()).movePointRight(2).setScale(2, RoundingMode.HALF_UP))
                .isEqualByComparingTo(expected.decimalValue());
        assertThat(cell.getCellStyle().getDataFormatString()).isEqualTo("0.00%");
        return 1;
    }
}
