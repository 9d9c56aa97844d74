package vn.evn.cashless.application.nodes;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The application processes on this database. Each one is named as Axon's token store names the owner of a claim
 * ({@code pid@host}), so that a segment's owner is a node's name; each says it is alive every
 * {@link #HEARTBEAT}, and one not seen for {@link #DEAD_AFTER} is taken for dead.
 */
@Component
public class Nodes {

    public static final Duration HEARTBEAT = Duration.ofSeconds(3);
    public static final Duration DEAD_AFTER = Duration.ofSeconds(10);

    /** A node as last seen. */
    public record Node(String name, Instant startedAt, Instant seenAt, boolean alive) {
    }

    private final JdbcTemplate jdbc;
    private final String self = ManagementFactory.getRuntimeMXBean().getName();
    private final Instant startedAt = Instant.now();

    public Nodes(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** This process's name: the owner it writes on the segments it claims. */
    public String self() {
        return self;
    }

    /**
     * Says this node is alive and which read models it runs, and forgets nodes dead for a day. A restarted process
     * that got the same name (a container's pid 1) starts afresh: what its earlier life asked for is void.
     */
    public void heartbeat(Collection<String> runningGroups) {
        jdbc.update("""
                INSERT INTO ledger_node (node, started_at, seen_at, groups) VALUES (?, ?, now(), ?)
                ON CONFLICT (node) DO UPDATE SET seen_at = now(), started_at = EXCLUDED.started_at,
                    groups = EXCLUDED.groups""", self, java.sql.Timestamp.from(startedAt),
                runningGroups.toArray(String[]::new));
        jdbc.update("DELETE FROM ledger_node WHERE seen_at < now() - interval '1 day'");
    }

    /** How many living nodes run {@code group}'s processor, this one included. */
    public int running(String group) {
        Integer count = jdbc.queryForObject("""
                SELECT count(*) FROM ledger_node
                WHERE (seen_at > now() - make_interval(secs => ?) AND ? = ANY (groups)) OR node = ?""",
                Integer.class, (double) DEAD_AFTER.toSeconds(), group, self);
        return count == null || count < 1 ? 1 : count;
    }

    /** How many nodes are alive, this one included. */
    public int living() {
        Integer count = jdbc.queryForObject("""
                SELECT count(*) FROM ledger_node WHERE seen_at > now() - make_interval(secs => ?) AND node <> ?""",
                Integer.class, (double) DEAD_AFTER.toSeconds(), self);
        return 1 + (count == null ? 0 : count);
    }

    /** Every node seen in the last day, the living first. */
    public List<Node> all() {
        return jdbc.query("""
                SELECT node, started_at, seen_at, seen_at > now() - make_interval(secs => ?) AS alive
                FROM ledger_node ORDER BY alive DESC, node""", (rs, i) -> new Node(rs.getString("node"),
                rs.getTimestamp("started_at").toInstant(), rs.getTimestamp("seen_at").toInstant(),
                rs.getBoolean("alive")), (double) DEAD_AFTER.toSeconds());
    }
}
