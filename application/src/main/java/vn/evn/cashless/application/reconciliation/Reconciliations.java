package vn.evn.cashless.application.reconciliation;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import vn.evn.cashless.application.admin.Jobs;

/**
 * Đối soát: the reconciliation files imported, and the report of each, line by line, in {@code reconciliation} and
 * {@code reconciliation_line}. State and progress are the import's job in {@code admin_job}, under the same id.
 */
@Component
public class Reconciliations {

    public static final String JOB_KIND = "reconciliation";

    /** An import whose heartbeat is older than this was interrupted by a stop of its node. */
    static final Duration STALE = Duration.ofMinutes(1);

    /** An imported file: who sent it, which content, and its job. */
    public record Reconciliation(UUID id, String sha256, String actor, String provider, long bytes,
                                 Instant startedAt, Jobs.Job job) {
    }

    /** Lines and amount of one outcome. */
    public record Total(long lines, long amount) {
    }

    private final JdbcTemplate jdbc;
    private final Jobs jobs;
    private final Clock clock;

    public Reconciliations(JdbcTemplate jdbc, Jobs jobs, Clock clock) {
        this.jdbc = jdbc;
        this.jobs = jobs;
        this.clock = clock;
    }

    /** Records a new import and its job, running; its id is the job's. */
    UUID begin(String sha256, String actor, String provider, long bytes, long lines) {
        UUID id = jobs.start(JOB_KIND, clip(actor, 64), lines);
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.update("INSERT INTO reconciliation (id, content_sha256, actor, provider, bytes, started_at, heartbeat_at) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?)", id, sha256, actor, provider, bytes, now, now);
        return id;
    }

    /**
     * The import of the same content by the same user that this one repeats: the newest one not failed. A failed
     * (or interrupted) import is no answer to a repeat: the file is imported again, and what the failed one recorded
     * comes back as duplicates.
     */
    public Optional<UUID> earlier(String sha256, String actor) {
        failInterrupted();
        return jdbc.queryForList("""
                SELECT r.id FROM reconciliation r JOIN admin_job j ON j.id = r.id
                WHERE r.content_sha256 = ? AND r.actor = ? AND j.state <> 'FAILED'
                ORDER BY r.started_at DESC LIMIT 1""", UUID.class, sha256, actor).stream().findFirst();
    }

    public Optional<Reconciliation> find(UUID id) {
        failInterrupted();
        return jdbc.query("SELECT * FROM reconciliation WHERE id = ?", (rs, row) -> new Reconciliation(
                rs.getObject("id", UUID.class), rs.getString("content_sha256"), rs.getString("actor"),
                rs.getString("provider"), rs.getLong("bytes"), rs.getTimestamp("started_at").toInstant(),
                jobs.find(id).orElseThrow()), id).stream().findFirst();
    }

    /** Lines and amount per outcome, every outcome present. */
    public Map<Outcome, Total> totals(UUID id) {
        Map<Outcome, Total> totals = new EnumMap<>(Outcome.class);
        for (Outcome outcome : Outcome.values()) {
            totals.put(outcome, new Total(0, 0));
        }
        jdbc.query("SELECT outcome, count(*), coalesce(sum(amount), 0) FROM reconciliation_line "
                        + "WHERE reconciliation_id = ? GROUP BY outcome",
                rs -> {
                    totals.put(Outcome.valueOf(rs.getString(1)), new Total(rs.getLong(2), rs.getLong(3)));
                }, id);
        return totals;
    }

    /** A page of the report, in line order. */
    public List<LineResult> lines(UUID id, long offset, int limit) {
        return jdbc.query("SELECT * FROM reconciliation_line WHERE reconciliation_id = ? ORDER BY line "
                + "OFFSET ? LIMIT ?", (rs, row) -> new LineResult(rs.getInt("line"),
                Outcome.valueOf(rs.getString("outcome")),
                rs.getObject("payment_id") == null ? null : rs.getObject("payment_id").toString(),
                rs.getString("external_ref"), rs.getObject("amount", Long.class), rs.getString("code"),
                rs.getString("field"), rs.getString("reason")), id, offset, limit);
    }

    /**
     * Adds a batch's lines to the report; in the transaction of the batch's payments. One statement for the whole
     * batch (its columns as arrays), which PostgreSQL parses, plans and executes once rather than once per line.
     */
    void append(UUID id, List<LineResult> results) {
        if (results.isEmpty()) {
            return;
        }
        int size = results.size();
        String[] lines = new String[size];
        String[] outcomes = new String[size];
        String[] payments = new String[size];
        String[] externalRefs = new String[size];
        String[] amounts = new String[size];
        String[] codes = new String[size];
        String[] fields = new String[size];
        String[] reasons = new String[size];
        for (int i = 0; i < size; i++) {
            LineResult r = results.get(i);
            lines[i] = Integer.toString(r.line());
            outcomes[i] = r.outcome().name();
            payments[i] = r.payment();
            externalRefs[i] = clip(withoutNul(r.externalRef()), 128);
            amounts[i] = r.amount() == null ? null : r.amount().toString();
            codes[i] = r.code();
            fields[i] = r.field();
            reasons[i] = withoutNul(r.reason());
        }
        jdbc.update("INSERT INTO reconciliation_line (reconciliation_id, line, outcome, payment_id, external_ref, "
                + "amount, code, field, reason) SELECT ?::uuid, * FROM unnest(?::integer[], ?::varchar[], ?::uuid[], "
                + "?::varchar[], ?::bigint[], ?::varchar[], ?::varchar[], ?::text[])", id, lines, outcomes, payments,
                externalRefs, amounts, codes, fields, reasons);
    }

    /**
     * Moves the import's heartbeat on, in the transaction of a batch; false if the import no longer runs (it was
     * taken for interrupted), and the batch must not be committed.
     */
    boolean beat(UUID id) {
        return jdbc.update("UPDATE reconciliation SET heartbeat_at = ? WHERE id = ? AND EXISTS "
                + "(SELECT 1 FROM admin_job WHERE id = ? AND state = 'RUNNING')",
                Timestamp.from(clock.instant()), id, id) == 1;
    }

    /** Imports left running by a node that stopped: failed, so that nobody waits for them forever. */
    int failInterrupted() {
        return jdbc.update("""
                UPDATE admin_job SET state = 'FAILED', finished_at = ?, error = ?
                WHERE kind = ? AND state = 'RUNNING'
                  AND id IN (SELECT id FROM reconciliation WHERE heartbeat_at < ?)""",
                Timestamp.from(clock.instant()), "interrupted: the application stopped during the import; send the "
                        + "file again, the lines it recorded come back as duplicates",
                JOB_KIND, Timestamp.from(clock.instant().minus(STALE)));
    }

    private static String clip(String text, int length) {
        if (text == null || text.length() <= length) {
            return text;
        }
        // never half of a character outside the Basic Multilingual Plane
        return text.substring(0, Character.isHighSurrogate(text.charAt(length - 1)) ? length - 1 : length);
    }

    /** PostgreSQL's text holds any character but NUL; a refused line's value may carry one. */
    private static String withoutNul(String text) {
        return text == null ? null : text.replace("\0", "");
    }
}
