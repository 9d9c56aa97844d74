package vn.evn.cashless.projections.customer;

import static vn.evn.cashless.projections.support.Sql.instant;

import java.time.Instant;
import org.springframework.jdbc.core.RowMapper;

public record PaymentView(String id, String bill, String customer, String period, long amount, String kind,
                          String provider, String externalRef, Instant paidAt, boolean reversed, Instant reversedAt,
                          String reversalReason) {

    /** The columns of {@code rm_payment} every payment query selects. */
    public static final String COLUMNS = "payment_id, bill_id, customer, period, amount, kind, provider, external_ref,"
            + " paid_at, reversed_at, reversal_reason";

    public static final RowMapper<PaymentView> ROW = (rs, row) -> new PaymentView(rs.getString("payment_id"),
            rs.getString("bill_id"), rs.getString("customer"), rs.getString("period"), rs.getLong("amount"),
            rs.getString("kind"), rs.getString("provider"), rs.getString("external_ref"), instant(rs, "paid_at"),
            rs.getObject("reversed_at") != null, instant(rs, "reversed_at"), rs.getString("reversal_reason"));
}
