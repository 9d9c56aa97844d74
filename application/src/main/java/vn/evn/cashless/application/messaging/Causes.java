package vn.evn.cashless.application.messaging;

/** Finds what really went wrong inside the wrappers frameworks put around an exception. */
public final class Causes {

    private Causes() {
    }

    /** The first exception of {@code type} in the cause chain of {@code error}, or {@code null}. */
    public static <T extends Throwable> T find(Throwable error, Class<T> type) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return null;
    }
}
