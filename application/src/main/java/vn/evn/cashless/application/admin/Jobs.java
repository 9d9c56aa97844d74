package vn.evn.cashless.application.admin;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Administrative jobs and their progress, kept in {@code admin_job}. */
@Component
public class Jobs {

    public enum State { RUNNING, SUCCEEDED, FAILED }

    /**
     * A job as a client follows it. A rebuild counts events in {@code processed} and gives, in {@code position}, the
     * global position of the last one it applied; its {@code total} is the head's position while it runs. Its share
     * done is then {@code position} over {@code total}: the count of events stays below the head's position when
     * appends that rolled back left positions without an event. A job that counts lines has no position.
     */
    public record Job(UUID id, String kind, String target, State state, long processed, long total, Long position,
                      Instant startedAt, Instant finishedAt, String error) {

        public Double percent() {
            return total == 0 ? (state == State.SUCCEEDED ? 100.0 : 0.0) : Math.min(100.0, done() * 100.0 / total);
        }

        public Double eventsPerSecond(Instant now) {
            double seconds = seconds(now);
            return seconds <= 0 ? null : processed / seconds;
        }

        public Long secondsLeft(Instant now) {
            if (state != State.RUNNING) {
                return 0L;
            }
            double seconds = seconds(now);
            if (seconds <= 0 || done() <= 0) {
                return null;
            }
            return (long) Math.ceil(Math.max(0, total - done()) * seconds / done());
        }

        /** How far along {@code total} the job is: its position if it has one, else what it has processed. */
        private long done() {
            return position == null ? processed : position;
        }

        private double seconds(Instant now) {
            return Duration.between(startedAt, finishedAt == null ? now : finishedAt).toMillis() / 1000.0;
        }
    }

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public Jobs(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public UUID start(String kind, String target, long total) {
        UUID id = UUID.randomUUID();
        jdbc.update("INSERT INTO admin_job (id, kind, target, state, total, started_at) VALUES (?, ?, ?, ?, ?, ?)",
                id, kind, target, State.RUNNING.name(), total, Timestamp.from(clock.instant()));
        return id;
    }

    /** Starts counting again from zero, as a job taken up after a restart does. */
    public void restart(UUID id, long total) {
        jdbc.update("UPDATE admin_job SET processed = 0, total = ?, position = NULL, started_at = ? WHERE id = ?",
                total, Timestamp.from(clock.instant()), id);
    }

    /** A job that counts lines: {@code processed} of {@code total}. */
    public void progress(UUID id, long processed, long total) {
        jdbc.update("UPDATE admin_job SET processed = ?, total = GREATEST(total, ?) WHERE id = ?", processed, total,
                id);
    }

    /**
     * A rebuild: {@code processed} events applied, the last of them at {@code position}, of a history whose head is
     * at {@code head}.
     */
    public void progress(UUID id, long processed, long position, long head) {
        jdbc.update("UPDATE admin_job SET processed = ?, position = ?, total = GREATEST(total, ?) WHERE id = ?",
                processed, position, head, id);
    }

    /**
     * Marks the job done; called inside the transaction that makes its work visible. While it runs its total is the
     * head's position, an estimate (positions rolled back leave gaps); once done it is what was processed.
     */
    public void succeeded(UUID id, long processed) {
        jdbc.update("UPDATE admin_job SET state = ?, processed = ?, total = ?, finished_at = ? "
                + "WHERE id = ?", State.SUCCEEDED.name(), processed, processed, Timestamp.from(clock.instant()), id);
    }

    public void failed(UUID id, String error) {
        jdbc.update("UPDATE admin_job SET state = ?, error = ?, finished_at = ? WHERE id = ?", State.FAILED.name(),
                error, Timestamp.from(clock.instant()), id);
    }

    public Optional<Job> find(UUID id) {
        return jdbc.query("SELECT * FROM admin_job WHERE id = ?", (rs, row) -> new Job(
                rs.getObject("id", UUID.class), rs.getString("kind"), rs.getString("target"),
                State.valueOf(rs.getString("state")), rs.getLong("processed"), rs.getLong("total"),
                rs.getObject("position", Long.class), rs.getTimestamp("started_at").toInstant(),
                rs.getTimestamp("finished_at") == null ? null : rs.getTimestamp("finished_at").toInstant(),
                rs.getString("error")), id).stream().findFirst();
    }

    /** Jobs of {@code kind} left running, by a process that stopped before they finished. */
    public List<Job> running(String kind) {
        return jdbc.queryForList("SELECT id FROM admin_job WHERE state = 'RUNNING' AND kind = ? ORDER BY started_at",
                UUID.class, kind).stream().map(this::find).flatMap(Optional::stream).toList();
    }

    public Instant now() {
        return clock.instant();
    }
}
