package vn.evn.cashless.projections.reporting;

import java.time.Instant;
import vn.evn.cashless.domain.plan.ReportingPeriod;

/**
 * Asks how a branch stands against its plan for exactly this period; answers a
 * {@link vn.evn.cashless.domain.figures.PlanProgress} or null. {@code asOf}: as the system knew it then; null: now.
 */
public record FindPlanProgress(String branch, ReportingPeriod period, Instant asOf) {
}
