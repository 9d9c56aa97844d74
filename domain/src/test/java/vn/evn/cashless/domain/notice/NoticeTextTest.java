package vn.evn.cashless.domain.notice;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import vn.evn.cashless.domain.billing.BillingPeriod;

class NoticeTextTest {

    private static final String CUSTOMER = "PA20BM0001234";
    private static final BillingPeriod JUNE = BillingPeriod.of("2021-06");
    private static final LocalDate DUE = LocalDate.of(2021, 7, 5);

    @Test
    void billNoticeSaysWhoWhichMonthHowMuchAndByWhen() {
        assertThat(NoticeText.of(NoticeKind.BILL, CUSTOMER, JUNE, 1_234_567, DUE)).isEqualTo(
                "EVN thông báo: tiền điện kỳ 06/2021 của khách hàng PA20BM0001234 là 1.234.567 đồng, "
                        + "hạn thanh toán 05/07/2021.");
    }

    @Test
    void reminderSaysTheBillIsStillUnpaid() {
        assertThat(NoticeText.of(NoticeKind.REMINDER, CUSTOMER, JUNE, 1_234_567, DUE)).isEqualTo(
                "EVN nhắc: hóa đơn tiền điện kỳ 06/2021 của khách hàng PA20BM0001234 (1.234.567 đồng) "
                        + "chưa được thanh toán, hạn thanh toán 05/07/2021.");
    }

    @Test
    void monthOfTwoDigitsAndDayOfTwoDigitsAreWrittenAsTheyAre() {
        assertThat(NoticeText.of(NoticeKind.BILL, CUSTOMER, BillingPeriod.of("2021-12"), 999, LocalDate.of(2022, 1, 15)))
                .isEqualTo("EVN thông báo: tiền điện kỳ 12/2021 của khách hàng PA20BM0001234 là 999 đồng, "
                        + "hạn thanh toán 15/01/2022.");
    }

    @ParameterizedTest
    @CsvSource({"0, 0", "7, 7", "999, 999", "1000, 1.000", "12345, 12.345", "100000, 100.000", "999999, 999.999",
            "1000000, 1.000.000", "1234567, 1.234.567", "1000000000000, 1.000.000.000.000"})
    void groupsThousandsWithDots(long amount, String written) {
        assertThat(NoticeText.amount(amount)).isEqualTo(written);
    }

    @Test
    void negativeAmountKeepsItsSignBeforeTheGroups() {
        assertThat(NoticeText.amount(-1_234_567)).isEqualTo("-1.234.567");
    }

    @Test
    void textIsTheSameWhateverTheServerLocale() {
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(Locale.forLanguageTag("th-TH-u-nu-thai"));
            assertThat(NoticeText.of(NoticeKind.BILL, CUSTOMER, JUNE, 1_234_567, DUE)).isEqualTo(
                    "EVN thông báo: tiền điện kỳ 06/2021 của khách hàng PA20BM0001234 là 1.234.567 đồng, "
                            + "hạn thanh toán 05/07/2021.");
        } finally {
            Locale.setDefault(before);
        }
    }
}
