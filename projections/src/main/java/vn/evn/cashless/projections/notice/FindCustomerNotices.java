package vn.evn.cashless.projections.notice;

import vn.evn.cashless.projections.support.PageRequest;

/** Asks for a page of a customer's notices, a row per channel tried, newest notice first; answers a {@link NoticePage}. */
public record FindCustomerNotices(String customer, PageRequest page) {
}
