package vn.evn.cashless.projections.notice;

import static vn.evn.cashless.projections.support.Sql.instant;

import java.util.Comparator;
import java.util.List;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

/** A customer's notices, and a branch's notices over a period: each one index range of the notices read model. */
@Component
public class NoticeQueries {

    private static final RowMapper<NoticeView> ROW = (rs, row) -> new NoticeView(rs.getString("notice"),
            rs.getString("bill"), rs.getString("kind"), channel(rs.getString("channel")), rs.getString("status"),
            rs.getInt("attempts"), rs.getString("reason"), instant(rs, "queued_at"), instant(rs, "sent_at"),
            instant(rs, "delivered_at"), instant(rs, "failed_at"));

    private final JdbcTemplate jdbc;

    public NoticeQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @QueryHandler
    public NoticePage handle(FindCustomerNotices query) {
        long total = jdbc.queryForObject("SELECT COUNT(*) FROM rm_notice WHERE customer = ?", Long.class,
                query.customer());
        return new NoticePage(jdbc.query("""
                        SELECT notice, bill, kind, channel, status, attempts, reason, queued_at, sent_at,
                               delivered_at, failed_at
                        FROM rm_notice WHERE customer = ?
                        ORDER BY notice_queued_at DESC, notice DESC, seq LIMIT ? OFFSET ?""", ROW, query.customer(),
                query.page().size(), query.page().offset()), total);
    }

    /** Bill months from the period's first to its last: 'YYYY-MM' strings order as the months do. */
    @QueryHandler
    public BranchNotices handle(FindBranchNotices query) {
        String from = query.period().firstMonth().toString();
        String to = query.period().endMonth().toString();
        List<BranchNotices.ChannelCounts> channels = jdbc.query("""
                        SELECT channel, SUM(sent) AS sent, SUM(delivered) AS delivered, SUM(failed) AS failed,
                               SUM(fallen_back) AS fallen_back
                        FROM rm_notice_channel_month WHERE branch = ? AND period >= ? AND period < ?
                        GROUP BY channel""",
                (rs, row) -> new BranchNotices.ChannelCounts(rs.getString("channel"), rs.getLong("sent"),
                        rs.getLong("delivered"), rs.getLong("failed"), rs.getLong("fallen_back")),
                query.branch(), from, to);
        List<BranchNotices.ChannelCounts> ordered = channels.stream()
                .sorted(Comparator.comparingInt(c -> NoticeProjection.order(c.channel()))).toList();
        return jdbc.queryForObject("""
                        SELECT COUNT(DISTINCT customer) AS notified,
                               COUNT(DISTINCT customer) FILTER (WHERE reached) AS reached,
                               COUNT(DISTINCT customer) FILTER (WHERE reached_zalo_or_app) AS zalo_or_app
                        FROM rm_notice_customer_month WHERE branch = ? AND period >= ? AND period < ?""",
                (rs, row) -> new BranchNotices(query.branch(), query.period().toString(), ordered,
                        rs.getLong("notified"), rs.getLong("reached"), rs.getLong("zalo_or_app")),
                query.branch(), from, to);
    }

    private static String channel(String stored) {
        return NoticeProjection.NO_CHANNEL.equals(stored) ? null : stored;
    }
}
