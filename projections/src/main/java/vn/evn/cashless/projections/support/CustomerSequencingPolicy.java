package vn.evn.cashless.projections.support;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.async.SequencingPolicy;
import org.springframework.stereotype.Component;
import vn.evn.cashless.domain.shared.BranchEvent;
import vn.evn.cashless.domain.shared.CustomerEvent;

/**
 * Which events a read model must apply in order: one customer's (its rows: registrations, payments, months) and
 * one branch's own (its communes and plans). Different customers of one branch go to different segments, so a
 * one-branch deployment still uses every segment, on every node. The rows several customers share (a commune's
 * monthly sums) only ever get additions, which give the same sum in any order; they are written in key order,
 * so that two segments adding to the same rows wait for each other instead of deadlocking.
 */
@Component("customerSequencingPolicy")
public class CustomerSequencingPolicy implements SequencingPolicy<EventMessage<?>> {

    @Override
    public Object getSequenceIdentifierFor(EventMessage<?> event) {
        Object payload = event.getPayload();
        if (payload instanceof CustomerEvent customerEvent) {
            return "customer:" + customerEvent.customer();
        }
        if (payload instanceof BranchEvent branchEvent) {
            return "branch:" + branchEvent.branch();
        }
        return event.getIdentifier();
    }
}
