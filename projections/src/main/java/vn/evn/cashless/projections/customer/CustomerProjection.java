package vn.evn.cashless.projections.customer;

import static vn.evn.cashless.projections.support.Sql.timestamp;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import vn.evn.cashless.domain.customer.CustomerPhoneChanged;
import vn.evn.cashless.domain.customer.CustomerRegistered;
import vn.evn.cashless.domain.customer.NotificationChannelRegistered;
import vn.evn.cashless.domain.customer.NotificationChannelUnregistered;
import vn.evn.cashless.domain.customer.PaymentChannelRegistered;
import vn.evn.cashless.domain.customer.PaymentChannelUnregistered;
import vn.evn.cashless.domain.customer.PhoneMarkedUnreachable;
import vn.evn.cashless.domain.customer.PhoneReached;

/**
 * Customers and the history of their channel registrations, kept as intervals of business time so a figure can be
 * taken at the end of any period.
 */
@Component
@ProcessingGroup(CustomerProjection.GROUP)
public class CustomerProjection {

    public static final String GROUP = "customers";

    private final JdbcTemplate jdbc;

    public CustomerProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    public void on(CustomerRegistered event) {
        jdbc.update("INSERT INTO rm_customer (code, name, branch, commune, phone, registered_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?)", event.customer(), event.name(), event.branch(), event.commune(),
                event.phone(), timestamp(event.registeredAt()));
        jdbc.batchUpdate("INSERT INTO rm_customer_name_key (key, customer) VALUES (?, ?) ON CONFLICT DO NOTHING",
                SearchText.keys(event.name()).stream().map(key -> new Object[]{key, event.customer()}).toList());
    }

    /** A new number has not failed yet: the unreachable flag goes. */
    @EventHandler
    public void on(CustomerPhoneChanged event) {
        jdbc.update("UPDATE rm_customer SET phone = ?, phone_status = 'OK', phone_unreachable_since = NULL "
                + "WHERE code = ?", event.phone(), event.customer());
    }

    @EventHandler
    public void on(PhoneMarkedUnreachable event) {
        jdbc.update("UPDATE rm_customer SET phone_status = 'UNREACHABLE', phone_unreachable_since = ? WHERE code = ?",
                timestamp(event.at()), event.customer());
    }

    @EventHandler
    public void on(PhoneReached event) {
        jdbc.update("UPDATE rm_customer SET phone_status = 'OK', phone_unreachable_since = NULL WHERE code = ?",
                event.customer());
    }

    @EventHandler
    public void on(PaymentChannelRegistered event) {
        jdbc.update("INSERT INTO rm_payment_channel (customer, provider, registered_at, kind, branch, commune) "
                        + "VALUES (?, ?, ?, ?, ?, ?)", event.customer(), event.provider(),
                timestamp(event.registeredAt()), event.kind().name(), event.branch(), event.commune());
    }

    @EventHandler
    public void on(PaymentChannelUnregistered event) {
        jdbc.update("UPDATE rm_payment_channel SET unregistered_at = ? "
                        + "WHERE customer = ? AND provider = ? AND registered_at = ?",
                timestamp(event.unregisteredAt()), event.customer(), event.provider(),
                timestamp(event.registeredAt()));
    }

    @EventHandler
    public void on(NotificationChannelRegistered event) {
        jdbc.update("INSERT INTO rm_notification_channel (customer, channel, registered_at, branch, commune) "
                        + "VALUES (?, ?, ?, ?, ?)", event.customer(), event.channel().name(),
                timestamp(event.registeredAt()), event.branch(), event.commune());
    }

    @EventHandler
    public void on(NotificationChannelUnregistered event) {
        jdbc.update("UPDATE rm_notification_channel SET unregistered_at = ? "
                        + "WHERE customer = ? AND channel = ? AND registered_at = ?",
                timestamp(event.unregisteredAt()), event.customer(), event.channel().name(),
                timestamp(event.registeredAt()));
    }

    @ResetHandler
    public void reset() {
        jdbc.execute("TRUNCATE rm_notification_channel, rm_payment_channel, rm_customer_name_key, rm_customer");
    }
}
