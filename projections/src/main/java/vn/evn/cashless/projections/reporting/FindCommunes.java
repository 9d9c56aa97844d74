package vn.evn.cashless.projections.reporting;

import vn.evn.cashless.projections.support.PageRequest;

/** Asks for a page of a branch's communes by code; answers a Page of {@link CommuneView}. */
public record FindCommunes(String branch, PageRequest page) {
}
