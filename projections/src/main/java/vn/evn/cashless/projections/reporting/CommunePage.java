package vn.evn.cashless.projections.reporting;

import java.util.List;

/** A page of a branch's communes and how many it has. */
public record CommunePage(List<CommuneView> items, long total) {
}
