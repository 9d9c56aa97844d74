package vn.evn.cashless.projections.customer;

import java.util.List;

/** A page of unreachable phones and how many a branch has. */
public record UnreachablePhonePage(List<UnreachablePhone> items, long total) {
}
