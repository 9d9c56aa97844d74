package vn.evn.cashless.domain.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.evn.cashless.domain.shared.InvalidValues.assertInvalid;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import vn.evn.cashless.domain.customer.CustomerCode;

class BillIdTest {

    private static final BillId JUNE_BILL = BillId.of(CustomerCode.of("PA20BM0001234"), BillingPeriod.of("2021-06"));

    @Test
    void isWrittenAsCustomerCodeThenMonth() {
        assertThat(JUNE_BILL).hasToString("PA20BM0001234-2021-06");
    }

    @Test
    void roundTripsThroughToStringAndParse() {
        assertThat(BillId.parse(JUNE_BILL.toString())).isEqualTo(JUNE_BILL);
    }

    @Test
    void parsesCustomerCodeInLowerCase() {
        assertThat(BillId.parse("pa20bm0001234-2021-06")).isEqualTo(JUNE_BILL);
    }

    @Test
    void sameCustomerAndMonthIsTheSameBill() {
        assertThat(BillId.of(CustomerCode.of("PA20BM0001234"), BillingPeriod.of("2021-06"))).isEqualTo(JUNE_BILL);
        assertThat(BillId.of(CustomerCode.of("PA20BM0001234"), BillingPeriod.of("2021-07"))).isNotEqualTo(JUNE_BILL);
    }

    @ParameterizedTest
    @ValueSource(strings = {"PA20BM0001234_2021-06", "PA20BM0001234-2021-6", "PA20BM00012342021-06",
            "PA20BM0001234-2021-06-", "", "PA20BM0001234"})
    void rejectsWhatIsNotCustomerDashMonth(String text) {
        assertInvalid("id", () -> BillId.parse(text));
    }

    @Test
    void rejectsNull() {
        assertInvalid("id", () -> BillId.parse(null));
    }

    @Test
    void rejectsRightShapeWithInvalidParts() {
        assertInvalid("period", () -> BillId.parse("PA20BM0001234-2021-13"));
        assertInvalid("customer", () -> BillId.parse("1A20BM0001234-2021-06"));
    }
}
