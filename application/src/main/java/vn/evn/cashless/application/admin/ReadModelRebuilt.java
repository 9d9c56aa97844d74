package vn.evn.cashless.application.admin;

/**
 * Published on the node that rebuilt a read model, once its new rows are committed: whatever that node remembers of
 * the old rows is to be forgotten.
 *
 * @param name the read model (its processing group)
 */
public record ReadModelRebuilt(String name) {
}
