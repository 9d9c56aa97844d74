package vn.evn.cashless.domain.figures;

import java.util.List;
import vn.evn.cashless.domain.channel.ChannelKind;

/**
 * Coverage of a branch's communes over a period. {@code totals} add up every commune listed, so they equal the sums of
 * the channel breakdown for the same period.
 *
 * @param coverageRatio covered communes over the communes that count for coverage, exact ({@code null} without any)
 */
public record BranchCoverage(String branch, String period, List<ChannelKind> cashlessKinds,
                             List<CommuneCoverage> communes, CashlessTotals totals, long coveredCommunes,
                             long totalCommunes, Ratio coverageRatio) {

    /**
     * One commune: its customers at the end of the period, and its payments in the period.
     *
     * @param countsForCoverage false for a commune whose {@code since} lies after the period, listed only because its
     *                          customers paid in the period: its payments count, it does not count for coverage
     */
    public record CommuneCoverage(String code, String name, String kind, long customers, long registeredCustomers,
                                  CashlessTotals totals, boolean countsForCoverage) {
    }
}
