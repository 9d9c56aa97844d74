package vn.evn.cashless.projections.customer;

import java.util.Set;
import vn.evn.cashless.projections.support.PageRequest;

/**
 * Asks for a page of customers by code, optionally of one branch and commune, optionally matching {@code q}: a
 * prefix of the code, of the phone (digits) or of any word of the name, compared as {@link SearchText} folds it.
 * {@code onlyBranches}: the branches a user is limited to, {@code null} for all. Answers a
 * {@link CustomerPage}.
 */
public record FindCustomers(String branch, String commune, String q, Set<String> onlyBranches, PageRequest page) {
}
