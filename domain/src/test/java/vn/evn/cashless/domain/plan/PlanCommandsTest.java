package vn.evn.cashless.domain.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static vn.evn.cashless.domain.shared.InvalidValues.assertInvalid;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import vn.evn.cashless.domain.channel.ChannelKind;
import vn.evn.cashless.domain.organisation.BranchCode;

class PlanCommandsTest {

    private static final PlanId PLAN = new PlanId(BranchCode.of("BM"), ReportingPeriod.parse("2021"));
    private static final PlanTargets TARGETS = new PlanTargets(new BigDecimal("77.83"), null, null, null);

    @Test
    void planIdIsBranchAndPeriod() {
        assertThat(PLAN).hasToString("BM:2021");
        assertThat(new PlanId(BranchCode.of("BM"), ReportingPeriod.parse("2021-Q3"))).hasToString("BM:2021-Q3");
    }

    @Test
    void noKindsMeanBankAndEWallet() {
        assertThat(new AssignPlan(PLAN, TARGETS, null).cashlessKinds())
                .containsExactlyInAnyOrder(ChannelKind.BANK, ChannelKind.E_WALLET);
        assertThat(CashlessPolicy.DEFAULT_KINDS).containsExactlyInAnyOrder(ChannelKind.BANK, ChannelKind.E_WALLET);
    }

    @Test
    void anEmptyListOfKindsIsInvalid() {
        assertInvalid("cashlessKinds", () -> new AssignPlan(PLAN, TARGETS, Set.of()));
    }

    @Test
    void namedKindsReplaceTheDefault() {
        assertThat(new AssignPlan(PLAN, TARGETS, EnumSet.of(ChannelKind.INTERMEDIARY)).cashlessKinds())
                .containsExactly(ChannelKind.INTERMEDIARY);
    }

    @Test
    void cashKindsCannotCountAsCashless() {
        assertInvalid("cashlessKinds", () -> new AssignPlan(PLAN, TARGETS, EnumSet.of(ChannelKind.BANK,
                ChannelKind.COUNTER)));
        assertInvalid("cashlessKinds", () -> new AssignPlan(PLAN, TARGETS, EnumSet.of(ChannelKind.COLLECTOR)));
    }

    @Test
    void nullKindIsInvalid() {
        assertInvalid("cashlessKinds",
                () -> new AssignPlan(PLAN, TARGETS, new HashSet<>(Arrays.asList(ChannelKind.BANK, null))));
    }

    @Test
    void kindsAreCopiedAndCannotBeChangedAfterwards() {
        Set<ChannelKind> given = EnumSet.of(ChannelKind.BANK);
        AssignPlan command = new AssignPlan(PLAN, TARGETS, given);
        given.add(ChannelKind.INTERMEDIARY);
        assertThat(command.cashlessKinds()).containsExactly(ChannelKind.BANK);
        assertThatThrownBy(() -> command.cashlessKinds().add(ChannelKind.E_WALLET))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void planAndTargetsAreRequired() {
        assertInvalid("plan", () -> new AssignPlan(null, TARGETS, null));
        assertInvalid("targets", () -> new AssignPlan(PLAN, null, null));
    }

    @Test
    void targetRatiosAreAbove0AndAtMost100Percent() {
        assertThat(new PlanTargets(new BigDecimal("100"), new BigDecimal("0.01"), null, new BigDecimal("100.00")))
                .isNotNull();
        assertInvalid("targets.cashlessAmountRatio", () -> new PlanTargets(BigDecimal.ZERO, null, null, null));
        assertInvalid("targets.cashlessAmountRatio",
                () -> new PlanTargets(new BigDecimal("100.01"), null, null, null));
        assertInvalid("targets.cashlessPaymentRatio", () -> new PlanTargets(null, new BigDecimal("-1"), null, null));
        assertInvalid("targets.communeCoverage", () -> new PlanTargets(null, null, null, new BigDecimal("101")));
    }

    @Test
    void targetRatiosHaveAtMostSixDecimalPlaces() {
        assertThat(new PlanTargets(new BigDecimal("33.333333"), null, null, new BigDecimal("80.0000000000")))
                .isNotNull();
        assertInvalid("targets.cashlessAmountRatio",
                () -> new PlanTargets(new BigDecimal("33.3333333"), null, null, null));
        assertInvalid("targets.communeCoverage", () -> new PlanTargets(null, null, null, new BigDecimal("1E-20000")));
    }

    @Test
    void zaloTargetIsAPositiveCount() {
        assertThat(new PlanTargets(null, null, 1L, null).zaloRegistrations()).isEqualTo(1L);
        assertInvalid("targets.zaloRegistrations", () -> new PlanTargets(null, null, 0L, null));
        assertInvalid("targets.zaloRegistrations", () -> new PlanTargets(null, null, -5L, null));
    }

    @Test
    void anyTargetMayBeLeftOut() {
        PlanTargets zaloOnly = new PlanTargets(null, null, 3000L, null);
        assertThat(zaloOnly.cashlessAmountRatio()).isNull();
        assertThat(zaloOnly.zaloRegistrations()).isEqualTo(3000L);
    }

    @Test
    void aPlanWithoutAnyTargetIsInvalid() {
        assertInvalid("targets", () -> new PlanTargets(null, null, null, null));
    }
}
