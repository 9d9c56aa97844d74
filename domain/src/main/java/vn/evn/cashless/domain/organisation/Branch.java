package vn.evn.cashless.domain.organisation;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.util.HashSet;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateRoot;
import vn.evn.cashless.domain.shared.DomainException;
import vn.evn.cashless.domain.shared.ErrorCode;

/** Điện lực (huyện): a district power branch and the communes and towns it serves. */
@AggregateRoot
public class Branch {

    @AggregateIdentifier
    private String code;
    private final Set<String> communes = new HashSet<>();

    protected Branch() {
    }

    @CommandHandler
    public Branch(CreateBranch command) {
        apply(new BranchCreated(command.branch().value(), command.name(), command.company(),
                command.companyCode() == null ? null : command.companyCode().value()));
    }

    @CommandHandler
    public void handle(AddCommune command) {
        if (communes.contains(command.commune().value())) {
            throw new DomainException(ErrorCode.COMMUNE_ALREADY_EXISTS, "code",
                    "commune " + command.commune() + " is already part of branch " + code);
        }
        apply(new CommuneAdded(code, command.commune().value(), command.name(), command.kind(), command.since()));
    }

    @EventSourcingHandler
    void on(BranchCreated event) {
        this.code = event.branch();
    }

    @EventSourcingHandler
    void on(CommuneAdded event) {
        communes.add(event.commune());
    }
}
