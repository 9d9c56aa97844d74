package vn.evn.cashless.projections.reporting;

import vn.evn.cashless.domain.plan.ReportingPeriod;

/**
 * Asks how every branch of a company (by company code) stands over a period, and the company as a whole; answers a
 * {@link vn.evn.cashless.domain.figures.CompanyProgress}, or null when no branch has that company code.
 */
public record FindCompanyProgress(String company, ReportingPeriod period) {
}
