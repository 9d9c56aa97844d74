package vn.evn.cashless.application.reconciliation;

/** Counts imported lines by outcome wherever the application keeps its metrics. */
public interface LineCounter {

    void counted(Outcome outcome, long lines);
}
