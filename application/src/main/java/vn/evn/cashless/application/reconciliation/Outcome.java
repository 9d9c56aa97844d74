package vn.evn.cashless.application.reconciliation;

import java.util.Locale;

/** What became of one line of a reconciliation file. */
public enum Outcome {
    /** Recorded now. */
    ACCEPTED,
    /** Recorded before by an identical notification (or an earlier line of the file); nothing stored again. */
    DUPLICATE,
    /** The same {@code (provider, externalRef)} was recorded with other content, or against another bill. */
    CONFLICT,
    /** Refused, with the error code the single-payment API gives for it. */
    REJECTED;

    /** How clients read it: lower case. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
