package vn.evn.cashless.domain.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.evn.cashless.domain.shared.InvalidValues.assertInvalid;

import org.junit.jupiter.api.Test;

class VndTest {

    @Test
    void acceptsWholePositiveAmounts() {
        assertThat(Vnd.of(1).value()).isEqualTo(1);
        assertThat(Vnd.of(485_300).value()).isEqualTo(485_300);
    }

    @Test
    void acceptsTheMaximum() {
        assertThat(Vnd.of(Vnd.MAX).value()).isEqualTo(1_000_000_000_000L);
    }

    @Test
    void rejectsZeroAndNegativeAmounts() {
        assertInvalid("amount", () -> Vnd.of(0));
        assertInvalid("amount", () -> Vnd.of(-1));
        assertInvalid("amount", () -> Vnd.of(Long.MIN_VALUE));
    }

    @Test
    void rejectsAmountsAboveTheMaximum() {
        assertInvalid("amount", () -> Vnd.of(Vnd.MAX + 1));
        assertInvalid("amount", () -> Vnd.of(Long.MAX_VALUE));
    }
}
