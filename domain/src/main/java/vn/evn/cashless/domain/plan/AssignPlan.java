package vn.evn.cashless.domain.plan;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import vn.evn.cashless.domain.channel.ChannelKind;
import vn.evn.cashless.domain.shared.InvalidValueException;
import vn.evn.cashless.domain.shared.Require;

/**
 * Kế hoạch giao: assign (or revise) a branch's targets for a period. {@code null} kinds mean the default ones; an
 * empty set is refused, since a plan in which nothing counts as cashless measures nothing.
 */
public record AssignPlan(@TargetAggregateIdentifier PlanId plan, PlanTargets targets, Set<ChannelKind> cashlessKinds) {

    public AssignPlan {
        Require.present("plan", plan);
        Require.present("targets", targets);
        if (cashlessKinds == null) {
            cashlessKinds = CashlessPolicy.DEFAULT_KINDS;
        }
        if (cashlessKinds.isEmpty()) {
            throw new InvalidValueException("cashlessKinds", "must name at least one kind, or be left out for "
                    + CashlessPolicy.DEFAULT_KINDS);
        }
        for (ChannelKind kind : cashlessKinds) {
            if (kind == null) {
                throw new InvalidValueException("cashlessKinds", "must not contain null");
            }
            if (kind.isCash()) {
                throw new InvalidValueException("cashlessKinds", kind + " is cash and cannot count as cashless");
            }
        }
        cashlessKinds = Collections.unmodifiableSet(EnumSet.copyOf(cashlessKinds));
    }
}
