package vn.evn.cashless.projections.reporting;

import java.util.Set;
import vn.evn.cashless.projections.support.PageRequest;

/**
 * Asks for a page of branches by code; answers a {@link BranchPage}. {@code onlyBranches}: the branches a user is limited to, {@code null} for all.
 */
public record FindBranches(Set<String> onlyBranches, PageRequest page) {
}
