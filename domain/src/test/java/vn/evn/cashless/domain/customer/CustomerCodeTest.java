package vn.evn.cashless.domain.customer;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.evn.cashless.domain.shared.InvalidValues.assertInvalid;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class CustomerCodeTest {

    @Test
    void acceptsTwoLettersThenElevenLettersOrDigits() {
        assertThat(CustomerCode.of("PA20BM0001234").value()).isEqualTo("PA20BM0001234");
        assertThat(CustomerCode.of("PE0400ABCDEFG").value()).isEqualTo("PE0400ABCDEFG");
    }

    @Test
    void isHeldInUpperCaseWithoutSurroundingSpaces() {
        assertThat(CustomerCode.of("  pa20bm0001234 ")).isEqualTo(CustomerCode.of("PA20BM0001234"));
        assertThat(CustomerCode.of("pa20bm0001234")).hasToString("PA20BM0001234");
    }

    @ParameterizedTest
    @ValueSource(strings = {"PA20BM000123", "PA20BM00012345", "P120BM0001234", "1A20BM0001234", "PA20BM000123-",
            "PA20BM 0001234", "PA20BM000123Đ"})
    void rejectsWhatIsNotACustomerCode(String text) {
        assertInvalid("customer", () -> CustomerCode.of(text));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   "})
    void rejectsNothing(String text) {
        assertInvalid("customer", () -> CustomerCode.of(text));
    }
}
