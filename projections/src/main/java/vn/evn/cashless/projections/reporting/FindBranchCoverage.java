package vn.evn.cashless.projections.reporting;

import java.time.Instant;
import vn.evn.cashless.domain.plan.ReportingPeriod;

/**
 * Asks how far each commune of a branch pays cashless over a period; answers a
 * {@link vn.evn.cashless.domain.figures.BranchCoverage}. {@code asOf}: as the system knew it then; null: now.
 */
public record FindBranchCoverage(String branch, ReportingPeriod period, Instant asOf) {
}
