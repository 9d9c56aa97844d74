package vn.evn.cashless.domain.plan;

import java.math.BigDecimal;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.evn.cashless.domain.channel.ChannelKind;
import vn.evn.cashless.domain.organisation.BranchCode;

class PlanTest {

    private static final PlanId BM_2021_H1 = new PlanId(BranchCode.of("BM"), ReportingPeriod.parse("2021-H1"));
    private static final BigDecimal AMOUNT_TARGET = new BigDecimal("77.83");
    private static final BigDecimal PAYMENT_TARGET = new BigDecimal("23.64");
    private static final BigDecimal COVERAGE_TARGET = new BigDecimal("100");
    private static final PlanTargets TARGETS = new PlanTargets(AMOUNT_TARGET, PAYMENT_TARGET, 3000L, COVERAGE_TARGET);
    private static final List<ChannelKind> DEFAULT_KINDS = List.of(ChannelKind.BANK, ChannelKind.E_WALLET);

    private static final PlanAssigned REVISION_ONE = new PlanAssigned("BM", "2021-H1", 1, AMOUNT_TARGET,
            PAYMENT_TARGET, 3000L, COVERAGE_TARGET, DEFAULT_KINDS);

    private FixtureConfiguration<Plan> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Plan.class);
    }

    private static AssignPlan assign(PlanTargets targets, Set<ChannelKind> kinds) {
        return new AssignPlan(BM_2021_H1, targets, kinds);
    }

    @Test
    void firstAssignmentRecordsRevisionOne() {
        fixture.givenNoPriorActivity()
                .when(assign(TARGETS, EnumSet.of(ChannelKind.BANK, ChannelKind.E_WALLET)))
                .expectEvents(REVISION_ONE)
                .expectResultMessagePayload(1);
    }

    @Test
    void assignmentWithoutKindsCountsTheDefaultKindsAsCashless() {
        fixture.givenNoPriorActivity()
                .when(assign(TARGETS, null))
                .expectEvents(REVISION_ONE)
                .expectResultMessagePayload(1);
    }

    @Test
    void cashlessKindsAreRecordedInChannelKindOrder() {
        fixture.givenNoPriorActivity()
                .when(assign(TARGETS, Set.of(ChannelKind.INTERMEDIARY, ChannelKind.BANK)))
                .expectEvents(new PlanAssigned("BM", "2021-H1", 1, AMOUNT_TARGET, PAYMENT_TARGET, 3000L,
                        COVERAGE_TARGET, List.of(ChannelKind.BANK, ChannelKind.INTERMEDIARY)));
    }

    @Test
    void planWithOnlySomeTargetsLeavesTheOthersUnmeasured() {
        fixture.givenNoPriorActivity()
                .when(assign(new PlanTargets(AMOUNT_TARGET, null, null, null), null))
                .expectEvents(new PlanAssigned("BM", "2021-H1", 1, AMOUNT_TARGET, null, null, null, DEFAULT_KINDS))
                .expectResultMessagePayload(1);
    }

    @Test
    void reassigningIdenticalPlanRecordsNothing() {
        fixture.given(REVISION_ONE)
                .when(assign(TARGETS, EnumSet.of(ChannelKind.E_WALLET, ChannelKind.BANK)))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents()
                .expectResultMessagePayload(1);
    }

    @Test
    void reassigningSameTargetsWrittenWithMoreDecimalsRecordsNothing() {
        PlanTargets sameWrittenOtherwise = new PlanTargets(new BigDecimal("77.830"), new BigDecimal("23.6400"),
                3000L, new BigDecimal("100.00"));
        fixture.given(REVISION_ONE)
                .when(assign(sameWrittenOtherwise, null))
                .expectNoEvents()
                .expectResultMessagePayload(1);
    }

    @Test
    void reassigningChangedPlanRecordsRevisionTwo() {
        BigDecimal raised = new BigDecimal("80.00");
        fixture.given(REVISION_ONE)
                .when(assign(new PlanTargets(raised, PAYMENT_TARGET, 3000L, COVERAGE_TARGET), null))
                .expectEvents(new PlanAssigned("BM", "2021-H1", 2, raised, PAYMENT_TARGET, 3000L, COVERAGE_TARGET,
                        DEFAULT_KINDS))
                .expectResultMessagePayload(2);
    }

    @Test
    void countingAnotherKindAsCashlessIsAChange() {
        fixture.given(REVISION_ONE)
                .when(assign(TARGETS, EnumSet.of(ChannelKind.BANK, ChannelKind.E_WALLET, ChannelKind.INTERMEDIARY)))
                .expectEvents(new PlanAssigned("BM", "2021-H1", 2, AMOUNT_TARGET, PAYMENT_TARGET, 3000L,
                        COVERAGE_TARGET, List.of(ChannelKind.BANK, ChannelKind.E_WALLET, ChannelKind.INTERMEDIARY)))
                .expectResultMessagePayload(2);
    }

    @Test
    void droppingATargetIsAChange() {
        fixture.given(REVISION_ONE)
                .when(assign(new PlanTargets(AMOUNT_TARGET, PAYMENT_TARGET, null, COVERAGE_TARGET), null))
                .expectEvents(new PlanAssigned("BM", "2021-H1", 2, AMOUNT_TARGET, PAYMENT_TARGET, null,
                        COVERAGE_TARGET, DEFAULT_KINDS))
                .expectResultMessagePayload(2);
    }

    @Test
    void changingTheZaloTargetIsAChange() {
        fixture.given(REVISION_ONE)
                .when(assign(new PlanTargets(AMOUNT_TARGET, PAYMENT_TARGET, 3500L, COVERAGE_TARGET), null))
                .expectEvents(new PlanAssigned("BM", "2021-H1", 2, AMOUNT_TARGET, PAYMENT_TARGET, 3500L,
                        COVERAGE_TARGET, DEFAULT_KINDS))
                .expectResultMessagePayload(2);
    }

    @Test
    void revisionKeepsCountingAcrossChanges() {
        PlanAssigned revisionTwo = new PlanAssigned("BM", "2021-H1", 2, new BigDecimal("80.00"), PAYMENT_TARGET,
                3000L, COVERAGE_TARGET, DEFAULT_KINDS);
        fixture.given(REVISION_ONE, revisionTwo)
                .when(assign(new PlanTargets(AMOUNT_TARGET, new BigDecimal("25"), 3000L, COVERAGE_TARGET), null))
                .expectEvents(new PlanAssigned("BM", "2021-H1", 3, AMOUNT_TARGET, new BigDecimal("25"), 3000L,
                        COVERAGE_TARGET, DEFAULT_KINDS))
                .expectResultMessagePayload(3);
    }

    @Test
    void returningToAnEarlierRevisionsContentIsANewRevision() {
        PlanAssigned revisionTwo = new PlanAssigned("BM", "2021-H1", 2, new BigDecimal("80.00"), PAYMENT_TARGET,
                3000L, COVERAGE_TARGET, DEFAULT_KINDS);
        fixture.given(REVISION_ONE, revisionTwo)
                .when(assign(TARGETS, null))
                .expectEvents(new PlanAssigned("BM", "2021-H1", 3, AMOUNT_TARGET, PAYMENT_TARGET, 3000L,
                        COVERAGE_TARGET, DEFAULT_KINDS))
                .expectResultMessagePayload(3);
    }

    @Test
    void reassigningTheLatestRevisionUnchangedRecordsNothing() {
        BigDecimal raised = new BigDecimal("80.00");
        PlanAssigned revisionTwo = new PlanAssigned("BM", "2021-H1", 2, raised, PAYMENT_TARGET, 3000L,
                COVERAGE_TARGET, DEFAULT_KINDS);
        fixture.given(REVISION_ONE, revisionTwo)
                .when(assign(new PlanTargets(raised, PAYMENT_TARGET, 3000L, COVERAGE_TARGET), null))
                .expectNoEvents()
                .expectResultMessagePayload(2);
    }
}
