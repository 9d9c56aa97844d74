package vn.evn.cashless.projections.billing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import vn.evn.cashless.domain.billing.PaymentRecorded;
import vn.evn.cashless.domain.billing.PaymentReversed;
import vn.evn.cashless.domain.channel.ChannelKind;
import vn.evn.cashless.projections.support.ReadModelDatabase;

class PaymentProjectionTest {

    private final JdbcTemplate jdbc = ReadModelDatabase.jdbc();
    private final PaymentProjection projection = new PaymentProjection(jdbc);

    @BeforeEach
    void clear() {
        ReadModelDatabase.clear();
    }

    @Test
    void aPaymentAndItsReversalInOneBatchLeaveOneReversedRow() {
        PaymentRecorded paid = new PaymentRecorded(UUID.randomUUID().toString(), "PA20BM0000001-2021-06",
                "PA20BM0000001", "BM", "00991", "2021-06", 512_000, ChannelKind.E_WALLET, "MoMo", "MOMO-1",
                Instant.parse("2021-06-30T17:30:00Z"));
        PaymentReversed reversed = new PaymentReversed(paid.payment(), paid.bill(), paid.customer(), paid.branch(),
                paid.commune(), paid.period(), paid.amount(), paid.kind(), paid.provider(), paid.externalRef(),
                paid.paidAt(), "trùng giao dịch", Instant.parse("2021-07-01T03:00:00Z"));

        ReadModelDatabase.inOneBatch(() -> {
            projection.on(paid);
            projection.on(reversed);
        });

        Map<String, Object> row = jdbc.queryForMap("SELECT external_ref, amount, reversal_reason FROM rm_payment "
                + "WHERE payment_id = ?", UUID.fromString(paid.payment()));
        assertThat(row).containsEntry("external_ref", "MOMO-1").containsEntry("amount", 512_000L)
                .containsEntry("reversal_reason", "trùng giao dịch");
    }
}
