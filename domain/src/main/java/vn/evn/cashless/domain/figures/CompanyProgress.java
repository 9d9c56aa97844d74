package vn.evn.cashless.domain.figures;

import java.util.List;

/**
 * A company (Công ty Điện lực) over a period: each branch's figures and the company's own. The company's counts and
 * amounts are the branches' summed (a customer belongs to one branch, so distinct customers add up too); its ratios
 * are computed from those sums, exactly, and rounded once when reported, never averaged over the branches' ratios.
 *
 * @param coverageRatio covered communes over the communes that count, summed over the branches, exact
 */
public record CompanyProgress(String company, String name, String period, List<BranchProgress> branches,
                              CashlessTotals totals, long coveredCommunes, long totalCommunes, Ratio coverageRatio) {

    /**
     * One branch: its coverage (with the cashless kinds in force for the period, as its coverage report gives them)
     * and its progress against a plan for exactly the period, {@code null} without one.
     */
    public record BranchProgress(String branch, String name, BranchCoverage coverage, PlanProgress plan) {
    }

    public static CompanyProgress of(String company, String name, String period, List<BranchProgress> branches) {
        CashlessTotals totals = CashlessTotals.NONE;
        long covered = 0;
        long counted = 0;
        for (BranchProgress branch : branches) {
            totals = totals.plus(branch.coverage().totals());
            covered += branch.coverage().coveredCommunes();
            counted += branch.coverage().totalCommunes();
        }
        return new CompanyProgress(company, name, period, List.copyOf(branches), totals, covered, counted,
                Figures.percent(covered, counted));
    }
}
