package vn.evn.cashless.domain.organisation;

import static vn.evn.cashless.domain.shared.Rejections.rejectedWith;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.evn.cashless.domain.shared.ErrorCode;

class BranchTest {

    private static final BranchCode BM = BranchCode.of("BM");
    private static final BranchCreated BM_CREATED = new BranchCreated("BM", "Điện lực Bắc Mê", "PC Hà Giang", "PCHAGIANG");
    private static final CommuneAdded YEN_PHU_ADDED = new CommuneAdded("BM", "00991", "Thị trấn Yên Phú", UnitKind.TOWN, null);

    private FixtureConfiguration<Branch> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Branch.class);
    }

    @Test
    void createsBranch() {
        fixture.givenNoPriorActivity()
                .when(new CreateBranch(BM, "Điện lực Bắc Mê", "PC Hà Giang"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(BM_CREATED);
    }

    @Test
    void createsBranchWithTheCompanyCodeGiven() {
        fixture.givenNoPriorActivity()
                .when(new CreateBranch(BM, "Điện lực Bắc Mê", "PC Hà Giang", CompanyCode.of("EVNHG")))
                .expectEvents(new BranchCreated("BM", "Điện lực Bắc Mê", "PC Hà Giang", "EVNHG"));
    }

    @Test
    void createdBranchNameAndCompanyAreTrimmed() {
        fixture.givenNoPriorActivity()
                .when(new CreateBranch(BM, "  Điện lực Bắc Mê ", " PC Hà Giang  "))
                .expectEvents(BM_CREATED);
    }

    @Test
    void addsCommuneToBranch() {
        fixture.given(BM_CREATED)
                .when(new AddCommune(BM, CommuneCode.of("00991"), "Thị trấn Yên Phú", UnitKind.TOWN, null))
                .expectSuccessfulHandlerExecution()
                .expectEvents(YEN_PHU_ADDED);
    }

    @Test
    void addsAnotherCommuneBesideAnExistingOne() {
        fixture.given(BM_CREATED, YEN_PHU_ADDED)
                .when(new AddCommune(BM, CommuneCode.of("00982"), "Xã Minh Sơn", UnitKind.COMMUNE, null))
                .expectEvents(new CommuneAdded("BM", "00982", "Xã Minh Sơn", UnitKind.COMMUNE, null));
    }

    @Test
    void addingSameCommuneTwiceIsRejected() {
        fixture.given(BM_CREATED, YEN_PHU_ADDED)
                .when(new AddCommune(BM, CommuneCode.of("00991"), "Thị trấn Yên Phú", UnitKind.TOWN, null))
                .expectNoEvents()
                .expectException(rejectedWith(ErrorCode.COMMUNE_ALREADY_EXISTS));
    }

    @Test
    void sameCommuneCodeUnderAnotherNameIsStillRejected() {
        fixture.given(BM_CREATED, YEN_PHU_ADDED)
                .when(new AddCommune(BM, CommuneCode.of("00991"), "Yên Phú", UnitKind.COMMUNE, null))
                .expectNoEvents()
                .expectException(rejectedWith(ErrorCode.COMMUNE_ALREADY_EXISTS));
    }
}
