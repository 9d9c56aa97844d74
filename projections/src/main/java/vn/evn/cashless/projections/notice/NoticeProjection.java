package vn.evn.cashless.projections.notice;

import static vn.evn.cashless.projections.support.Sql.timestamp;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import vn.evn.cashless.domain.channel.NotificationChannel;
import vn.evn.cashless.domain.notice.NoticeDelivered;
import vn.evn.cashless.domain.notice.NoticeFailed;
import vn.evn.cashless.domain.notice.NoticeFellBack;
import vn.evn.cashless.domain.notice.NoticeQueued;
import vn.evn.cashless.domain.notice.NoticeSent;
import vn.evn.cashless.domain.notice.NoticeUndeliverable;
import vn.evn.cashless.projections.support.BatchOfWork;

/**
 * Bill notices as staff read them: one row per notice and channel tried, messages per branch, bill month and channel,
 * and which customers a notice was due to and reached in each bill month (docs/notices.md, "Reads"). It writes in
 * batches: one processor batch's events are folded row by row in memory (a customer's events come in order) and
 * written at the end of the batch, in the transaction that also moves the processor's token.
 */
@Component
@ProcessingGroup(NoticeProjection.GROUP)
public class NoticeProjection {

    public static final String GROUP = "notices";

    /** The channel of the one row a notice without any channel has; the API reports it as null. */
    public static final String NO_CHANNEL = "NONE";

    public static final String QUEUED = "QUEUED";
    public static final String SENT = "SENT";
    public static final String DELIVERED = "DELIVERED";
    public static final String FAILED = "FAILED";

    /** The order notices try channels in (NoticeChannels), for ordering a notice's rows. */
    private static final List<NotificationChannel> ORDER = List.of(NotificationChannel.ZALO, NotificationChannel.APP,
            NotificationChannel.SMS, NotificationChannel.EMAIL);

    private static final String BATCH = NoticeProjection.class.getName() + ".batch";

    private final JdbcTemplate jdbc;

    public NoticeProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    public void on(NoticeQueued e) {
        Batch batch = batch();
        String channel = e.channels().isEmpty() ? NO_CHANNEL : e.channels().get(0).name();
        Row row = batch.row(e.notice(), channel, e.bill(), e.customer(), e.branch(), e.commune(), e.kind().name(),
                e.period(), e.queuedAt());
        row.status = QUEUED;
        row.noticeQueuedAt = e.queuedAt();
        row.queuedAt = e.queuedAt();
        batch.customer(e.branch(), e.period(), e.customer(), false, false);
    }

    @EventHandler
    public void on(NoticeSent e) {
        Batch batch = batch();
        Row row = batch.row(e.notice(), e.channel().name(), e.bill(), e.customer(), e.branch(), e.commune(),
                e.kind().name(), e.period(), e.sentAt());
        row.status = SENT;
        row.attempts = Math.max(row.attempts, e.attempt());
        row.sentAt = e.sentAt();
        batch.count(e.branch(), e.period(), e.channel(), 0);
    }

    @EventHandler
    public void on(NoticeDelivered e) {
        Batch batch = batch();
        Row row = batch.row(e.notice(), e.channel().name(), e.bill(), e.customer(), e.branch(), e.commune(),
                e.kind().name(), e.period(), e.deliveredAt());
        row.status = DELIVERED;
        row.deliveredAt = e.deliveredAt();
        batch.count(e.branch(), e.period(), e.channel(), 1);
        batch.customer(e.branch(), e.period(), e.customer(), true,
                e.channel() == NotificationChannel.ZALO || e.channel() == NotificationChannel.APP);
    }

    /** A temporary failure leaves the channel waiting for its next try; a permanent one ends it. */
    @EventHandler
    public void on(NoticeFailed e) {
        Batch batch = batch();
        Row row = batch.row(e.notice(), e.channel().name(), e.bill(), e.customer(), e.branch(), e.commune(),
                e.kind().name(), e.period(), e.failedAt());
        row.status = e.permanent() ? FAILED : QUEUED;
        row.attempts = Math.max(row.attempts, e.attempt());
        row.reason = e.reason();
        row.failedAt = e.failedAt();
        batch.count(e.branch(), e.period(), e.channel(), 2);
    }

    /** The channel given up on is failed (after temporary failures it was still waiting), the next one queued. */
    @EventHandler
    public void on(NoticeFellBack e) {
        Batch batch = batch();
        Row from = batch.row(e.notice(), e.fromChannel().name(), e.bill(), e.customer(), e.branch(), e.commune(),
                e.kind().name(), e.period(), e.at());
        from.status = FAILED;
        Row to = batch.row(e.notice(), e.toChannel().name(), e.bill(), e.customer(), e.branch(), e.commune(),
                e.kind().name(), e.period(), e.at());
        to.status = QUEUED;
        to.queuedAt = e.at();
        batch.count(e.branch(), e.period(), e.fromChannel(), 3);
    }

    /**
     * The notice reached no one: the row still open (a channel waiting after temporary failures, or the one row of a
     * notice without channels) is failed; its reason, if it has none yet, is the notice's.
     */
    @EventHandler
    public void on(NoticeUndeliverable e) {
        batch().undeliverable.add(new Object[]{e.reason(), timestamp(e.at()), e.notice()});
    }

    /** TRUNCATE, not DELETE: a replay then starts from empty tables instead of a copy of dead rows. */
    @ResetHandler
    public void reset() {
        jdbc.execute("TRUNCATE rm_notice, rm_notice_channel_month, rm_notice_customer_month");
    }

    private Batch batch() {
        return BatchOfWork.current(BATCH, Batch::new, batch -> batch.writeTo(jdbc));
    }

    /** Where a channel comes in the order notices try channels; the one row of a notice without channels first. */
    public static int order(String channel) {
        return NO_CHANNEL.equals(channel) ? 0 : ORDER.indexOf(NotificationChannel.valueOf(channel));
    }

    /** What one batch's events say about one notice-and-channel row; null fields leave the stored values. */
    private static final class Row {
        final String notice;
        final String channel;
        final String bill;
        final String customer;
        final String branch;
        final String commune;
        final String kind;
        final String period;
        String status;
        int attempts;
        String reason;
        Instant noticeQueuedAt;
        Instant queuedAt;
        Instant sentAt;
        Instant deliveredAt;
        Instant failedAt;
        /** When the first event of this batch about the row happened: its queued time, should it have none. */
        final Instant seen;

        Row(String notice, String channel, String bill, String customer, String branch, String commune, String kind,
            String period, Instant seen) {
            this.seen = seen;
            this.notice = notice;
            this.channel = channel;
            this.bill = bill;
            this.customer = customer;
            this.branch = branch;
            this.commune = commune;
            this.kind = kind;
            this.period = period;
        }

        Object[] values() {
            Instant first = queuedAt != null ? queuedAt : seen;
            return new Object[]{notice, channel, order(channel), bill, customer, branch, commune, kind, period, status,
                    attempts, reason, timestamp(noticeQueuedAt), notice, timestamp(first), timestamp(first),
                    timestamp(sentAt), timestamp(deliveredAt), timestamp(failedAt), timestamp(queuedAt)};
        }
    }

    private record CounterKey(String branch, String period, String channel) {
    }

    private record CustomerKey(String branch, String period, String customer) {
    }

    private static final Comparator<CounterKey> COUNTER_ORDER = Comparator.comparing(CounterKey::branch)
            .thenComparing(CounterKey::period).thenComparing(CounterKey::channel);
    private static final Comparator<CustomerKey> CUSTOMER_ORDER = Comparator.comparing(CustomerKey::branch)
            .thenComparing(CustomerKey::period).thenComparing(CustomerKey::customer);

    /** What one processor batch changes. */
    private static final class Batch {
        final Map<String, Row> rows = new LinkedHashMap<>();
        final List<Object[]> undeliverable = new ArrayList<>();
        /** sent, delivered, failed, fallen back. */
        final Map<CounterKey, long[]> counters = new LinkedHashMap<>();
        /** reached, reached by ZALO or APP. */
        final Map<CustomerKey, boolean[]> customers = new LinkedHashMap<>();

        Row row(String notice, String channel, String bill, String customer, String branch, String commune,
                String kind, String period, Instant at) {
            return rows.computeIfAbsent(notice + "/" + channel,
                    k -> new Row(notice, channel, bill, customer, branch, commune, kind, period, at));
        }

        void count(String branch, String period, NotificationChannel channel, int which) {
            counters.computeIfAbsent(new CounterKey(branch, period, channel.name()), k -> new long[4])[which]++;
        }

        void customer(String branch, String period, String customer, boolean reached, boolean byZaloOrApp) {
            boolean[] flags = customers.computeIfAbsent(new CustomerKey(branch, period, customer),
                    k -> new boolean[2]);
            flags[0] |= reached;
            flags[1] |= byZaloOrApp;
        }

        void writeTo(JdbcTemplate jdbc) {
            if (!rows.isEmpty()) {
                // A row first met here (always, for a notice's first channel) takes the notice's queued time from
                // the notice's rows written before, in this batch or an earlier one.
                jdbc.batchUpdate("""
                        INSERT INTO rm_notice (notice, channel, seq, bill, customer, branch, commune, kind, period,
                                               status, attempts, reason, notice_queued_at, queued_at, sent_at,
                                               delivered_at, failed_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,
                                COALESCE(?::timestamptz,
                                         (SELECT MIN(n.notice_queued_at) FROM rm_notice n WHERE n.notice = ?),
                                         ?::timestamptz),
                                ?::timestamptz, ?, ?, ?)
                        ON CONFLICT (notice, channel) DO UPDATE SET
                            status = EXCLUDED.status,
                            attempts = GREATEST(rm_notice.attempts, EXCLUDED.attempts),
                            reason = COALESCE(EXCLUDED.reason, rm_notice.reason),
                            queued_at = COALESCE(?::timestamptz, rm_notice.queued_at),
                            sent_at = COALESCE(EXCLUDED.sent_at, rm_notice.sent_at),
                            delivered_at = COALESCE(EXCLUDED.delivered_at, rm_notice.delivered_at),
                            failed_at = COALESCE(EXCLUDED.failed_at, rm_notice.failed_at)""",
                        rows.values().stream().map(Row::values).toList());
            }
            if (!undeliverable.isEmpty()) {
                jdbc.batchUpdate("""
                        UPDATE rm_notice SET status = 'FAILED', reason = COALESCE(reason, ?),
                            failed_at = COALESCE(failed_at, ?)
                        WHERE notice = ? AND status IN ('QUEUED', 'SENT')""", undeliverable);
            }
            // in key order: segments adding to the same branch's months lock its rows in the same order
            List<Object[]> counterRows = new ArrayList<>(counters.size());
            counters.entrySet().stream().sorted(Map.Entry.comparingByKey(COUNTER_ORDER)).forEach(e -> {
                CounterKey k = e.getKey();
                long[] n = e.getValue();
                counterRows.add(new Object[]{k.branch(), k.period(), k.channel(), n[0], n[1], n[2], n[3]});
            });
            if (!counterRows.isEmpty()) {
                jdbc.batchUpdate("""
                        INSERT INTO rm_notice_channel_month (branch, period, channel, sent, delivered, failed,
                                                             fallen_back)
                        VALUES (?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT (branch, period, channel) DO UPDATE SET
                            sent = rm_notice_channel_month.sent + EXCLUDED.sent,
                            delivered = rm_notice_channel_month.delivered + EXCLUDED.delivered,
                            failed = rm_notice_channel_month.failed + EXCLUDED.failed,
                            fallen_back = rm_notice_channel_month.fallen_back + EXCLUDED.fallen_back""",
                        counterRows);
            }
            List<Object[]> customerRows = new ArrayList<>(customers.size());
            customers.entrySet().stream().sorted(Map.Entry.comparingByKey(CUSTOMER_ORDER)).forEach(e -> {
                CustomerKey k = e.getKey();
                customerRows.add(new Object[]{k.branch(), k.period(), k.customer(), e.getValue()[0],
                        e.getValue()[1]});
            });
            if (!customerRows.isEmpty()) {
                jdbc.batchUpdate("""
                        INSERT INTO rm_notice_customer_month (branch, period, customer, reached, reached_zalo_or_app)
                        VALUES (?, ?, ?, ?, ?)
                        ON CONFLICT (branch, period, customer) DO UPDATE SET
                            reached = rm_notice_customer_month.reached OR EXCLUDED.reached,
                            reached_zalo_or_app = rm_notice_customer_month.reached_zalo_or_app
                                OR EXCLUDED.reached_zalo_or_app""", customerRows);
            }
        }
    }
}
