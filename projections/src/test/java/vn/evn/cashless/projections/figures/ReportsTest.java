package vn.evn.cashless.projections.figures;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
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
import vn.evn.cashless.domain.customer.PaymentChannelRegistered;
import vn.evn.cashless.domain.customer.PaymentChannelUnregistered;
import vn.evn.cashless.domain.figures.BranchCoverage;
import vn.evn.cashless.domain.figures.ChannelBreakdown;
import vn.evn.cashless.domain.figures.FoldedFigures;
import vn.evn.cashless.domain.figures.PlanProgress;
import vn.evn.cashless.domain.figures.Reports;
import vn.evn.cashless.domain.organisation.CommuneAdded;
import vn.evn.cashless.domain.organisation.UnitKind;
import vn.evn.cashless.domain.plan.PlanAssigned;
import vn.evn.cashless.domain.plan.ReportingPeriod;
import vn.evn.cashless.projections.support.ReadModelDatabase;

/**
 * The reports over the figures read model's tables. Every event goes through the read model and through the fold in
 * memory as well, and every report read here is also read from the memory and must be equal: the stored state and
 * the folded one answer alike.
 */
class ReportsTest {

    private static final Instant NOW = Instant.parse("2021-11-15T00:00:00Z");

    private final FigureProjection projection = new FigureProjection(ReadModelDatabase.jdbc());
    private final StoredFigures stored = new StoredFigures(ReadModelDatabase.jdbc());
    private FoldedFigures folded;

    @BeforeEach
    void branch() {
        ReadModelDatabase.clear();
        folded = new FoldedFigures();
        given(new CommuneAdded("BM", "00991", "Thị trấn Yên Phú", UnitKind.TOWN, null),
                new CommuneAdded("BM", "00982", "Xã Minh Sơn", UnitKind.COMMUNE, null),
                new CustomerRegistered("PA20BM0000001", "Hà", "BM", "00991", null,
                        Instant.parse("2020-01-01T00:00:00Z")),
                new CustomerRegistered("PA20BM0000002", "Lan", "BM", "00982", null,
                        Instant.parse("2020-01-01T00:00:00Z")));
    }

    /** One processor batch of events, into the read model and into the fold in memory. */
    private void given(Object... events) {
        ReadModelDatabase.inOneBatch(() -> {
            for (Object event : events) {
                projection.on(event);
            }
        });
        for (Object event : events) {
            folded.apply(event);
        }
    }

    private PaymentRecorded pay(String customer, String commune, long amount, ChannelKind kind, String paidAt) {
        PaymentRecorded event = new PaymentRecorded(UUID.randomUUID().toString(), customer + "-2021-01", customer,
                "BM", commune, "2021-01", amount, kind, kind.name(), UUID.randomUUID().toString(),
                Instant.parse(paidAt));
        given(event);
        return event;
    }

    private BranchCoverage coverage(String period) {
        BranchCoverage fromTables = Reports.coverage(stored, "BM", ReportingPeriod.parse(period), NOW);
        assertThat(Reports.coverage(folded, "BM", ReportingPeriod.parse(period), NOW)).isEqualTo(fromTables);
        return fromTables;
    }

    private ChannelBreakdown channels(String period) {
        ChannelBreakdown fromTables = Reports.channels(stored, "BM", ReportingPeriod.parse(period));
        assertThat(Reports.channels(folded, "BM", ReportingPeriod.parse(period))).isEqualTo(fromTables);
        return fromTables;
    }

    private PlanProgress progress(String period) {
        PlanProgress fromTables = Reports.progress(stored, "BM", ReportingPeriod.parse(period), NOW).orElse(null);
        assertThat(Reports.progress(folded, "BM", ReportingPeriod.parse(period), NOW).orElse(null))
                .isEqualTo(fromTables);
        return fromTables;
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
    void aPaymentCountsInTheLocalMonthItWasPaidIn() {
        pay("PA20BM0000001", "00991", 512_000, ChannelKind.E_WALLET, "2021-06-30T17:30:00Z");

        assertThat(coverage("2021-06").totals().payments()).isZero();
        assertThat(coverage("2021-07").totals().payments()).isEqualTo(1);
        assertThat(channels("2021-07").channels()).extracting(ChannelBreakdown.Channel::amount)
                .containsExactly(512_000L);
    }

    @Test
    void aReversedPaymentNoLongerCoversItsCommune() {
        PaymentRecorded only = pay("PA20BM0000002", "00982", 100_000, ChannelKind.E_WALLET, "2021-01-10T03:00:00Z");
        assertThat(coverage("2021-01").coveredCommunes()).isEqualTo(1);

        given(new PaymentReversed(only.payment(), only.bill(), only.customer(), "BM", "00982", "2021-01", 100_000,
                ChannelKind.E_WALLET, "E_WALLET", only.externalRef(), only.paidAt(), "lỗi",
                Instant.parse("2021-01-11T03:00:00Z")));

        BranchCoverage after = coverage("2021-01");
        assertThat(after.coveredCommunes()).isZero();
        assertThat(after.totals().cashlessCustomers()).isZero();
        assertThat(after.totals().cashlessAmountRatio()).isNull();
        assertThat(channels("2021-01").channels()).isEmpty();
    }

    @Test
    void kindsComeFromThePlanOfThePeriodThenTheSmallestEnclosingOneThenTheDefault() {
        given(new PlanAssigned("BM", "2021", 1, null, null, null, null, List.of(ChannelKind.BANK)),
                new PlanAssigned("BM", "2021-H1", 1, null, null, null, null,
                        List.of(ChannelKind.BANK, ChannelKind.INTERMEDIARY)));

        assertThat(coverage("2021-02").cashlessKinds()).containsExactly(ChannelKind.BANK, ChannelKind.INTERMEDIARY);
        assertThat(coverage("2021-Q3").cashlessKinds()).containsExactly(ChannelKind.BANK);
        assertThat(coverage("2022-01").cashlessKinds()).containsExactly(ChannelKind.BANK, ChannelKind.E_WALLET);
        assertThat(channels("2021-Q3").cashlessKinds()).containsExactly(ChannelKind.BANK);
    }

    @Test
    void aRevisedPlanReplacesTheEarlierRevisionEvenInOneBatch() {
        given(new PlanAssigned("BM", "2021", 1, null, null, 10L, null, List.of(ChannelKind.BANK)),
                new PlanAssigned("BM", "2021", 2, null, null, 20L, null, List.of(ChannelKind.E_WALLET)));
        given(new PlanAssigned("BM", "2021", 3, null, null, 30L, null, List.of(ChannelKind.INTERMEDIARY)));

        PlanProgress year = progress("2021");
        assertThat(year.revision()).isEqualTo(3);
        assertThat(year.cashlessKinds()).containsExactly(ChannelKind.INTERMEDIARY);
    }

    @Test
    void zaloRegistrationsAreCountedAtTheEndOfThePeriodOrNow() {
        Instant registered = Instant.parse("2021-03-01T00:00:00Z");
        given(new NotificationChannelRegistered("PA20BM0000001", "BM", "00991", NotificationChannel.ZALO,
                        registered),
                new NotificationChannelRegistered("PA20BM0000002", "BM", "00982", NotificationChannel.ZALO,
                        registered),
                new NotificationChannelRegistered("PA20BM0000002", "BM", "00982", NotificationChannel.SMS,
                        registered),
                new NotificationChannelUnregistered("PA20BM0000002", "BM", "00982", NotificationChannel.ZALO,
                        registered, Instant.parse("2021-08-01T00:00:00Z")),
                new PlanAssigned("BM", "2021-H1", 1, null, null, 4L, null, List.of(ChannelKind.BANK)),
                new PlanAssigned("BM", "2021", 1, null, null, 4L, null, List.of(ChannelKind.BANK)));

        assertThat(zalo(progress("2021-H1"))).isEqualByComparingTo("2");
        assertThat(zalo(progress("2021"))).as("the year is not over: counted now").isEqualByComparingTo("1");
        assertThat(progress("2021-Q1")).isNull();
    }

    @Test
    void registeredCustomersCountActiveRegistrationsOfCashlessKindsAtTheEnd() {
        Instant from = Instant.parse("2021-01-05T00:00:00Z");
        given(new PaymentChannelRegistered("PA20BM0000001", "BM", "00991", ChannelKind.BANK, "Agribank", from),
                new PaymentChannelRegistered("PA20BM0000001", "BM", "00991", ChannelKind.E_WALLET, "MoMo", from),
                new PaymentChannelRegistered("PA20BM0000002", "BM", "00982", ChannelKind.INTERMEDIARY, "Viettel",
                        from),
                new PaymentChannelUnregistered("PA20BM0000001", "BM", "00991", ChannelKind.BANK, "Agribank", from,
                        Instant.parse("2021-02-10T00:00:00Z")));

        BranchCoverage january = coverage("2021-01");
        assertThat(january.communes()).extracting(BranchCoverage.CommuneCoverage::registeredCustomers)
                .containsExactly(0L, 1L);
        assertThat(coverage("2021-03").communes()).extracting(BranchCoverage.CommuneCoverage::registeredCustomers)
                .containsExactly(0L, 1L);
        assertThat(coverage("2020-12").communes()).extracting(BranchCoverage.CommuneCoverage::registeredCustomers)
                .containsExactly(0L, 0L);
    }

    @Test
    void aCommuneCountsFromItsSinceDateOnly() {
        given(new CommuneAdded("BM", "01018", "Xã Phiêng Luông", UnitKind.COMMUNE, LocalDate.of(2021, 7, 1)));

        assertThat(coverage("2021-H1").totalCommunes()).isEqualTo(2);
        assertThat(coverage("2021-06").communes()).extracting(BranchCoverage.CommuneCoverage::code)
                .containsExactly("00982", "00991");
        assertThat(coverage("2021-07").totalCommunes()).isEqualTo(3);
        assertThat(coverage("2021").totalCommunes()).isEqualTo(3);
    }

    @Test
    void paymentsOfACommuneBeforeItsSinceDateCountEverywhereButNotForCoverage() {
        given(new CommuneAdded("BM", "01018", "Xã Phiêng Luông", UnitKind.COMMUNE, LocalDate.of(2021, 7, 1)),
                new CustomerRegistered("PA20BM0000003", "Tú", "BM", "01018", null,
                        Instant.parse("2021-05-01T00:00:00Z")));
        pay("PA20BM0000003", "01018", 300_000, ChannelKind.BANK, "2021-06-10T03:00:00Z");
        pay("PA20BM0000001", "00991", 100_000, ChannelKind.COUNTER, "2021-06-11T03:00:00Z");

        BranchCoverage june = coverage("2021-06");
        assertThat(june.totalCommunes()).isEqualTo(2);
        assertThat(june.coveredCommunes()).isZero();
        assertThat(june.communes()).filteredOn(c -> c.code().equals("01018")).singleElement()
                .satisfies(c -> assertThat(c.countsForCoverage()).isFalse());
        assertThat(june.totals().payments()).isEqualTo(2);
        assertThat(june.totals().amount()).isEqualTo(400_000);
        long channelPayments = channels("2021-06").channels().stream().mapToLong(ChannelBreakdown.Channel::payments)
                .sum();
        assertThat(channelPayments).isEqualTo(june.totals().payments());
    }

    private static BigDecimal zalo(PlanProgress progress) {
        return progress.indicators().stream().filter(i -> i.name().equals("zaloRegistrations")).findFirst()
                .orElseThrow().actual();
    }
}
