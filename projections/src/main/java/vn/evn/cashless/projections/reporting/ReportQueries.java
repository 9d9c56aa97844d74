package vn.evn.cashless.projections.reporting;

import java.time.Clock;
import java.time.Instant;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import vn.evn.cashless.domain.figures.BranchCoverage;
import vn.evn.cashless.domain.figures.ChannelBreakdown;
import vn.evn.cashless.domain.figures.FigureSource;
import vn.evn.cashless.domain.figures.PlanProgress;
import vn.evn.cashless.domain.figures.Reports;
import vn.evn.cashless.domain.plan.ReportingPeriod;
import vn.evn.cashless.projections.figures.AsOfFigures;
import vn.evn.cashless.projections.figures.StoredFigures;

/**
 * Coverage, plan progress and channel breakdown. Now: from the figures read model. As of an instant: from the same
 * fold replayed in memory over the branch's events recorded up to then. Both are read by the domain's
 * {@link Reports}, so the two can only differ where the history differs.
 */
@Component
public class ReportQueries {

    private final JdbcTemplate jdbc;
    private final StoredFigures stored;
    private final AsOfFigures asOf;
    private final Clock clock;

    public ReportQueries(JdbcTemplate jdbc, StoredFigures stored, AsOfFigures asOf, Clock clock) {
        this.jdbc = jdbc;
        this.stored = stored;
        this.asOf = asOf;
        this.clock = clock;
    }

    @QueryHandler
    public BranchView handle(FindBranch query) {
        return jdbc.query("SELECT code, name, company FROM rm_branch WHERE code = ?",
                (rs, row) -> new BranchView(rs.getString(1), rs.getString(2), rs.getString(3)), query.branch())
                .stream().findFirst().orElse(null);
    }

    @QueryHandler
    public BranchCoverage handle(FindBranchCoverage query) {
        Instant now = now(query.asOf());
        return Reports.coverage(source(query.branch(), query.period(), query.asOf()), query.branch(), query.period(),
                now);
    }

    @QueryHandler
    public PlanProgress handle(FindPlanProgress query) {
        Instant now = now(query.asOf());
        return Reports.progress(source(query.branch(), query.period(), query.asOf()), query.branch(),
                query.period(), now).orElse(null);
    }

    @QueryHandler
    public ChannelBreakdown handle(FindChannelBreakdown query) {
        return Reports.channels(source(query.branch(), query.period(), query.asOf()), query.branch(),
                query.period());
    }

    private FigureSource source(String branch, ReportingPeriod period, Instant at) {
        return at == null ? stored : asOf.fold(branch, at, period.firstMonth(), period.endMonth());
    }

    private Instant now(Instant asOf) {
        return asOf == null ? clock.instant() : asOf;
    }
}
