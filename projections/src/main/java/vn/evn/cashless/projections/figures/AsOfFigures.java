package vn.evn.cashless.projections.figures;

import java.time.Instant;
import java.time.YearMonth;
import java.util.Set;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import vn.evn.cashless.domain.figures.FigureFold;
import vn.evn.cashless.domain.figures.FoldedFigures;
import vn.evn.cashless.projections.support.Sql;

/**
 * The fold's state as the system knew it at an instant: one branch's events recorded up to then, folded in memory.
 * It reads, through indexes, only what the figures of the asked months depend on: the branch's customers,
 * registrations, communes and plans in history order, and its payments and reversals counted in those months
 * (their sums add up in any order). So its cost follows the branch and the period, not the length of the history.
 */
@Component
public class AsOfFigures {

    /** Rows fetched per round trip of the cursor. */
    private static final int FETCH_SIZE = 2_000;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate snapshot;
    private final Serializer serializer;

    public AsOfFigures(JdbcTemplate jdbc, PlatformTransactionManager transactionManager,
                       @Qualifier("eventSerializer") Serializer serializer) {
        this.jdbc = new JdbcTemplate(jdbc.getDataSource());
        this.jdbc.setFetchSize(FETCH_SIZE);
        this.snapshot = new TransactionTemplate(transactionManager);
        this.snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        this.snapshot.setReadOnly(true);
        this.serializer = serializer;
    }

    /** The state of {@code branch} from the events recorded up to {@code at}, with sums of {@code [from, until)}. */
    public FoldedFigures fold(String branch, Instant at, YearMonth from, YearMonth until) {
        FoldedFigures figures = new FoldedFigures(from, until);
        RowCallbackHandler fold = rs -> figures.apply((Object) serializer.deserialize(
                new SimpleSerializedObject<>(rs.getBytes(1), byte[].class, rs.getString(2), rs.getString(3))));
        // one snapshot for both reads; a cursor streams rows only inside a transaction
        snapshot.executeWithoutResult(status -> {
            jdbc.query("""
                            SELECT payload, payloadtype, payloadrevision FROM domainevententry
                            WHERE branch = ? AND payloadtype = ANY (?) AND recorded_at <= ?
                            ORDER BY globalindex""", fold, branch, typeNames(FigureFold.STATE_TYPES),
                    Sql.timestamp(at));
            jdbc.query("""
                            SELECT payload, payloadtype, payloadrevision FROM domainevententry
                            WHERE branch = ? AND paid_month >= ? AND paid_month < ? AND paid_month IS NOT NULL
                              AND payloadtype = ANY (?) AND recorded_at <= ?""", fold, branch, from.atDay(1),
                    until.atDay(1), typeNames(FigureFold.PAYMENT_TYPES), Sql.timestamp(at));
        });
        return figures;
    }

    private static String[] typeNames(Set<Class<?>> types) {
        return types.stream().map(Class::getName).toArray(String[]::new);
    }
}
