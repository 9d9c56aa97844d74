package vn.evn.cashless.projections.notice;

import vn.evn.cashless.domain.plan.ReportingPeriod;

/** Asks for the messages of the notices of a branch's bills whose month is in the period; answers {@link BranchNotices}. */
public record FindBranchNotices(String branch, ReportingPeriod period) {
}
