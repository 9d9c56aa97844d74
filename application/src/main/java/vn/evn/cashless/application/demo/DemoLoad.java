package vn.evn.cashless.application.demo;

import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Where the demo data load stands, as recorded with each batch it commits. */
@Component
public class DemoLoad {

    /** A load's progress: the batches committed, and, once finished, how long it took. */
    public record Progress(String name, int batchesDone, boolean finished, Long millis, Long commands) {

        public Double commandsPerSecond() {
            return millis == null || commands == null || millis == 0 ? null : commands * 1000.0 / millis;
        }
    }

    private final JdbcTemplate jdbc;

    public DemoLoad(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Progress> progress(String name) {
        return jdbc.query("SELECT name, batches_done, finished, millis, commands FROM demo_load WHERE name = ?",
                (rs, row) -> new Progress(rs.getString(1), rs.getInt(2), rs.getBoolean(3),
                        rs.getObject(4, Long.class), rs.getObject(5, Long.class)), name).stream().findFirst();
    }

    void recordBatch(String name, int batchesDone) {
        jdbc.update("""
                INSERT INTO demo_load (name, batches_done, finished) VALUES (?, ?, FALSE)
                ON CONFLICT (name) DO UPDATE SET batches_done = EXCLUDED.batches_done""", name, batchesDone);
    }

    void recordFinished(String name, long millis, long commands) {
        jdbc.update("UPDATE demo_load SET finished = TRUE, millis = ?, commands = ? WHERE name = ?", millis, commands,
                name);
    }
}
