package vn.evn.cashless.domain.plan;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.util.List;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateRoot;
import org.axonframework.modelling.command.CreationPolicy;

/**
 * Kế hoạch giao: targets a company assigns a branch for a period, and which channel kinds count as cashless.
 * Re-assigning revises the plan with a new event; earlier revisions stay in the history.
 */
@AggregateRoot
public class Plan {

    @AggregateIdentifier
    private String id;
    private int revision;
    private PlanAssigned current;

    public Plan() {
    }

    /** Returns the revision now in force; assigning the same plan again changes nothing. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public int handle(AssignPlan command) {
        PlanTargets t = command.targets();
        List<vn.evn.cashless.domain.channel.ChannelKind> kinds = List.copyOf(command.cashlessKinds());
        PlanAssigned next = new PlanAssigned(command.plan().branch().value(), command.plan().period().toString(),
                revision + 1, t.cashlessAmountRatio(), t.cashlessPaymentRatio(), t.zaloRegistrations(),
                t.communeCoverage(), kinds);
        if (current != null && sameContent(current, next)) {
            return revision;
        }
        apply(next);
        return revision;
    }

    private static boolean sameContent(PlanAssigned a, PlanAssigned b) {
        return equal(a.cashlessAmountRatio(), b.cashlessAmountRatio())
                && equal(a.cashlessPaymentRatio(), b.cashlessPaymentRatio())
                && java.util.Objects.equals(a.zaloRegistrations(), b.zaloRegistrations())
                && equal(a.communeCoverage(), b.communeCoverage())
                && a.cashlessKinds().equals(b.cashlessKinds());
    }

    private static boolean equal(java.math.BigDecimal a, java.math.BigDecimal b) {
        return a == null ? b == null : b != null && a.compareTo(b) == 0;
    }

    @EventSourcingHandler
    void on(PlanAssigned event) {
        id = event.branch() + ":" + event.period();
        revision = event.revision();
        current = event;
    }
}
