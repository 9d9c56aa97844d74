package vn.evn.cashless.domain.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.evn.cashless.domain.shared.InvalidValues.assertInvalid;

import java.time.YearMonth;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class BillingPeriodTest {

    @Test
    void parsesAMonth() {
        assertThat(BillingPeriod.of("2021-06").month()).isEqualTo(YearMonth.of(2021, 6));
    }

    @Test
    void writesItselfAsParsed() {
        assertThat(BillingPeriod.of("2021-06")).hasToString("2021-06");
        assertThat(new BillingPeriod(YearMonth.of(2021, 1))).hasToString("2021-01");
    }

    @Test
    void acceptsMonthsFrom2000To2100() {
        assertThat(BillingPeriod.of("2000-01").month()).isEqualTo(YearMonth.of(2000, 1));
        assertThat(BillingPeriod.of("2100-12").month()).isEqualTo(YearMonth.of(2100, 12));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2021-6", "2021-13", "2021-00", "1999-12", "2101-01", "2021/06", "2021-06-01", "202106",
            "2021-Q2", " 2021-06"})
    void rejectsWhatIsNotAMonth(String text) {
        assertInvalid("period", () -> BillingPeriod.of(text));
    }

    @ParameterizedTest
    @NullAndEmptySource
    void rejectsNothing(String text) {
        assertInvalid("period", () -> BillingPeriod.of(text));
    }

    @Test
    void rejectsMonthOutsideTheRangeWhenConstructedDirectly() {
        assertInvalid("period", () -> new BillingPeriod(YearMonth.of(1999, 12)));
        assertInvalid("period", () -> new BillingPeriod(null));
    }
}
