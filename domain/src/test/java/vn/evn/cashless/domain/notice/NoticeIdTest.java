package vn.evn.cashless.domain.notice;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.evn.cashless.domain.shared.InvalidValues.assertInvalid;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import vn.evn.cashless.domain.billing.BillId;
import vn.evn.cashless.domain.billing.BillingPeriod;
import vn.evn.cashless.domain.customer.CustomerCode;

class NoticeIdTest {

    private static final BillId JUNE_BILL = BillId.of(CustomerCode.of("PA20BM0001234"), BillingPeriod.of("2021-06"));
    private static final NoticeId BILL_NOTICE = NoticeId.of(JUNE_BILL, NoticeKind.BILL);
    private static final NoticeId REMINDER = NoticeId.of(JUNE_BILL, NoticeKind.REMINDER);

    @Test
    void isWrittenAsTheBillThenTheKind() {
        assertThat(BILL_NOTICE).hasToString("PA20BM0001234-2021-06-BILL");
        assertThat(REMINDER).hasToString("PA20BM0001234-2021-06-REMINDER");
    }

    @Test
    void roundTripsThroughToStringAndParse() {
        assertThat(NoticeId.parse(BILL_NOTICE.toString())).isEqualTo(BILL_NOTICE);
        assertThat(NoticeId.parse(REMINDER.toString())).isEqualTo(REMINDER);
    }

    @Test
    void parsesTheBillAndTheKind() {
        NoticeId parsed = NoticeId.parse("PA20BM0001234-2021-06-REMINDER");
        assertThat(parsed.bill()).isEqualTo(JUNE_BILL);
        assertThat(parsed.kind()).isEqualTo(NoticeKind.REMINDER);
    }

    @Test
    void parsesACustomerCodeInLowerCase() {
        assertThat(NoticeId.parse("pa20bm0001234-2021-06-BILL")).isEqualTo(BILL_NOTICE);
    }

    @Test
    void billNoticeAndReminderOfOneBillAreTwoNotices() {
        assertThat(REMINDER).isNotEqualTo(BILL_NOTICE);
        assertThat(NoticeId.of(JUNE_BILL, NoticeKind.BILL)).isEqualTo(BILL_NOTICE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "BILL", "PA20BM0001234-2021-06", "PA20BM0001234-2021-06-", "PA20BM0001234-2021-06-bill",
            "PA20BM0001234-2021-06-NOTICE", "PA20BM0001234-2021-06_BILL", "PA20BM0001234-2021-6-BILL",
            "PA20BM0001234-2021-06-BILL-", "PA20BM00012345-2021-06-BILL", "PA20BM0001234_2021-06-BILL"})
    void rejectsWhatIsNotABillDashKind(String text) {
        assertInvalid("notice", () -> NoticeId.parse(text));
    }

    @Test
    void rejectsNull() {
        assertInvalid("notice", () -> NoticeId.parse(null));
    }

    @Test
    void rejectsTheRightShapeWithInvalidPartsAsANotice() {
        assertInvalid("notice", () -> NoticeId.parse("PA20BM0001234-2021-13-BILL"));
        assertInvalid("notice", () -> NoticeId.parse("1A20BM0001234-2021-06-BILL"));
    }
}
