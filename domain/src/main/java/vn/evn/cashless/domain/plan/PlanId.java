package vn.evn.cashless.domain.plan;

import vn.evn.cashless.domain.organisation.BranchCode;

/** One plan per branch and reporting period. */
public record PlanId(BranchCode branch, ReportingPeriod period) {

    @Override
    public String toString() {
        return branch.value() + ":" + period;
    }
}
