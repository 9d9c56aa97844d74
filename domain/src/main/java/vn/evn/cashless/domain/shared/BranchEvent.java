package vn.evn.cashless.domain.shared;

/**
 * Every event names the branch it happened in. Read models that aggregate per branch process one branch's events
 * in order, and different branches in parallel.
 */
public interface BranchEvent {

    String branch();
}
