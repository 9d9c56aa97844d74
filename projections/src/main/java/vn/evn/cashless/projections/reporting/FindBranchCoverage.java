package vn.evn.cashless.projections.reporting;

import vn.evn.cashless.domain.plan.ReportingPeriod;

/** Asks how far each commune of a branch pays cashless over a period; answers {@link BranchCoverage}. */
public record FindBranchCoverage(String branch, ReportingPeriod period) {
}
