package vn.evn.cashless.projections.figures;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import vn.evn.cashless.domain.billing.PaymentRecorded;
import vn.evn.cashless.domain.billing.PaymentReversed;
import vn.evn.cashless.domain.channel.ChannelKind;
import vn.evn.cashless.projections.support.ReadModelDatabase;

class FigureProjectionTest {

    private final JdbcTemplate jdbc = ReadModelDatabase.jdbc();
    private final FigureProjection projection = new FigureProjection(jdbc);

    @BeforeEach
    void clear() {
        ReadModelDatabase.clear();
    }

    private static PaymentRecorded paid(String customer, long amount, ChannelKind kind, String paidAt) {
        return new PaymentRecorded(UUID.randomUUID().toString(), customer + "-2021-06", customer, "BM", "00991",
                "2021-06", amount, kind, "MoMo", "REF-" + UUID.randomUUID(), Instant.parse(paidAt));
    }

    private static PaymentReversed reversal(PaymentRecorded p, String reversedAt) {
        return new PaymentReversed(p.payment(), p.bill(), p.customer(), p.branch(), p.commune(), p.period(),
                p.amount(), p.kind(), p.provider(), p.externalRef(), p.paidAt(), "trùng giao dịch",
                Instant.parse(reversedAt));
    }

    private Map<String, Object> month(LocalDate month) {
        return jdbc.queryForMap("SELECT SUM(payments)::bigint AS payments, SUM(amount)::bigint AS amount "
                + "FROM fig_month WHERE branch = 'BM' AND month = ?", month);
    }

    @Test
    void aPaymentIsSummedIntoTheLocalMonthItFallsIn() {
        PaymentRecorded event = paid("PA20BM0000001", 512_000, ChannelKind.E_WALLET, "2021-06-30T17:30:00Z");

        ReadModelDatabase.inOneBatch(() -> projection.on(event));

        assertThat(month(LocalDate.of(2021, 7, 1))).containsEntry("payments", 1L).containsEntry("amount", 512_000L);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM fig_month WHERE month = ?", Long.class,
                LocalDate.of(2021, 6, 1))).isZero();
    }

    @Test
    void aBatchFoldsItsPaymentsAndReversalsTogether() {
        PaymentRecorded a = paid("PA20BM0000001", 100_000, ChannelKind.E_WALLET, "2021-06-10T03:00:00Z");
        PaymentRecorded b = paid("PA20BM0000002", 200_000, ChannelKind.E_WALLET, "2021-06-11T03:00:00Z");
        PaymentRecorded c = paid("PA20BM0000002", 300_000, ChannelKind.E_WALLET, "2021-06-12T03:00:00Z");

        ReadModelDatabase.inOneBatch(() -> {
            projection.on(a);
            projection.on(b);
            projection.on(c);
            projection.on(reversal(b, "2021-06-13T03:00:00Z"));
        });

        assertThat(month(LocalDate.of(2021, 6, 1))).containsEntry("payments", 2L).containsEntry("amount", 400_000L);
        assertThat(jdbc.queryForList("SELECT customer, payments FROM fig_customer_month ORDER BY customer"))
                .containsExactly(Map.of("customer", "PA20BM0000001", "payments", 1),
                        Map.of("customer", "PA20BM0000002", "payments", 1));
    }

    @Test
    void batchesAddUpAcrossTransactions() {
        PaymentRecorded a = paid("PA20BM0000001", 100_000, ChannelKind.BANK, "2021-06-10T03:00:00Z");
        PaymentRecorded b = paid("PA20BM0000001", 250_000, ChannelKind.BANK, "2021-06-20T03:00:00Z");

        ReadModelDatabase.inOneBatch(() -> projection.on(a));
        ReadModelDatabase.inOneBatch(() -> projection.on(b));
        ReadModelDatabase.inOneBatch(() -> projection.on(reversal(a, "2021-07-02T03:00:00Z")));

        assertThat(month(LocalDate.of(2021, 6, 1))).containsEntry("payments", 1L).containsEntry("amount", 250_000L);
    }

    @Test
    void cashPaymentsAreSummedButNeverKeptPerCustomer() {
        ReadModelDatabase.inOneBatch(() -> {
            projection.on(paid("PA20BM0000001", 50_000, ChannelKind.COUNTER, "2021-06-10T03:00:00Z"));
            projection.on(paid("PA20BM0000002", 70_000, ChannelKind.COLLECTOR, "2021-06-10T03:00:00Z"));
            projection.on(paid("PA20BM0000003", 90_000, ChannelKind.INTERMEDIARY, "2021-06-10T03:00:00Z"));
        });

        assertThat(month(LocalDate.of(2021, 6, 1))).containsEntry("payments", 3L).containsEntry("amount", 210_000L);
        assertThat(jdbc.queryForList("SELECT customer FROM fig_customer_month", String.class))
                .containsExactly("PA20BM0000003");
    }

    @Test
    void aResetEmptiesEverythingItWrote() {
        ReadModelDatabase.inOneBatch(() -> projection.on(paid("PA20BM0000001", 1_000, ChannelKind.BANK,
                "2021-06-10T03:00:00Z")));

        projection.reset();

        for (String table : List.of("fig_month", "fig_customer_month", "fig_paying")) {
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM " + table, Long.class)).as(table).isZero();
        }
    }
}
