package vn.evn.cashless.application.plan;

import org.springframework.stereotype.Service;
import vn.evn.cashless.application.messaging.CommandSender;
import vn.evn.cashless.application.messaging.RequestContext;
import vn.evn.cashless.application.organisation.OrganisationDirectory;
import vn.evn.cashless.domain.plan.AssignPlan;
import vn.evn.cashless.domain.shared.DomainException;
import vn.evn.cashless.domain.shared.ErrorCode;

/** Assigns and revises plans. */
@Service
public class PlanService {

    private final CommandSender sender;
    private final OrganisationDirectory organisation;

    public PlanService(CommandSender sender, OrganisationDirectory organisation) {
        this.sender = sender;
        this.organisation = organisation;
    }

    /** Returns the plan's revision now in force. */
    public int assign(AssignPlan command, RequestContext context) {
        if (!organisation.branchExists(command.plan().branch())) {
            throw new DomainException(ErrorCode.BRANCH_NOT_FOUND, "branch", "no branch " + command.plan().branch());
        }
        return sender.retryingConflicts(() -> sender.send(command, context));
    }
}
