package vn.evn.cashless.domain.shared;

/**
 * An event about one customer (its registration, channels, phone, bills and payments). Everything a read model keeps
 * per customer changes in the order of these events, so one customer's events are processed in order, and
 * different customers, even of one branch, in parallel.
 */
public interface CustomerEvent extends BranchEvent {

    String customer();
}
