package vn.evn.cashless.projections.reporting;

import vn.evn.cashless.domain.plan.ReportingPeriod;

/** Asks how a branch stands against its plan for exactly this period; answers {@link PlanProgress} or null. */
public record FindPlanProgress(String branch, ReportingPeriod period) {
}
