package vn.evn.cashless.projections.customer;

import vn.evn.cashless.projections.support.PageRequest;

/** Asks for a page of a branch's customers whose phone is marked unreachable, oldest first. */
public record FindUnreachablePhones(String branch, PageRequest page) {
}
