package vn.evn.cashless.projections.customer;

import static vn.evn.cashless.projections.support.Sql.instant;

import java.util.List;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** A customer, their active channels, and their payments. */
@Component
public class CustomerQueries {

    private final JdbcTemplate jdbc;

    public CustomerQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @QueryHandler
    public CustomerView handle(FindCustomer query) {
        List<CustomerView.PaymentChannel> paymentChannels = jdbc.query("""
                        SELECT kind, provider, registered_at FROM rm_payment_channel
                        WHERE customer = ? AND unregistered_at IS NULL ORDER BY registered_at, provider""",
                (rs, row) -> new CustomerView.PaymentChannel(rs.getString("kind"), rs.getString("provider"),
                        instant(rs, "registered_at")), query.customer());
        List<CustomerView.NotificationChannel> notificationChannels = jdbc.query("""
                        SELECT channel, registered_at FROM rm_notification_channel
                        WHERE customer = ? AND unregistered_at IS NULL ORDER BY registered_at, channel""",
                (rs, row) -> new CustomerView.NotificationChannel(rs.getString("channel"),
                        instant(rs, "registered_at")), query.customer());
        return jdbc.query("""
                        SELECT c.code, c.name, c.branch, c.commune, m.name AS commune_name, c.phone, c.registered_at
                        FROM rm_customer c LEFT JOIN rm_commune m ON m.code = c.commune
                        WHERE c.code = ?""",
                (rs, row) -> new CustomerView(rs.getString("code"), rs.getString("name"), rs.getString("branch"),
                        rs.getString("commune"), rs.getString("commune_name"), rs.getString("phone"),
                        instant(rs, "registered_at"), paymentChannels, notificationChannels), query.customer())
                .stream().findFirst().orElse(null);
    }

    @QueryHandler
    public List<PaymentView> handle(FindCustomerPayments query) {
        return jdbc.query("SELECT " + PaymentView.COLUMNS + " FROM rm_payment WHERE customer = ? "
                + "ORDER BY paid_at DESC, payment_id", PaymentView.ROW, query.customer());
    }

    @QueryHandler
    public PaymentView handle(FindPayment query) {
        return jdbc.query("SELECT " + PaymentView.COLUMNS + " FROM rm_payment WHERE payment_id = ?",
                PaymentView.ROW, query.payment()).stream().findFirst().orElse(null);
    }
}
