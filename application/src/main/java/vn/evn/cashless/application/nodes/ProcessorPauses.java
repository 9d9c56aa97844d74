package vn.evn.cashless.application.nodes;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Stops a read model's processor on every node for a moment: a rebuild replaces the read model's rows and moves its
 * tokens, which no node may be writing meanwhile. Every node looks at the pauses every {@link Nodes#HEARTBEAT},
 * stops the processors paused and starts them again when the pause is lifted. A pause asked for by a node that
 * has died, or has started again since, is void, so a crash mid-rebuild cannot stop a read model for good.
 */
@Component
public class ProcessorPauses {

    private final JdbcTemplate jdbc;
    private final Nodes nodes;

    public ProcessorPauses(JdbcTemplate jdbc, Nodes nodes) {
        this.jdbc = jdbc;
        this.nodes = nodes;
    }

    public void pause(String group) {
        jdbc.update("""
                INSERT INTO processor_pause (processing_group, node, since) VALUES (?, ?, now())
                ON CONFLICT (processing_group) DO UPDATE SET node = EXCLUDED.node, since = EXCLUDED.since""",
                group, nodes.self());
    }

    public void resume(String group) {
        jdbc.update("DELETE FROM processor_pause WHERE processing_group = ?", group);
    }

    /** The groups paused by living nodes, in their present life. */
    public Set<String> paused() {
        return new HashSet<>(jdbc.queryForList("""
                SELECT p.processing_group FROM processor_pause p JOIN ledger_node n ON n.node = p.node
                WHERE n.seen_at > now() - make_interval(secs => ?) AND p.since >= n.started_at""", String.class,
                (double) Nodes.DEAD_AFTER.toSeconds()));
    }

    /**
     * Waits until no living node holds a segment of {@code group}. A dead node's claims do not count: nobody
     * writes under them any more. A node counted dead that was only slow is not stopped by this, but it can no
     * longer write: the switch-over clears the segments' owners, and the token store refuses to store a token or
     * extend a claim without the node's own claim ({@code OwnClaimsTokenStore}), so that node's batch rolls back and
     * it gives the segment up.
     */
    public void awaitReleased(String group, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Integer held = jdbc.queryForObject("""
                    SELECT count(*) FROM tokenentry t JOIN ledger_node n ON n.node = t.owner
                    WHERE t.processorname = ? AND n.seen_at > now() - make_interval(secs => ?)""", Integer.class,
                    group, (double) Nodes.DEAD_AFTER.toSeconds());
            if (held == null || held == 0) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(held + " segments of " + group + " are still held by other nodes "
                        + "after " + timeout.toSeconds() + " s");
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + group + " to stop", e);
            }
        }
    }
}
