package vn.evn.cashless.projections.reporting;

import java.time.Instant;
import vn.evn.cashless.domain.plan.ReportingPeriod;

/**
 * Asks for a branch's payments per channel over a period; answers a
 * {@link vn.evn.cashless.domain.figures.ChannelBreakdown}. {@code asOf}: as the system knew it then; null: now.
 */
public record FindChannelBreakdown(String branch, ReportingPeriod period, Instant asOf) {
}
