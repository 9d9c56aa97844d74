package vn.evn.cashless.projections.reporting;

import java.util.List;

/** A page of branches and how many there are (a query's answer type names its element type, for Axon's routing). */
public record BranchPage(List<BranchView> items, long total) {
}
