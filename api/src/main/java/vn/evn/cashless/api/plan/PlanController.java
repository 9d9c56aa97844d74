package vn.evn.cashless.api.plan;

import vn.evn.cashless.api.security.Access;
import jakarta.servlet.http.HttpServletRequest;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import vn.evn.cashless.api.web.Inputs;
import vn.evn.cashless.api.web.Paging;
import vn.evn.cashless.api.web.Queries;
import vn.evn.cashless.api.web.Times;
import vn.evn.cashless.api.web.RequestContexts;
import vn.evn.cashless.application.plan.PlanService;
import vn.evn.cashless.domain.channel.ChannelKind;
import vn.evn.cashless.domain.organisation.BranchCode;
import vn.evn.cashless.domain.plan.AssignPlan;
import vn.evn.cashless.domain.plan.PlanId;
import vn.evn.cashless.domain.plan.PlanTargets;
import vn.evn.cashless.domain.plan.ReportingPeriod;
import vn.evn.cashless.domain.shared.DomainException;
import vn.evn.cashless.domain.shared.ErrorCode;
import vn.evn.cashless.domain.shared.InvalidValueException;
import vn.evn.cashless.projections.plan.FindPlan;
import vn.evn.cashless.projections.plan.PlanView;
import vn.evn.cashless.projections.reporting.BranchView;
import vn.evn.cashless.projections.reporting.FindBranch;
import vn.evn.cashless.projections.support.PageRequest;

@RestController
public class PlanController {

    public record Targets(BigDecimal cashlessAmountRatio, BigDecimal cashlessPaymentRatio, Long zaloRegistrations,
                          BigDecimal communeCoverage) {
    }

    public record NewPlan(Targets targets, List<String> cashlessKinds) {
    }

    public record PlanResponse(String branch, String period, int revision, Targets targets,
                               List<ChannelKind> cashlessKinds) {
    }

    /** One assignment: its targets and kinds, who assigned it and when the ledger recorded it. */
    public record RevisionEntry(int revision, Targets targets, List<String> cashlessKinds, String assignedBy,
                                String assignedAt, String correlationId) {

        static RevisionEntry of(PlanView.Revision r) {
            return new RevisionEntry(r.revision(), new Targets(r.cashlessAmountRatio(), r.cashlessPaymentRatio(),
                    r.zaloRegistrations(), r.communeCoverage()), r.cashlessKinds(), r.assignedBy(),
                    Times.local(r.assignedAt()), r.correlationId());
        }
    }

    /** The plan as it stands (its newest revision) and a page of its revisions, oldest first. */
    public record PlanDetails(String branch, String period, int revision, Targets targets, List<String> cashlessKinds,
                              String assignedBy, String assignedAt, List<RevisionEntry> revisions, int page, int size,
                              long total) {
    }

    private final PlanService plans;
    private final Queries queries;

    private final Access access;

    public PlanController(PlanService plans, Queries queries, Access access) {
        this.plans = plans;
        this.queries = queries;
        this.access = access;
    }

    @PutMapping("/api/plans/{branch}/{period}")
    public PlanResponse assign(@PathVariable String branch, @PathVariable String period, @RequestBody NewPlan body,
                               HttpServletRequest request) {
        PlanId plan = new PlanId(Inputs.value("branch", branch, BranchCode::of),
                Inputs.value("period", period, ReportingPeriod::parse));
        access.requireBranch(plan.branch().value());
        if (body.targets() == null) {
            throw new InvalidValueException("targets", "is required");
        }
        Targets t = body.targets();
        PlanTargets targets = new PlanTargets(t.cashlessAmountRatio(), t.cashlessPaymentRatio(),
                t.zaloRegistrations(), t.communeCoverage());
        Set<ChannelKind> kinds = null;
        if (body.cashlessKinds() != null) {
            kinds = EnumSet.noneOf(ChannelKind.class);
            List<String> given = new ArrayList<>(body.cashlessKinds());
            for (int i = 0; i < given.size(); i++) {
                kinds.add(Inputs.enumValue("cashlessKinds[" + i + "]", given.get(i), ChannelKind.class));
            }
        }
        AssignPlan command = new AssignPlan(plan, targets, kinds);
        int revision = plans.assign(command, RequestContexts.of(request));
        return new PlanResponse(plan.branch().value(), plan.period().toString(), revision, t,
                command.cashlessKinds().stream().sorted().toList());
    }

    @GetMapping("/api/plans/{branch}/{period}")
    public PlanDetails get(@PathVariable String branch, @PathVariable String period,
                           @RequestParam(required = false) String page, @RequestParam(required = false) String size) {
        PageRequest request = Paging.of(page, size);
        PlanId plan = new PlanId(Inputs.value("branch", branch, BranchCode::of),
                Inputs.value("period", period, ReportingPeriod::parse));
        access.requireBranch(plan.branch().value());
        if (queries.one(new FindBranch(plan.branch().value()), BranchView.class) == null) {
            throw new DomainException(ErrorCode.BRANCH_NOT_FOUND, "branch", "no branch " + plan.branch());
        }
        PlanView view = queries.one(new FindPlan(plan.branch().value(), plan.period().toString(), request),
                PlanView.class);
        if (view == null) {
            throw new DomainException(ErrorCode.PLAN_NOT_FOUND, "period",
                    "branch " + plan.branch() + " has no plan for " + plan.period());
        }
        RevisionEntry current = RevisionEntry.of(view.current());
        return new PlanDetails(view.branch(), view.period(), current.revision(), current.targets(),
                current.cashlessKinds(), current.assignedBy(), current.assignedAt(),
                view.revisions().items().stream().map(RevisionEntry::of).toList(), request.page(), request.size(),
                view.revisions().total());
    }
}
