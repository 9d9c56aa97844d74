package vn.evn.cashless.projections.plan;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import vn.evn.cashless.projections.support.Page;

/** A plan as it stands ({@code current}, its newest revision) and a page of its revisions, oldest first. */
public record PlanView(String branch, String period, Revision current, Page<Revision> revisions) {

    /** One assignment of the plan: its targets and kinds, who assigned it, and when the ledger recorded it. */
    public record Revision(int revision, BigDecimal cashlessAmountRatio, BigDecimal cashlessPaymentRatio,
                           Long zaloRegistrations, BigDecimal communeCoverage, List<String> cashlessKinds,
                           String assignedBy, String correlationId, Instant assignedAt) {
    }
}
