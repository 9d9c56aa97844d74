package vn.evn.cashless.projections.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.evn.cashless.domain.billing.PaymentRecorded;
import vn.evn.cashless.domain.billing.PaymentReversed;
import vn.evn.cashless.domain.channel.ChannelKind;
import vn.evn.cashless.domain.channel.NotificationChannel;
import vn.evn.cashless.domain.customer.CustomerRegistered;
import vn.evn.cashless.domain.customer.NotificationChannelRegistered;
import vn.evn.cashless.domain.customer.NotificationChannelUnregistered;
import vn.evn.cashless.domain.organisation.BranchCreated;
import vn.evn.cashless.domain.organisation.CommuneAdded;
import vn.evn.cashless.domain.organisation.UnitKind;
import vn.evn.cashless.domain.plan.PlanAssigned;
import vn.evn.cashless.domain.plan.ReportingPeriod;
import vn.evn.cashless.projections.billing.PaymentProjection;
import vn.evn.cashless.projections.customer.CustomerProjection;
import vn.evn.cashless.projections.organisation.OrganisationProjection;
import vn.evn.cashless.projections.plan.PlanProjection;
import vn.evn.cashless.projections.support.ReadModelDatabase;

class CashlessReportsTest {

    private static final Instant NOW = Instant.parse("2021-11-15T00:00:00Z");

    private final OrganisationProjection organisation = new OrganisationProjection(ReadModelDatabase.jdbc());
    private final CustomerProjection customers = new CustomerProjection(ReadModelDatabase.jdbc());
    private final PaymentProjection payments = new PaymentProjection(ReadModelDatabase.jdbc());
    private final PlanProjection plans = new PlanProjection(ReadModelDatabase.jdbc());
    private final CashlessReports reports = new CashlessReports(ReadModelDatabase.jdbc(),
            Clock.fixed(NOW, ZoneOffset.UTC));

    @BeforeEach
    void branch() {
        ReadModelDatabase.clear();
        organisation.on(new BranchCreated("BM", "Điện lực Bắc Mê", "PC Hà Giang"));
        organisation.on(new CommuneAdded("BM", "00991", "Thị trấn Yên Phú", UnitKind.TOWN, null));
        organisation.on(new CommuneAdded("BM", "00982", "Xã Minh Sơn", UnitKind.COMMUNE, null));
        customers.on(new CustomerRegistered("PA20BM0000001", "Hà", "BM", "00991", null,
                Instant.parse("2020-01-01T00:00:00Z")));
        customers.on(new CustomerRegistered("PA20BM0000002", "Lan", "BM", "00982", null,
                Instant.parse("2020-01-01T00:00:00Z")));
    }

    private PaymentRecorded pay(String customer, String commune, long amount, ChannelKind kind, String paidAt) {
        PaymentRecorded event = new PaymentRecorded(UUID.randomUUID().toString(), customer + "-2021-01", customer,
                "BM", commune, "2021-01", amount, kind, kind.name(), UUID.randomUUID().toString(),
                Instant.parse(paidAt));
        ReadModelDatabase.inOneBatch(() -> payments.on(event));
        return event;
    }

    private BranchCoverage coverage(String period) {
        return reports.handle(new FindBranchCoverage("BM", ReportingPeriod.parse(period)));
    }

    @Test
    void aCustomerPayingCashlessEveryMonthIsOneCashlessCustomer() {
        pay("PA20BM0000001", "00991", 100_000, ChannelKind.BANK, "2021-01-10T03:00:00Z");
        pay("PA20BM0000001", "00991", 100_000, ChannelKind.BANK, "2021-02-10T03:00:00Z");
        pay("PA20BM0000001", "00991", 100_000, ChannelKind.E_WALLET, "2021-03-10T03:00:00Z");

        BranchCoverage quarter = coverage("2021-Q1");

        assertThat(quarter.totals().payments()).isEqualTo(3);
        assertThat(quarter.totals().cashlessCustomers()).isEqualTo(1);
    }

    @Test
    void aReversedPaymentNoLongerCoversItsCommune() {
        PaymentRecorded only = pay("PA20BM0000002", "00982", 100_000, ChannelKind.E_WALLET, "2021-01-10T03:00:00Z");
        assertThat(coverage("2021-01").coveredCommunes()).isEqualTo(1);

        ReadModelDatabase.inOneBatch(() -> payments.on(new PaymentReversed(only.payment(), only.bill(),
                only.customer(), "BM", "00982", "2021-01", 100_000, ChannelKind.E_WALLET, "E_WALLET",
                only.externalRef(), only.paidAt(), "lỗi", Instant.parse("2021-01-11T03:00:00Z"))));

        BranchCoverage after = coverage("2021-01");
        assertThat(after.coveredCommunes()).isZero();
        assertThat(after.totals().cashlessCustomers()).isZero();
        assertThat(after.totals().cashlessAmountRatio()).isNull();
    }

    @Test
    void kindsComeFromThePlanOfThePeriodThenTheSmallestEnclosingOneThenTheDefault() {
        plans.on(new PlanAssigned("BM", "2021", 1, null, null, null, null, List.of(ChannelKind.BANK)),
                NOW);
        plans.on(new PlanAssigned("BM", "2021-H1", 1, null, null, null, null,
                List.of(ChannelKind.BANK, ChannelKind.INTERMEDIARY)), NOW);

        assertThat(coverage("2021-02").cashlessKinds()).containsExactly(ChannelKind.BANK, ChannelKind.INTERMEDIARY);
        assertThat(coverage("2021-Q3").cashlessKinds()).containsExactly(ChannelKind.BANK);
        assertThat(coverage("2022-01").cashlessKinds()).containsExactly(ChannelKind.BANK, ChannelKind.E_WALLET);
    }

    @Test
    void zaloRegistrationsAreCountedAtTheEndOfThePeriodOrNow() {
        Instant registered = Instant.parse("2021-03-01T00:00:00Z");
        customers.on(new NotificationChannelRegistered("PA20BM0000001", "BM", "00991", NotificationChannel.ZALO,
                registered));
        customers.on(new NotificationChannelRegistered("PA20BM0000002", "BM", "00982", NotificationChannel.ZALO,
                registered));
        customers.on(new NotificationChannelUnregistered("PA20BM0000002", "BM", "00982", NotificationChannel.ZALO,
                registered, Instant.parse("2021-08-01T00:00:00Z")));
        plans.on(new PlanAssigned("BM", "2021-H1", 1, null, null, 4L, null, List.of(ChannelKind.BANK)), NOW);
        plans.on(new PlanAssigned("BM", "2021", 1, null, null, 4L, null, List.of(ChannelKind.BANK)), NOW);

        PlanProgress firstHalf = reports.handle(new FindPlanProgress("BM", ReportingPeriod.parse("2021-H1")));
        PlanProgress year = reports.handle(new FindPlanProgress("BM", ReportingPeriod.parse("2021")));

        assertThat(zalo(firstHalf)).isEqualByComparingTo("2");
        assertThat(zalo(year)).as("the year is not over: counted now").isEqualByComparingTo("1");
        assertThat(reports.handle(new FindPlanProgress("BM", ReportingPeriod.parse("2021-Q1")))).isNull();
    }

    @Test
    void aCommuneCountsFromItsSinceDateOnly() {
        organisation.on(new CommuneAdded("BM", "01018", "Xã Phiêng Luông", UnitKind.COMMUNE,
                java.time.LocalDate.of(2021, 7, 1)));

        assertThat(coverage("2021-H1").totalCommunes()).isEqualTo(2);
        assertThat(coverage("2021-06").communes()).extracting(BranchCoverage.CommuneCoverage::code)
                .containsExactly("00982", "00991");
        assertThat(coverage("2021-07").totalCommunes()).isEqualTo(3);
        assertThat(coverage("2021").totalCommunes()).isEqualTo(3);
    }

    private static BigDecimal zalo(PlanProgress progress) {
        return progress.indicators().stream().filter(i -> i.name().equals("zaloRegistrations")).findFirst()
                .orElseThrow().actual();
    }
}
