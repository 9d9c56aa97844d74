package vn.evn.cashless.application.organisation;

import org.springframework.stereotype.Service;
import vn.evn.cashless.application.messaging.CommandSender;
import vn.evn.cashless.application.messaging.RequestContext;
import vn.evn.cashless.domain.organisation.AddCommune;
import vn.evn.cashless.domain.organisation.CreateBranch;
import vn.evn.cashless.domain.shared.DomainException;
import vn.evn.cashless.domain.shared.ErrorCode;

/** Creates branches and adds their communes. */
@Service
public class OrganisationService {

    private final CommandSender sender;
    private final OrganisationDirectory directory;

    public OrganisationService(CommandSender sender, OrganisationDirectory directory) {
        this.sender = sender;
        this.directory = directory;
    }

    public void createBranch(CreateBranch command, RequestContext context) {
        sender.create(command, context, new DomainException(ErrorCode.BRANCH_ALREADY_EXISTS, "code",
                "branch " + command.branch() + " already exists"));
    }

    public void addCommune(AddCommune command, RequestContext context) {
        sender.retryingConflicts(() -> {
            if (!directory.branchExists(command.branch())) {
                throw new DomainException(ErrorCode.BRANCH_NOT_FOUND, "branch", "no branch " + command.branch());
            }
            directory.branchOf(command.commune()).ifPresent(owner -> {
                throw new DomainException(ErrorCode.COMMUNE_ALREADY_EXISTS, "code", "commune " + command.commune()
                        + " already belongs to branch " + owner);
            });
            return sender.send(command, context);
        });
    }
}
