package vn.evn.cashless.projections.reporting;

import vn.evn.cashless.domain.plan.ReportingPeriod;

/** Asks for a branch's payments per channel over a period; answers {@link ChannelBreakdown}. */
public record FindChannelBreakdown(String branch, ReportingPeriod period) {
}
