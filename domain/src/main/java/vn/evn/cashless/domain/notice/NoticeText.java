package vn.evn.cashless.domain.notice;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import vn.evn.cashless.domain.billing.BillingPeriod;

/**
 * The message a customer reads, in Vietnamese: who, which month, how much (grouped with dots, as vi-VN writes
 * numbers, whatever the server's locale) and by when.
 */
public final class NoticeText {

    /** Formatters write ASCII digits whatever the locale ({@code String.format} would write a Thai server's). */
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("MM/yyyy");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy");

    private NoticeText() {
    }

    public static String of(NoticeKind kind, String customer, BillingPeriod period, long amount, LocalDate dueDate) {
        String month = MONTH.format(period.month());
        String due = DAY.format(dueDate);
        return switch (kind) {
            case BILL -> "EVN thông báo: tiền điện kỳ " + month + " của khách hàng " + customer + " là "
                    + amount(amount) + " đồng, hạn thanh toán " + due + ".";
            case REMINDER -> "EVN nhắc: hóa đơn tiền điện kỳ " + month + " của khách hàng " + customer + " ("
                    + amount(amount) + " đồng) chưa được thanh toán, hạn thanh toán " + due + ".";
        };
    }

    /** 1234567 as {@code 1.234.567}. */
    static String amount(long amount) {
        String digits = Long.toString(Math.abs(amount));
        StringBuilder grouped = new StringBuilder();
        for (int i = 0; i < digits.length(); i++) {
            if (i > 0 && (digits.length() - i) % 3 == 0) {
                grouped.append('.');
            }
            grouped.append(digits.charAt(i));
        }
        return (amount < 0 ? "-" : "") + grouped;
    }
}
