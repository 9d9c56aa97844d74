package vn.evn.cashless.projections.reporting;

import java.math.BigDecimal;
import java.util.List;
import vn.evn.cashless.domain.channel.ChannelKind;
import vn.evn.cashless.domain.figures.CashlessTotals;

/**
 * Coverage of a branch's communes over a period.
 *
 * @param coverageRatio covered communes over all communes, percent, unrounded ({@code null} without communes)
 */
public record BranchCoverage(String branch, String period, List<ChannelKind> cashlessKinds,
                             List<CommuneCoverage> communes, CashlessTotals totals, long coveredCommunes,
                             long totalCommunes, BigDecimal coverageRatio) {

    /** One commune: its customers at the end of the period, and its payments in the period. */
    public record CommuneCoverage(String code, String name, String kind, long customers, long registeredCustomers,
                                  CashlessTotals totals) {
    }
}
