package vn.evn.cashless.api.security;

import java.util.Set;

/**
 * A signed-in user as the ledger sees it.
 *
 * @param provider the provider a {@link Role#PROVIDER} account speaks for, else {@code null}
 * @param branches the branches the user is limited to; empty: the whole company
 */
public record LedgerUser(String name, Set<Role> roles, String provider, Set<String> branches) {

    public LedgerUser {
        roles = Set.copyOf(roles);
        branches = Set.copyOf(branches);
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    public boolean mayActFor(String branch) {
        return branches.isEmpty() || branches.contains(branch);
    }

    public boolean limitedToBranches() {
        return !branches.isEmpty();
    }

    /** A customer's phone is shown whole to anyone with more than a viewer's rights. */
    public boolean seesPhonesMasked() {
        return roles.stream().allMatch(role -> role == Role.VIEWER);
    }
}
