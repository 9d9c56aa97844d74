package vn.evn.cashless.projections.support;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.async.SequencingPolicy;
import org.springframework.stereotype.Component;
import vn.evn.cashless.domain.shared.BranchEvent;

/**
 * Sends one branch's events to one segment, in order. Read models that sum per branch (monthly payment sums) then
 * never have two segments updating the same rows, while different branches still run in parallel.
 */
@Component("branchSequencingPolicy")
public class BranchSequencingPolicy implements SequencingPolicy<EventMessage<?>> {

    @Override
    public Object getSequenceIdentifierFor(EventMessage<?> event) {
        return event.getPayload() instanceof BranchEvent branchEvent ? branchEvent.branch() : event.getIdentifier();
    }
}
