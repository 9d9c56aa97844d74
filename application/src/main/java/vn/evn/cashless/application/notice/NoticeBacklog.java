package vn.evn.cashless.application.notice;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** What is left to send, over every node: an operator's view of whether notices go out as fast as they come. */
@Component
public class NoticeBacklog {

    /**
     * @param gateway         the gateway in use ({@code off}: nothing is sent)
     * @param due             notices to send now (new ones, or the next channel or try)
     * @param later           notices waiting for a try after a temporary failure
     * @param awaitingReceipt messages a gateway took and has not yet said whether they arrived
     */
    public record Backlog(String gateway, long due, long later, long awaitingReceipt) {
    }

    private final JdbcTemplate jdbc;
    private final NoticeConfiguration.GatewayChoice gateway;

    public NoticeBacklog(JdbcTemplate jdbc, NoticeConfiguration.GatewayChoice gateway) {
        this.jdbc = jdbc;
        this.gateway = gateway;
    }

    public Backlog now() {
        return jdbc.queryForObject("""
                SELECT count(*) FILTER (WHERE stage IN ('NEW', 'SEND') AND not_before <= now()) AS due,
                       count(*) FILTER (WHERE stage IN ('NEW', 'SEND') AND not_before > now()) AS later,
                       count(*) FILTER (WHERE stage = 'AWAIT_RECEIPT') AS awaiting
                FROM notice_dispatch""", (row, i) -> new Backlog(gateway.name(), row.getLong("due"),
                row.getLong("later"), row.getLong("awaiting")));
    }
}
