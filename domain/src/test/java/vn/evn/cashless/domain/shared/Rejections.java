package vn.evn.cashless.domain.shared;

import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeDiagnosingMatcher;

/** Matches a {@link DomainException} by its stable code, the way clients tell rejections apart. */
public final class Rejections {

    private Rejections() {
    }

    public static Matcher<DomainException> rejectedWith(ErrorCode code) {
        return new TypeSafeDiagnosingMatcher<>() {
            @Override
            protected boolean matchesSafely(DomainException exception, Description mismatch) {
                if (exception.code() != code) {
                    mismatch.appendText("was rejected with ").appendValue(exception.code())
                            .appendText(": ").appendText(exception.getMessage());
                    return false;
                }
                return true;
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("a DomainException with code ").appendValue(code);
            }
        };
    }
}
