package vn.evn.cashless.projections.figures;

import java.time.Instant;
import java.time.YearMonth;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import vn.evn.cashless.domain.figures.FigureFold;
import vn.evn.cashless.domain.figures.FoldedFigures;
import vn.evn.cashless.projections.support.Sql;

/**
 * The fold's state as the system knew it at an instant: one branch's events recorded up to then, read in global
 * order through a database cursor and folded in memory, keeping payment sums of the asked months only. Reads only
 * the event types the fold uses, through the index on (branch, global index).
 */
@Component
public class AsOfFigures {

    /** Rows fetched per round trip of the cursor. */
    private static final int FETCH_SIZE = 2_000;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate readOnly;
    private final Serializer serializer;

    public AsOfFigures(JdbcTemplate jdbc, TransactionTemplate transactions,
                       @Qualifier("eventSerializer") Serializer serializer) {
        this.jdbc = new JdbcTemplate(jdbc.getDataSource());
        this.jdbc.setFetchSize(FETCH_SIZE);
        this.readOnly = new TransactionTemplate(transactions.getTransactionManager());
        this.readOnly.setReadOnly(true);
        this.serializer = serializer;
    }

    /** The state of {@code branch} from the events recorded up to {@code at}, with sums of {@code [from, until)}. */
    public FoldedFigures fold(String branch, Instant at, YearMonth from, YearMonth until) {
        FoldedFigures figures = new FoldedFigures(from, until);
        String[] types = FigureFold.EVENT_TYPES.stream().map(Class::getName).toArray(String[]::new);
        // A cursor streams rows only inside a transaction; outside one the driver reads the whole result first.
        readOnly.executeWithoutResult(status -> jdbc.query("""
                        SELECT payload, payloadtype, payloadrevision FROM domainevententry
                        WHERE branch = ? AND recorded_at <= ? AND payloadtype = ANY (?)
                        ORDER BY globalindex""",
                rs -> {
                    SerializedObject<byte[]> serialized = new SimpleSerializedObject<>(rs.getBytes(1), byte[].class,
                            rs.getString(2), rs.getString(3));
                    figures.apply((Object) serializer.deserialize(serialized));
                }, branch, Sql.timestamp(at), types));
        return figures;
    }
}
