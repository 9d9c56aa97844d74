package vn.evn.cashless.projections.reporting;

/** Asks for a branch's name and company; answers {@link BranchView} or {@code null}. */
public record FindBranch(String branch) {
}
