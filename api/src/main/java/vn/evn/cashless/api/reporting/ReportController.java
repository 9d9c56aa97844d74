package vn.evn.cashless.api.reporting;

import vn.evn.cashless.api.security.Access;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import vn.evn.cashless.api.web.Inputs;
import vn.evn.cashless.api.web.Queries;
import vn.evn.cashless.domain.channel.ChannelKind;
import vn.evn.cashless.domain.figures.BranchCoverage;
import vn.evn.cashless.domain.figures.CashlessTotals;
import vn.evn.cashless.domain.figures.ChannelBreakdown;
import vn.evn.cashless.domain.figures.Figures;
import vn.evn.cashless.domain.figures.Indicator;
import vn.evn.cashless.domain.figures.PlanProgress;
import vn.evn.cashless.domain.organisation.BranchCode;
import vn.evn.cashless.domain.plan.ReportingPeriod;
import vn.evn.cashless.domain.shared.DomainException;
import vn.evn.cashless.domain.shared.ErrorCode;
import vn.evn.cashless.projections.reporting.BranchView;
import vn.evn.cashless.projections.reporting.FindBranch;
import vn.evn.cashless.projections.reporting.FindBranchCoverage;
import vn.evn.cashless.projections.reporting.FindChannelBreakdown;
import vn.evn.cashless.projections.reporting.FindPlanProgress;

/**
 * Coverage, plan progress and channel breakdown: read models, eventually consistent with the commands. With
 * {@code asOf}, the figures as the ledger knew them at that instant, replayed from the events recorded up to it.
 */
@RestController
public class ReportController {

    public record Totals(long payments, long cashlessPayments, long amount, long cashlessAmount,
                         long cashlessCustomers, BigDecimal cashlessAmountRatio, BigDecimal cashlessPaymentRatio) {

        static Totals of(CashlessTotals t) {
            return new Totals(t.payments(), t.cashlessPayments(), t.amount(), t.cashlessAmount(),
                    t.cashlessCustomers(), Figures.reported(t.cashlessAmountRatio()),
                    Figures.reported(t.cashlessPaymentRatio()));
        }
    }

    public record CommuneEntry(String code, String name, String kind, long customers, long registeredCustomers,
                               long payments, long cashlessPayments, long amount, long cashlessAmount,
                               long cashlessCustomers, BigDecimal cashlessAmountRatio,
                               BigDecimal cashlessPaymentRatio, boolean covered, boolean countsForCoverage) {
    }

    public record CoverageResponse(String branch, String period, List<ChannelKind> cashlessKinds,
                                   List<CommuneEntry> communes, long coveredCommunes, long totalCommunes,
                                   BigDecimal coverageRatio, Totals totals) {
    }

    public record ProgressResponse(String branch, String period, int revision, List<ChannelKind> cashlessKinds,
                                   Totals totals, List<Indicator> indicators) {
    }

    private final Queries queries;
    private final Inputs inputs;
    private final Access access;

    public ReportController(Queries queries, Inputs inputs, Access access) {
        this.queries = queries;
        this.inputs = inputs;
        this.access = access;
    }

    @GetMapping("/api/branches/{branch}/coverage")
    public CoverageResponse coverage(@PathVariable String branch, @RequestParam String period,
                                     @RequestParam(required = false) String asOf) {
        ReportingPeriod reportingPeriod = period(period);
        Instant at = asOf(asOf);
        BranchCode code = branch(branch);
        BranchCoverage c = queries.one(new FindBranchCoverage(code.value(), reportingPeriod, at),
                BranchCoverage.class);
        return new CoverageResponse(c.branch(), c.period(), c.cashlessKinds(), c.communes().stream().map(m -> {
            CashlessTotals t = m.totals();
            return new CommuneEntry(m.code(), m.name(), m.kind(), m.customers(), m.registeredCustomers(),
                    t.payments(), t.cashlessPayments(), t.amount(), t.cashlessAmount(), t.cashlessCustomers(),
                    Figures.reported(t.cashlessAmountRatio()), Figures.reported(t.cashlessPaymentRatio()),
                    t.covered(), m.countsForCoverage());
        }).toList(), c.coveredCommunes(), c.totalCommunes(), Figures.reported(c.coverageRatio()),
                Totals.of(c.totals()));
    }

    @GetMapping("/api/plans/{branch}/{period}/progress")
    public ProgressResponse progress(@PathVariable String branch, @PathVariable String period,
                                     @RequestParam(required = false) String asOf) {
        ReportingPeriod reportingPeriod = period(period);
        Instant at = asOf(asOf);
        BranchCode code = branch(branch);
        PlanProgress p = queries.one(new FindPlanProgress(code.value(), reportingPeriod, at), PlanProgress.class);
        if (p == null) {
            throw new DomainException(ErrorCode.PLAN_NOT_FOUND, "period",
                    "branch " + code + " has no plan for " + reportingPeriod);
        }
        return new ProgressResponse(p.branch(), p.period(), p.revision(), p.cashlessKinds(), Totals.of(p.totals()),
                p.indicators());
    }

    @GetMapping("/api/branches/{branch}/channels")
    public ChannelBreakdown channels(@PathVariable String branch, @RequestParam String period,
                                     @RequestParam(required = false) String asOf) {
        ReportingPeriod reportingPeriod = period(period);
        Instant at = asOf(asOf);
        BranchCode code = branch(branch);
        return queries.one(new FindChannelBreakdown(code.value(), reportingPeriod, at), ChannelBreakdown.class);
    }

    /** Checked after the other inputs: a malformed request is a 400 whether or not the branch exists. */
    private BranchCode branch(String branch) {
        BranchCode code = Inputs.value("branch", branch, BranchCode::of);
        access.requireBranch(code.value());
        if (queries.one(new FindBranch(code.value()), BranchView.class) == null) {
            throw new DomainException(ErrorCode.BRANCH_NOT_FOUND, "branch", "no branch " + code);
        }
        return code;
    }

    private Instant asOf(String asOf) {
        return inputs.pastInstant("asOf", asOf);
    }

    private static ReportingPeriod period(String period) {
        return Inputs.value("period", period, ReportingPeriod::parse);
    }
}
