package vn.evn.cashless.application.notice;

import java.sql.Date;
import java.time.Instant;
import java.time.LocalDate;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import vn.evn.cashless.domain.billing.BillIssued;
import vn.evn.cashless.domain.billing.PaymentRecorded;
import vn.evn.cashless.domain.billing.PaymentReversed;
import vn.evn.cashless.domain.channel.NotificationChannel;
import vn.evn.cashless.domain.customer.CustomerPhoneChanged;
import vn.evn.cashless.domain.customer.CustomerRegistered;
import vn.evn.cashless.domain.customer.NotificationChannelRegistered;
import vn.evn.cashless.domain.customer.NotificationChannelUnregistered;
import vn.evn.cashless.domain.notice.NoticeId;
import vn.evn.cashless.domain.notice.NoticeKind;
import vn.evn.cashless.domain.billing.BillId;
import vn.evn.cashless.domain.shared.Zones;

/**
 * Turns issued bills into notices to send, and keeps what sending them needs: each customer's phone and channels,
 * and the bills that may need a reminder. Its writes commit with its token, so an issued bill is queued exactly once
 * whatever crashes; writing it twice (a replay) changes nothing.
 *
 * <p>A bill is notified only if it was issued on or before its due date (in Vietnam): loading history, whose bills
 * are long due, messages no one.
 */
@Component
@ProcessingGroup(NoticeOutbox.GROUP)
public class NoticeOutbox {

    public static final String GROUP = "notice-outbox";

    private final JdbcTemplate jdbc;
    private final NoticeProperties properties;

    public NoticeOutbox(JdbcTemplate jdbc, NoticeProperties properties) {
        this.jdbc = jdbc;
        this.properties = properties;
    }

    @EventHandler
    public void on(CustomerRegistered event) {
        jdbc.update("""
                INSERT INTO notice_contact (customer, branch, commune, phone) VALUES (?, ?, ?, ?)
                ON CONFLICT (customer) DO NOTHING""", event.customer(), event.branch(), event.commune(),
                event.phone());
    }

    @EventHandler
    public void on(CustomerPhoneChanged event) {
        jdbc.update("UPDATE notice_contact SET phone = ? WHERE customer = ?", event.phone(), event.customer());
    }

    @EventHandler
    public void on(NotificationChannelRegistered event) {
        registered(event.customer(), event.channel(), true);
    }

    @EventHandler
    public void on(NotificationChannelUnregistered event) {
        registered(event.customer(), event.channel(), false);
    }

    private void registered(String customer, NotificationChannel channel, boolean active) {
        switch (channel) {
            case ZALO -> jdbc.update("UPDATE notice_contact SET zalo = ? WHERE customer = ?", active, customer);
            case APP -> jdbc.update("UPDATE notice_contact SET app = ? WHERE customer = ?", active, customer);
            default -> {
                // SMS goes to every phone and e-mail is not sent: a registration for them changes nothing here
            }
        }
    }

    @EventHandler
    public void on(BillIssued event, @Timestamp Instant issuedAt) {
        LocalDate issuedOn = issuedAt.atZone(Zones.VIETNAM).toLocalDate();
        if (event.dueDate().isBefore(issuedOn)) {
            return;
        }
        LocalDate remindOn = event.dueDate().minusDays(properties.reminderDaysBefore());
        if (remindOn.isAfter(issuedOn)) {
            jdbc.update("""
                    INSERT INTO notice_bill (bill, customer, branch, commune, outstanding, due_date, remind_on)
                    VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (bill) DO NOTHING""", event.bill(), event.customer(),
                    event.branch(), event.commune(), event.amount(), Date.valueOf(event.dueDate()),
                    Date.valueOf(remindOn));
        }
        NoticeId notice = NoticeId.of(BillId.parse(event.bill()), NoticeKind.BILL);
        jdbc.update("""
                INSERT INTO notice_dispatch (notice, customer, branch, commune, amount, due_date, stage)
                VALUES (?, ?, ?, ?, ?, ?, 'NEW') ON CONFLICT (notice) DO NOTHING""", notice.toString(),
                event.customer(), event.branch(), event.commune(), event.amount(), Date.valueOf(event.dueDate()));
    }

    @EventHandler
    public void on(PaymentRecorded event) {
        jdbc.update("UPDATE notice_bill SET outstanding = outstanding - ? WHERE bill = ?", event.amount(),
                event.bill());
    }

    @EventHandler
    public void on(PaymentReversed event) {
        jdbc.update("UPDATE notice_bill SET outstanding = outstanding + ? WHERE bill = ?", event.amount(),
                event.bill());
    }
}
