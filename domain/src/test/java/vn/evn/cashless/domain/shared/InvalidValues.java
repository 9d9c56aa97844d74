package vn.evn.cashless.domain.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Asserts that a value or command cannot be constructed, and which request field the rejection names. */
public final class InvalidValues {

    private InvalidValues() {
    }

    public static void assertInvalid(String field, ThrowingCallable construction) {
        assertThatThrownBy(construction).isInstanceOfSatisfying(InvalidValueException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.INVALID_VALUE);
            assertThat(e.field()).isEqualTo(field);
        });
    }
}
