package vn.evn.cashless.domain.plan;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import vn.evn.cashless.domain.channel.ChannelKind;
import vn.evn.cashless.domain.shared.InvalidValueException;
import vn.evn.cashless.domain.shared.Require;

/** Kế hoạch giao: assign (or revise) a branch's targets for a period. No kinds given means the default ones. */
public record AssignPlan(@TargetAggregateIdentifier PlanId plan, PlanTargets targets, Set<ChannelKind> cashlessKinds) {

    public AssignPlan {
        Require.present("plan", plan);
        Require.present("targets", targets);
        if (cashlessKinds == null || cashlessKinds.isEmpty()) {
            cashlessKinds = CashlessPolicy.DEFAULT_KINDS;
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
