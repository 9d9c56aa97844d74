package vn.evn.cashless.application.notice;

import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import vn.evn.cashless.domain.billing.BillId;
import vn.evn.cashless.domain.notice.NoticeId;
import vn.evn.cashless.domain.notice.NoticeKind;

/**
 * Reminders: a bill notified when issued, and still unpaid {@code reminder-days-before} days before its due date, is
 * reminded then, by the same channels. A paid bill is not; nor one past its due date by the time the reminder pass
 * runs (a node down for days does not remind late). Each bill is looked at once, by whichever node takes it first.
 */
@Component
public class NoticeReminders {

    private static final int BATCH = 500;

    /** What one pass did. */
    public record Pass(LocalDate date, int queued, int skippedPaid, int skippedOverdue) {
    }

    private record Due(String bill, String customer, String branch, String commune, long outstanding,
                       LocalDate dueDate) {
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;

    public NoticeReminders(JdbcTemplate jdbc, PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    /** Queues the reminders due on or before {@code today}. */
    public Pass remind(LocalDate today) {
        int queued = 0;
        int paid = 0;
        int overdue = 0;
        while (true) {
            int[] counts = transactions.execute(status -> batch(today));
            if (counts == null || counts[0] + counts[1] + counts[2] == 0) {
                return new Pass(today, queued, paid, overdue);
            }
            queued += counts[0];
            paid += counts[1];
            overdue += counts[2];
        }
    }

    private int[] batch(LocalDate today) {
        List<Due> due = jdbc.query("""
                DELETE FROM notice_bill WHERE bill IN (
                    SELECT bill FROM notice_bill WHERE remind_on <= ? ORDER BY remind_on
                    LIMIT ? FOR UPDATE SKIP LOCKED)
                RETURNING bill, customer, branch, commune, outstanding, due_date""", (row, i) -> new Due(
                row.getString("bill"), row.getString("customer"), row.getString("branch"),
                row.getString("commune"), row.getLong("outstanding"), row.getDate("due_date").toLocalDate()),
                Date.valueOf(today), BATCH);
        int[] counts = new int[3];
        List<Object[]> reminders = due.stream().filter(bill -> {
            if (bill.outstanding() <= 0) {
                counts[1]++;
                return false;
            }
            if (today.isAfter(bill.dueDate())) {
                counts[2]++;
                return false;
            }
            counts[0]++;
            return true;
        }).map(bill -> new Object[]{NoticeId.of(BillId.parse(bill.bill()), NoticeKind.REMINDER).toString(),
                bill.customer(), bill.branch(), bill.commune(), bill.outstanding(), Date.valueOf(bill.dueDate())})
                .toList();
        jdbc.batchUpdate("""
                INSERT INTO notice_dispatch (notice, customer, branch, commune, amount, due_date, stage)
                VALUES (?, ?, ?, ?, ?, ?, 'NEW') ON CONFLICT (notice) DO NOTHING""", reminders);
        return counts;
    }
}
