package vn.evn.cashless.projections.billing;

import java.time.LocalDate;
import java.util.List;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import vn.evn.cashless.projections.customer.PaymentView;
import vn.evn.cashless.projections.support.Page;

/** A bill and its payments: the bill's row and its payments through the payments' bill index. */
@Component
public class BillQueries {

    private final JdbcTemplate jdbc;

    public BillQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @QueryHandler
    public BillView handle(FindBill query) {
        record Issued(String customer, String branch, String commune, String period, long amount, LocalDate due) {
        }
        List<Issued> issued = jdbc.query("""
                        SELECT customer, branch, commune, period, amount, due_date FROM rm_bill WHERE bill_id = ?""",
                (rs, row) -> new Issued(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getLong(5), rs.getObject(6, LocalDate.class)), query.bill());
        if (issued.isEmpty()) {
            return null;
        }
        Issued bill = issued.get(0);
        long[] sums = jdbc.queryForObject("""
                        SELECT COUNT(*), COALESCE(SUM(amount) FILTER (WHERE reversed_at IS NULL), 0),
                               COUNT(*) FILTER (WHERE reversed_at IS NOT NULL),
                               COALESCE(SUM(amount) FILTER (WHERE reversed_at IS NOT NULL), 0)
                        FROM rm_payment WHERE bill_id = ?""",
                (rs, row) -> new long[]{rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)}, query.bill());
        List<PaymentView> payments = jdbc.query("SELECT " + PaymentView.COLUMNS + " FROM rm_payment "
                        + "WHERE bill_id = ? ORDER BY paid_at, payment_id LIMIT ? OFFSET ?", PaymentView.ROW,
                query.bill(), query.page().size(), query.page().offset());
        List<PaymentView> reversals = jdbc.query("SELECT " + PaymentView.COLUMNS + " FROM rm_payment "
                        + "WHERE bill_id = ? AND reversed_at IS NOT NULL ORDER BY reversed_at, payment_id "
                        + "LIMIT ? OFFSET ?", PaymentView.ROW, query.bill(), query.page().size(),
                query.page().offset());
        return new BillView(query.bill(), bill.customer(), bill.branch(), bill.commune(), bill.period(),
                bill.amount(), bill.due(), sums[1], sums[3], new Page<>(payments, sums[0]),
                new Page<>(reversals, sums[2]));
    }
}
