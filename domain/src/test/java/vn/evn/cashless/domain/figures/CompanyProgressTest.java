package vn.evn.cashless.domain.figures;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class CompanyProgressTest {

    @Test
    void sumsTheBranchesAndComputesTheRatiosFromTheSums() {
        // branch A: 3 of 4 payments cashless, 300 of 1,000 VND; branch B: 1 of 1 payment, 9,000 of 9,000 VND
        CompanyProgress company = CompanyProgress.of("PCHG", "PC Hà Giang", "2021-H1", List.of(
                branch("A", new CashlessTotals(4, 3, 1_000, 300, 2), 1, 2),
                branch("B", new CashlessTotals(1, 1, 9_000, 9_000, 1), 1, 1)));

        assertThat(company.totals()).isEqualTo(new CashlessTotals(5, 4, 10_000, 9_300, 3));
        // 9,300 / 10,000 = 93.00 %, not the mean of 30 % and 100 % (65 %)
        assertThat(Figures.reported(company.totals().cashlessAmountRatio())).isEqualByComparingTo("93.00");
        // 4 / 5 = 80.00 %, not the mean of 75 % and 100 %
        assertThat(Figures.reported(company.totals().cashlessPaymentRatio())).isEqualByComparingTo("80.00");
        assertThat(company.coveredCommunes()).isEqualTo(2);
        assertThat(company.totalCommunes()).isEqualTo(3);
        assertThat(company.coverageRatio().reported()).isEqualByComparingTo(new BigDecimal("66.67"));
    }

    @Test
    void aCompanyWithoutPaymentsHasNoRatios() {
        CompanyProgress company = CompanyProgress.of("PCHG", "PC Hà Giang", "2021", List.of(
                branch("A", CashlessTotals.NONE, 0, 0)));

        assertThat(company.totals().cashlessAmountRatio()).isNull();
        assertThat(company.coverageRatio()).isNull();
    }

    private static CompanyProgress.BranchProgress branch(String code, CashlessTotals totals, long covered,
                                                         long communes) {
        return new CompanyProgress.BranchProgress(code, "Điện lực " + code, new BranchCoverage(code, "2021-H1",
                List.of(), List.of(), totals, covered, communes, Figures.percent(covered, communes)), null);
    }
}
