package vn.evn.cashless.projections.billing;

import vn.evn.cashless.projections.support.PageRequest;

/** Asks for a bill with a page of its payments and of its reversals; answers {@link BillView} or null. */
public record FindBill(String bill, PageRequest page) {
}
