package vn.evn.cashless.api.plan;

import vn.evn.cashless.api.security.Access;
import jakarta.servlet.http.HttpServletRequest;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import vn.evn.cashless.api.web.Inputs;
import vn.evn.cashless.api.web.RequestContexts;
import vn.evn.cashless.application.plan.PlanService;
import vn.evn.cashless.domain.channel.ChannelKind;
import vn.evn.cashless.domain.organisation.BranchCode;
import vn.evn.cashless.domain.plan.AssignPlan;
import vn.evn.cashless.domain.plan.PlanId;
import vn.evn.cashless.domain.plan.PlanTargets;
import vn.evn.cashless.domain.plan.ReportingPeriod;
import vn.evn.cashless.domain.shared.InvalidValueException;

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

    private final PlanService plans;

    private final Access access;

    public PlanController(PlanService plans, Access access) {
        this.plans = plans;
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
}
