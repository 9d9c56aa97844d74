package vn.evn.cashless.domain.organisation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import vn.evn.cashless.domain.shared.InvalidValueException;

class CompanyCodeTest {

    @Test
    void isDerivedFromTheCompanyNameWithoutDiacriticsOrSpaces() {
        assertThat(CompanyCode.derivedFrom("PC Hà Giang")).isEqualTo(CompanyCode.of("PCHAGIANG"));
        assertThat(CompanyCode.derivedFrom("PC Điện Biên")).isEqualTo(CompanyCode.of("PCDIENBIEN"));
        // decomposed (NFD) input gives the same code as precomposed
        assertThat(CompanyCode.derivedFrom("PC Ha\u0300 Giang")).isEqualTo(CompanyCode.of("PCHAGIANG"));
    }

    @Test
    void aDerivedCodeKeepsTheFirstTwentyLettersOrDigits() {
        assertThat(CompanyCode.derivedFrom("Công ty Điện lực Thành phố Hà Nội").value())
                .isEqualTo("CONGTYDIENLUCTHANHPH").hasSize(20);
    }

    @Test
    void aNameWithFewerThanTwoLettersGivesNoCode() {
        assertThat(CompanyCode.derivedFrom("—")).isNull();
        assertThat(CompanyCode.derivedFrom("X")).isNull();
        assertThat(CompanyCode.derivedFrom(null)).isNull();
    }

    @Test
    void refusesCodesOfTheWrongShape() {
        for (String bad : new String[]{"P", "pchagiang", "PC HG", "ABCDEFGHIJKLMNOPQRSTU", "PCHÀ"}) {
            assertThatThrownBy(() -> CompanyCode.of(bad)).as(bad).isInstanceOf(InvalidValueException.class)
                    .extracting("field").isEqualTo("companyCode");
        }
        assertThat(CompanyCode.of("PC01").value()).isEqualTo("PC01");
    }

    @Test
    void aBranchWhoseCompanyGivesNoCodeHasNoneUnlessItNamesOne() {
        assertThat(new CreateBranch(BranchCode.of("BM"), "Điện lực Bắc Mê", "—").companyCode()).isNull();
        assertThat(new CreateBranch(BranchCode.of("BM"), "Điện lực Bắc Mê", "x").companyCode()).isNull();
        assertThat(new CreateBranch(BranchCode.of("BM"), "Điện lực Bắc Mê", "—", CompanyCode.of("XY"))
                .companyCode().value()).isEqualTo("XY");
    }
}
