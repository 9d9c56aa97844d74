package vn.evn.cashless.domain.organisation;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.evn.cashless.domain.shared.InvalidValues.assertInvalid;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class OrganisationCommandsTest {

    @Test
    void branchCodeIsUpToTenUpperCaseLettersOrDigits() {
        assertThat(BranchCode.of("BM").value()).isEqualTo("BM");
        assertThat(BranchCode.of("PCHG012345").value()).isEqualTo("PCHG012345");
    }

    @Test
    void branchCodeInLowerCaseOrTooLongOrEmptyIsInvalid() {
        assertInvalid("branch", () -> BranchCode.of("bm"));
        assertInvalid("branch", () -> BranchCode.of("PCHG0123456"));
        assertInvalid("branch", () -> BranchCode.of(""));
        assertInvalid("branch", () -> BranchCode.of("B-M"));
        assertInvalid("branch", () -> BranchCode.of(null));
    }

    @Test
    void communeCodeIsFiveDigits() {
        assertThat(CommuneCode.of("00991").value()).isEqualTo("00991");
        assertInvalid("commune", () -> CommuneCode.of("0991"));
        assertInvalid("commune", () -> CommuneCode.of("009910"));
        assertInvalid("commune", () -> CommuneCode.of("0099A"));
        assertInvalid("commune", () -> CommuneCode.of(null));
    }

    @Test
    void createBranchNeedsNameAndCompany() {
        assertInvalid("name", () -> new CreateBranch(BranchCode.of("BM"), "  ", "PC Hà Giang"));
        assertInvalid("company", () -> new CreateBranch(BranchCode.of("BM"), "Điện lực Bắc Mê", null));
        assertInvalid("code", () -> new CreateBranch(null, "Điện lực Bắc Mê", "PC Hà Giang"));
    }

    @Test
    void addCommuneNeedsCodeNameAndKind() {
        BranchCode bm = BranchCode.of("BM");
        CommuneCode yenPhu = CommuneCode.of("00991");
        assertInvalid("code", () -> new AddCommune(bm, null, "Thị trấn Yên Phú", UnitKind.TOWN, null));
        assertInvalid("name", () -> new AddCommune(bm, yenPhu, "", UnitKind.TOWN, null));
        assertInvalid("kind", () -> new AddCommune(bm, yenPhu, "Thị trấn Yên Phú", null, null));
    }

    @Test
    void aCommuneCountsFromADateOfTheYears1900To2100() {
        BranchCode bm = BranchCode.of("BM");
        CommuneCode yenPhu = CommuneCode.of("00991");
        for (LocalDate edge : new LocalDate[]{LocalDate.of(1900, 1, 1), LocalDate.of(2100, 12, 31)}) {
            assertThat(new AddCommune(bm, yenPhu, "Thị trấn Yên Phú", UnitKind.TOWN, edge).since()).isEqualTo(edge);
        }
        assertInvalid("since", () -> new AddCommune(bm, yenPhu, "Thị trấn Yên Phú", UnitKind.TOWN,
                LocalDate.of(1899, 12, 31)));
        assertInvalid("since", () -> new AddCommune(bm, yenPhu, "Thị trấn Yên Phú", UnitKind.TOWN,
                LocalDate.of(9_999_999, 1, 1)));
    }

    @Test
    void namesAreUnicodeTextWithWholeSurrogatePairs() {
        BranchCode bm = BranchCode.of("BM");
        CommuneCode yenPhu = CommuneCode.of("00991");
        assertThat(new AddCommune(bm, yenPhu, "Xã 𠀧", UnitKind.COMMUNE, null).name()).isEqualTo("Xã 𠀧");
        assertInvalid("name", () -> new AddCommune(bm, yenPhu, "Xã \uD840", UnitKind.COMMUNE, null));
        assertInvalid("name", () -> new AddCommune(bm, yenPhu, "Xã \uDC27 ", UnitKind.COMMUNE, null));
        assertInvalid("name", () -> new AddCommune(bm, yenPhu, "\uDC27\uD840", UnitKind.COMMUNE, null));
    }
}
