package vn.evn.cashless.projections.plan;

import vn.evn.cashless.projections.support.PageRequest;

/** Asks for a branch's plan for exactly a period and a page of its revisions; answers {@link PlanView} or null. */
public record FindPlan(String branch, String period, PageRequest page) {
}
