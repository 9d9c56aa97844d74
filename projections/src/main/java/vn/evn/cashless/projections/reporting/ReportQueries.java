package vn.evn.cashless.projections.reporting;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;
import vn.evn.cashless.domain.figures.BranchCoverage;
import vn.evn.cashless.domain.figures.ChannelBreakdown;
import vn.evn.cashless.domain.figures.CompanyProgress;
import vn.evn.cashless.domain.figures.FigureSource;
import vn.evn.cashless.domain.figures.PlanProgress;
import vn.evn.cashless.domain.figures.Reports;
import vn.evn.cashless.domain.plan.ReportingPeriod;
import vn.evn.cashless.projections.figures.AsOfFigures;
import vn.evn.cashless.projections.figures.OneAnswerFigures;
import vn.evn.cashless.projections.figures.StoredFigures;
import vn.evn.cashless.projections.support.PageRequest;

/**
 * Coverage, plan progress and channel breakdown. Now: from the figures read model. As of an instant: from the same
 * fold replayed in memory over the branch's events recorded up to then. Both are read by the domain's
 * {@link Reports}, so the two can only differ where the history differs.
 */
@Component
public class ReportQueries {

    private static final String BRANCH_COLUMNS = "code, name, company, company_code";
    private static final RowMapper<BranchView> BRANCH_ROW = (rs, row) -> new BranchView(rs.getString(1),
            rs.getString(2), rs.getString(3), rs.getString(4));

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
        return jdbc.query("SELECT " + BRANCH_COLUMNS + " FROM rm_branch WHERE code = ?", BRANCH_ROW, query.branch())
                .stream().findFirst().orElse(null);
    }

    @QueryHandler
    public BranchPage handle(FindBranches query) {
        PageRequest page = query.page();
        if (query.onlyBranches() != null) {
            String[] only = query.onlyBranches().toArray(String[]::new);
            long total = jdbc.queryForObject("SELECT COUNT(*) FROM rm_branch WHERE code = ANY (?)", Long.class,
                    (Object) only);
            return new BranchPage(jdbc.query("SELECT " + BRANCH_COLUMNS + " FROM rm_branch WHERE code = ANY (?) "
                    + "ORDER BY code LIMIT ? OFFSET ?", BRANCH_ROW, only, page.size(), page.offset()), total);
        }
        long total = jdbc.queryForObject("SELECT COUNT(*) FROM rm_branch", Long.class);
        return new BranchPage(jdbc.query("SELECT " + BRANCH_COLUMNS + " FROM rm_branch ORDER BY code LIMIT ? OFFSET ?",
                BRANCH_ROW, page.size(), page.offset()), total);
    }

    @QueryHandler
    public CommunePage handle(FindCommunes query) {
        long total = jdbc.queryForObject("SELECT COUNT(*) FROM rm_commune WHERE branch = ?", Long.class,
                query.branch());
        return new CommunePage(jdbc.query("""
                        SELECT code, name, kind, since FROM rm_commune WHERE branch = ?
                        ORDER BY code LIMIT ? OFFSET ?""",
                (rs, row) -> new CommuneView(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getObject(4, LocalDate.class)), query.branch(), query.page().size(),
                query.page().offset()), total);
    }

    /** Every branch of the company, each one's figures, and the company's sums; null for an unknown company. */
    @QueryHandler
    public CompanyProgress handle(FindCompanyProgress query) {
        List<BranchView> branches = jdbc.query("SELECT " + BRANCH_COLUMNS + " FROM rm_branch WHERE company_code = ? "
                + "ORDER BY code", BRANCH_ROW, query.company());
        if (branches.isEmpty()) {
            return null;
        }
        Instant now = clock.instant();
        List<CompanyProgress.BranchProgress> progress = new ArrayList<>();
        for (BranchView branch : branches) {
            // coverage and progress read the same counts when the plan's kinds are those in force: read them once
            FigureSource figures = new OneAnswerFigures(stored);
            progress.add(new CompanyProgress.BranchProgress(branch.code(), branch.name(),
                    Reports.coverage(figures, branch.code(), query.period(), now),
                    Reports.progress(figures, branch.code(), query.period(), now).orElse(null)));
        }
        return CompanyProgress.of(query.company(), branches.get(0).company(), query.period().toString(), progress);
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
