package vn.evn.cashless.api.reporting;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import vn.evn.cashless.api.web.Inputs;
import vn.evn.cashless.api.web.Queries;
import vn.evn.cashless.api.web.Times;
import vn.evn.cashless.domain.channel.ChannelKind;
import vn.evn.cashless.domain.figures.ChannelBreakdown;
import vn.evn.cashless.domain.figures.Indicator;
import vn.evn.cashless.domain.shared.DomainException;
import vn.evn.cashless.domain.shared.ErrorCode;
import vn.evn.cashless.projections.reporting.BranchView;
import vn.evn.cashless.projections.reporting.FindBranch;

/**
 * The branch's report for a period as a spreadsheet (.xlsx): plan progress, communes and channels, the same figures
 * as the JSON reports (it asks {@link ReportController}, so the checks, the access rules and the rounding are
 * theirs), numbers as numbers with VND and percent formats, headers in Vietnamese. Written row by row through POI's
 * streaming workbook.
 *
 * <p>Layout, fixed so that a program can read it back: on each sheet row 1 is a title, row 3 the column headers and
 * the data start on row 4.
 */
@RestController
public class ReportSpreadsheetController {

    public static final String MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    static final String PROGRESS_SHEET = "Tiến độ kế hoạch";
    static final String COMMUNES_SHEET = "Xã, thị trấn";
    static final String CHANNELS_SHEET = "Kênh thanh toán";

    private static final Map<String, String> INDICATORS = Map.of(
            Indicator.CASHLESS_AMOUNT_RATIO, "Tỷ lệ số tiền thanh toán không dùng tiền mặt",
            Indicator.CASHLESS_PAYMENT_RATIO, "Tỷ lệ lượt khách hàng thanh toán không dùng tiền mặt",
            Indicator.ZALO_REGISTRATIONS, "Khách hàng đăng ký nhận thông báo qua Zalo",
            Indicator.COMMUNE_COVERAGE, "Tỷ lệ xã, thị trấn có thanh toán không dùng tiền mặt");

    private static final Map<ChannelKind, String> KINDS = Map.of(
            ChannelKind.BANK, "Ngân hàng",
            ChannelKind.E_WALLET, "Ví điện tử",
            ChannelKind.INTERMEDIARY, "Tổ chức trung gian",
            ChannelKind.COUNTER, "Quầy thu của điện lực",
            ChannelKind.COLLECTOR, "Thu tại nhà");

    private final ReportController reports;
    private final Queries queries;
    private final Inputs inputs;

    public ReportSpreadsheetController(ReportController reports, Queries queries, Inputs inputs) {
        this.reports = reports;
        this.queries = queries;
        this.inputs = inputs;
    }

    @GetMapping("/api/branches/{branch}/report.xlsx")
    public void report(@PathVariable String branch, @RequestParam String period,
                       @RequestParam(required = false) String asOf, HttpServletResponse response)
            throws IOException {
        // Everything is read (and every refusal made) before the first byte is written.
        ReportController.CoverageResponse coverage = reports.coverage(branch, period, asOf);
        ChannelBreakdown channels = reports.channels(branch, period, asOf);
        ReportController.ProgressResponse progress = progressOrNone(branch, period, asOf);
        BranchView view = queries.one(new FindBranch(coverage.branch()), BranchView.class);
        // in Vietnamese local time, whatever offset asOf came in
        Instant at = inputs.pastInstant("asOf", asOf);
        String title = view.name() + " (" + view.code() + "), kỳ " + coverage.period()
                + (at == null ? "" : ", số liệu tại " + Times.local(at));

        response.setContentType(MEDIA_TYPE);
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                .filename(coverage.branch() + "-" + coverage.period() + ".xlsx")
                .build().toString());
        try (SXSSFWorkbook workbook = new SXSSFWorkbook(100); OutputStream out = response.getOutputStream()) {
            Styles styles = new Styles(workbook);
            progressSheet(workbook.createSheet(PROGRESS_SHEET), styles, title, progress);
            communesSheet(workbook.createSheet(COMMUNES_SHEET), styles, title, coverage);
            channelsSheet(workbook.createSheet(CHANNELS_SHEET), styles, title, channels);
            workbook.write(out);
        }
    }

    private ReportController.ProgressResponse progressOrNone(String branch, String period, String asOf) {
        try {
            return reports.progress(branch, period, asOf);
        } catch (DomainException e) {
            if (e.code() == ErrorCode.PLAN_NOT_FOUND) {
                return null;
            }
            throw e;
        }
    }

    private static void progressSheet(Sheet sheet, Styles styles, String title,
                                      ReportController.ProgressResponse progress) {
        widths(sheet, 60, 24, 16, 16, 18);
        title(sheet, styles, "Tiến độ thực hiện kế hoạch giao: " + title);
        header(sheet, styles, "Chỉ tiêu", "Mã chỉ tiêu", "Kế hoạch", "Thực hiện", "Tỷ lệ hoàn thành");
        int r = 3;
        if (progress == null) {
            text(sheet.createRow(r).createCell(0), "Chưa có kế hoạch giao cho kỳ này", null);
            return;
        }
        for (Indicator indicator : progress.indicators()) {
            Row row = sheet.createRow(r++);
            boolean count = indicator.name().equals(Indicator.ZALO_REGISTRATIONS);
            text(row.createCell(0), INDICATORS.getOrDefault(indicator.name(), indicator.name()), null);
            text(row.createCell(1), indicator.name(), null);
            number(row.createCell(2), count ? indicator.target() : percent(indicator.target()),
                    count ? styles.count : styles.percent);
            number(row.createCell(3), count ? indicator.actual() : percent(indicator.actual()),
                    count ? styles.count : styles.percent);
            number(row.createCell(4), percent(indicator.achievement()), styles.percent);
        }
        r++;
        Row heading = sheet.createRow(r++);
        text(heading.createCell(0), "Số liệu tính tỷ lệ", styles.header);
        text(heading.createCell(1), "Mã", styles.header);
        text(heading.createCell(2), "Giá trị", styles.header);
        ReportController.Totals t = progress.totals();
        r = total(sheet, r, "Lượt khách hàng thanh toán", "payments", t.payments(), styles.count);
        r = total(sheet, r, "Lượt thanh toán không dùng tiền mặt", "cashlessPayments", t.cashlessPayments(),
                styles.count);
        r = total(sheet, r, "Tổng số tiền thu", "amount", t.amount(), styles.vnd);
        r = total(sheet, r, "Số tiền thu không dùng tiền mặt", "cashlessAmount", t.cashlessAmount(), styles.vnd);
        r = total(sheet, r, "Khách hàng thanh toán không dùng tiền mặt", "cashlessCustomers",
                t.cashlessCustomers(), styles.count);
        r = total(sheet, r, "Tỷ lệ số tiền không dùng tiền mặt", "cashlessAmountRatio",
                percent(t.cashlessAmountRatio()), styles.percent);
        r = total(sheet, r, "Tỷ lệ lượt không dùng tiền mặt", "cashlessPaymentRatio",
                percent(t.cashlessPaymentRatio()), styles.percent);
        Row kinds = sheet.createRow(r);
        text(kinds.createCell(0), "Loại kênh tính là không dùng tiền mặt", null);
        text(kinds.createCell(1), "cashlessKinds", null);
        text(kinds.createCell(2), String.join(", ", progress.cashlessKinds().stream().map(KINDS::get).toList()),
                null);
    }

    private static int total(Sheet sheet, int r, String label, String code, Object value, CellStyle style) {
        Row row = sheet.createRow(r);
        text(row.createCell(0), label, null);
        text(row.createCell(1), code, null);
        number(row.createCell(2), value, style);
        return r + 1;
    }

    private static void communesSheet(Sheet sheet, Styles styles, String title,
                                      ReportController.CoverageResponse coverage) {
        widths(sheet, 10, 26, 12, 13, 15, 15, 15, 22, 22, 15, 14, 14, 13, 13);
        title(sheet, styles, "Thanh toán không dùng tiền mặt theo xã, thị trấn: " + title);
        header(sheet, styles, "Mã xã", "Tên", "Loại", "Khách hàng", "KH đăng ký kênh", "Lượt thanh toán",
                "Lượt không dùng tiền mặt", "Số tiền thu", "Số tiền không dùng tiền mặt",
                "KH không dùng tiền mặt", "Tỷ lệ số tiền", "Tỷ lệ lượt", "Đã có thanh toán không dùng tiền mặt",
                "Tính vào độ phủ");
        int r = 3;
        for (ReportController.CommuneEntry c : coverage.communes()) {
            Row row = sheet.createRow(r++);
            text(row.createCell(0), c.code(), null);
            text(row.createCell(1), c.name(), null);
            text(row.createCell(2), "TOWN".equals(c.kind()) ? "Thị trấn" : "Xã", null);
            number(row.createCell(3), c.customers(), styles.count);
            number(row.createCell(4), c.registeredCustomers(), styles.count);
            number(row.createCell(5), c.payments(), styles.count);
            number(row.createCell(6), c.cashlessPayments(), styles.count);
            number(row.createCell(7), c.amount(), styles.vnd);
            number(row.createCell(8), c.cashlessAmount(), styles.vnd);
            number(row.createCell(9), c.cashlessCustomers(), styles.count);
            number(row.createCell(10), percent(c.cashlessAmountRatio()), styles.percent);
            number(row.createCell(11), percent(c.cashlessPaymentRatio()), styles.percent);
            text(row.createCell(12), c.covered() ? "Có" : "Không", null);
            text(row.createCell(13), c.countsForCoverage() ? "Có" : "Không", null);
        }
        ReportController.Totals t = coverage.totals();
        Row sum = sheet.createRow(r++);
        text(sum.createCell(1), "Cộng", styles.header);
        number(sum.createCell(5), t.payments(), styles.count);
        number(sum.createCell(6), t.cashlessPayments(), styles.count);
        number(sum.createCell(7), t.amount(), styles.vnd);
        number(sum.createCell(8), t.cashlessAmount(), styles.vnd);
        number(sum.createCell(9), t.cashlessCustomers(), styles.count);
        number(sum.createCell(10), percent(t.cashlessAmountRatio()), styles.percent);
        number(sum.createCell(11), percent(t.cashlessPaymentRatio()), styles.percent);
        r++;
        r = total(sheet, r, "Xã, thị trấn đã có", "coveredCommunes", coverage.coveredCommunes(), styles.count);
        r = total(sheet, r, "Xã, thị trấn tính vào độ phủ", "totalCommunes", coverage.totalCommunes(),
                styles.count);
        total(sheet, r, "Độ phủ", "coverageRatio", percent(coverage.coverageRatio()), styles.percent);
    }

    private static void channelsSheet(Sheet sheet, Styles styles, String title, ChannelBreakdown channels) {
        widths(sheet, 24, 16, 24, 16, 22, 22);
        title(sheet, styles, "Thanh toán theo kênh: " + title);
        header(sheet, styles, "Loại kênh", "Mã loại", "Đơn vị", "Lượt thanh toán", "Số tiền",
                "Tính là không dùng tiền mặt");
        int r = 3;
        long payments = 0;
        long amount = 0;
        for (ChannelBreakdown.Channel c : channels.channels()) {
            Row row = sheet.createRow(r++);
            text(row.createCell(0), KINDS.get(c.kind()), null);
            text(row.createCell(1), c.kind().name(), null);
            text(row.createCell(2), c.provider(), null);
            number(row.createCell(3), c.payments(), styles.count);
            number(row.createCell(4), c.amount(), styles.vnd);
            text(row.createCell(5), c.cashless() ? "Có" : "Không", null);
            payments += c.payments();
            amount += c.amount();
        }
        Row sum = sheet.createRow(r);
        text(sum.createCell(0), "Cộng", styles.header);
        number(sum.createCell(3), payments, styles.count);
        number(sum.createCell(4), amount, styles.vnd);
    }

    private static void widths(Sheet sheet, int... characters) {
        for (int i = 0; i < characters.length; i++) {
            sheet.setColumnWidth(i, characters[i] * 256);
        }
    }

    private static void title(Sheet sheet, Styles styles, String title) {
        text(sheet.createRow(0).createCell(0), title, styles.title);
    }

    private static void header(Sheet sheet, Styles styles, String... names) {
        Row row = sheet.createRow(2);
        for (int i = 0; i < names.length; i++) {
            text(row.createCell(i), names[i], styles.header);
        }
        sheet.createFreezePane(0, 3);
    }

    private static void text(Cell cell, String value, CellStyle style) {
        cell.setCellValue(value);
        if (style != null) {
            cell.setCellStyle(style);
        }
    }

    /** A number cell; {@code null} (no target set, nothing to divide by) leaves it blank. */
    private static void number(Cell cell, Object value, CellStyle style) {
        if (value instanceof BigDecimal decimal) {
            cell.setCellValue(decimal.doubleValue());
        } else if (value instanceof Long whole) {
            // VND and counts: whole numbers, exact in a double far beyond any branch's or company's totals.
            cell.setCellValue(whole.doubleValue());
        }
        cell.setCellStyle(style);
    }

    /** A percentage as the JSON gives it (82.27) becomes the fraction a percent format shows (0.8227). */
    private static BigDecimal percent(BigDecimal points) {
        return points == null ? null : points.movePointLeft(2);
    }

    /** The workbook's formats: VND without minor unit, percent with two decimals, counts. */
    private static final class Styles {

        final CellStyle title;
        final CellStyle header;
        final CellStyle vnd;
        final CellStyle percent;
        final CellStyle count;

        Styles(SXSSFWorkbook workbook) {
            Font bold = workbook.createFont();
            bold.setBold(true);
            Font big = workbook.createFont();
            big.setBold(true);
            big.setFontHeightInPoints((short) 13);
            title = workbook.createCellStyle();
            title.setFont(big);
            header = workbook.createCellStyle();
            header.setFont(bold);
            header.setWrapText(true);
            header.setBorderBottom(BorderStyle.THIN);
            vnd = format(workbook, "#,##0\" ₫\"");
            percent = format(workbook, "0.00%");
            count = format(workbook, "#,##0");
        }

        private static CellStyle format(SXSSFWorkbook workbook, String format) {
            CellStyle style = workbook.createCellStyle();
            style.setDataFormat(workbook.createDataFormat().getFormat(format));
            return style;
        }
    }
}
