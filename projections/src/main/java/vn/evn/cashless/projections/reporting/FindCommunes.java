package vn.evn.cashless.projections.reporting;

import vn.evn.cashless.projections.support.PageRequest;

/** Asks for a page of a branch's communes by code; answers a {@link CommunePage}. */
public record FindCommunes(String branch, PageRequest page) {
}
