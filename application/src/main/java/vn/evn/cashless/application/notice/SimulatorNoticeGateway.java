package vn.evn.cashless.application.notice;

import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import vn.evn.cashless.domain.channel.NotificationChannel;

/**
 * A gateway that sends nothing and delivers everything, except where a real one would fail, going by the phone
 * number: one ending in {@code 98} is not a Zalo user (Zalo fails for good), one ending in {@code 99} is unreachable
 * on every channel, and one ending in {@code 97} finds the Zalo gateway busy (a temporary failure, every time).
 * It keeps what it was asked to send in the database, once per idempotency key with a count of the requests, so every
 * node sees one list and a test can tell a message sent once from one asked for twice.
 */
public class SimulatorNoticeGateway implements NoticeGateway {

    /** A message the simulator was asked to send, with its answer and how many times it was asked. */
    public record Message(long seq, String notice, NotificationChannel channel, String to, String customer,
                          String text, String answer, String reason, int requests, String node,
                          Instant firstAt) {
    }

    private final JdbcTemplate jdbc;
    private final String node;

    /** {@code node}: this process, noted beside each message it asked for first. */
    public SimulatorNoticeGateway(JdbcTemplate jdbc, String node) {
        this.jdbc = jdbc;
        this.node = node;
    }

    @Override
    public boolean sends(NotificationChannel channel) {
        return channel == NotificationChannel.ZALO || channel == NotificationChannel.APP
                || channel == NotificationChannel.SMS;
    }

    @Override
    public GatewayAnswer send(GatewayMessage message) {
        GatewayAnswer answer = answer(message);
        jdbc.update("""
                INSERT INTO notice_simulator_message
                    (idempotency_key, notice, channel, recipient, customer, text, answer, reason, node)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (idempotency_key) DO UPDATE SET requests = notice_simulator_message.requests + 1,
                    last_at = now(), answer = EXCLUDED.answer, reason = EXCLUDED.reason""",
                message.idempotencyKey(), message.notice(), message.channel().name(), message.to(),
                message.customer(), message.text(), answer.result().name(), answer.reason(), node);
        return answer;
    }

    static GatewayAnswer answer(GatewayMessage message) {
        String phone = message.phone() == null ? "" : message.phone();
        if (phone.endsWith("99")) {
            return GatewayAnswer.permanentFailure("unreachable: " + phone + " does not answer");
        }
        if (message.channel() == NotificationChannel.ZALO && phone.endsWith("98")) {
            return GatewayAnswer.permanentFailure("not a Zalo user: " + phone);
        }
        if (message.channel() == NotificationChannel.ZALO && phone.endsWith("97")) {
            return GatewayAnswer.temporaryFailure("Zalo gateway busy, try again later");
        }
        return GatewayAnswer.delivered();
    }

    /** What it was asked to send, in the order first asked, optionally for one customer. */
    public List<Message> messages(String customer, long offset, int limit) {
        return jdbc.query("""
                SELECT seq, notice, channel, recipient, customer, text, answer, reason, requests, node, first_at
                FROM notice_simulator_message WHERE (?::text IS NULL OR customer = ?)
                ORDER BY seq OFFSET ? LIMIT ?""", (row, i) -> new Message(row.getLong("seq"),
                row.getString("notice"), NotificationChannel.valueOf(row.getString("channel")),
                row.getString("recipient"), row.getString("customer"), row.getString("text"),
                row.getString("answer"), row.getString("reason"), row.getInt("requests"), row.getString("node"),
                row.getTimestamp("first_at").toInstant()), customer, customer, offset, limit);
    }

    public long count(String customer) {
        Long count = jdbc.queryForObject("""
                SELECT count(*) FROM notice_simulator_message WHERE (?::text IS NULL OR customer = ?)""",
                Long.class, customer, customer);
        return count == null ? 0 : count;
    }
}
