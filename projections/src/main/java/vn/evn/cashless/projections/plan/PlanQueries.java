package vn.evn.cashless.projections.plan;

import static vn.evn.cashless.projections.support.Sql.instant;

import java.util.Arrays;
import java.util.List;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;
import vn.evn.cashless.projections.support.Page;

/** A plan and its revisions, by branch and period (the revisions' primary key). */
@Component
public class PlanQueries {

    private static final String COLUMNS = "revision, cashless_amount_ratio, cashless_payment_ratio, "
            + "zalo_registrations, commune_coverage, cashless_kinds, assigned_by, correlation_id, recorded_at";
    private static final RowMapper<PlanView.Revision> ROW = (rs, row) -> new PlanView.Revision(rs.getInt(1),
            rs.getBigDecimal(2), rs.getBigDecimal(3), rs.getObject(4, Long.class), rs.getBigDecimal(5),
            Arrays.asList(rs.getString(6).split(",")), rs.getString(7), rs.getString(8), instant(rs, "recorded_at"));

    private final JdbcTemplate jdbc;

    public PlanQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @QueryHandler
    public PlanView handle(FindPlan query) {
        List<PlanView.Revision> current = jdbc.query("SELECT " + COLUMNS + " FROM rm_plan_revision "
                + "WHERE branch = ? AND period = ? ORDER BY revision DESC LIMIT 1", ROW, query.branch(), query.period());
        if (current.isEmpty()) {
            return null;
        }
        long total = jdbc.queryForObject("SELECT COUNT(*) FROM rm_plan_revision WHERE branch = ? AND period = ?",
                Long.class, query.branch(), query.period());
        List<PlanView.Revision> revisions = jdbc.query("SELECT " + COLUMNS + " FROM rm_plan_revision "
                        + "WHERE branch = ? AND period = ? ORDER BY revision LIMIT ? OFFSET ?", ROW, query.branch(),
                query.period(), query.page().size(), query.page().offset());
        return new PlanView(query.branch(), query.period(), current.get(0), new Page<>(revisions, total));
    }
}
