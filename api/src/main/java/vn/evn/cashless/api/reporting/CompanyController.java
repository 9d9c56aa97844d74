package vn.evn.cashless.api.reporting;

import java.math.BigDecimal;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import vn.evn.cashless.api.security.Access;
import vn.evn.cashless.api.web.Inputs;
import vn.evn.cashless.api.web.Paging;
import vn.evn.cashless.api.web.Queries;
import vn.evn.cashless.domain.channel.ChannelKind;
import vn.evn.cashless.domain.figures.BranchCoverage;
import vn.evn.cashless.domain.figures.CompanyProgress;
import vn.evn.cashless.domain.figures.Figures;
import vn.evn.cashless.domain.figures.Indicator;
import vn.evn.cashless.domain.organisation.CompanyCode;
import vn.evn.cashless.domain.plan.ReportingPeriod;
import vn.evn.cashless.domain.shared.DomainException;
import vn.evn.cashless.domain.shared.ErrorCode;
import vn.evn.cashless.projections.reporting.FindCompanyProgress;
import vn.evn.cashless.projections.support.Page;
import vn.evn.cashless.projections.support.PageRequest;

/**
 * A company (Công ty Điện lực) over a period: each branch's progress and the company's total, summed over every
 * branch. The whole company's figures are for users who see the whole company: a user limited to some branches is
 * refused (403), as with the other company-wide endpoints, rather than shown a total of part of the company.
 */
@RestController
public class CompanyController {

    /** A plan for exactly the period: its revision and each target's actual and achievement. */
    public record PlanEntry(int revision, List<Indicator> indicators) {
    }

    public record BranchEntry(String branch, String name, List<ChannelKind> cashlessKinds,
                              ReportController.Totals totals, long coveredCommunes, long totalCommunes,
                              BigDecimal coverageRatio, PlanEntry plan) {

        static BranchEntry of(CompanyProgress.BranchProgress b) {
            BranchCoverage c = b.coverage();
            return new BranchEntry(b.branch(), b.name(), c.cashlessKinds(), ReportController.Totals.of(c.totals()),
                    c.coveredCommunes(), c.totalCommunes(), Figures.reported(c.coverageRatio()),
                    b.plan() == null ? null : new PlanEntry(b.plan().revision(), b.plan().indicators()));
        }
    }

    /**
     * {@code totals}, {@code coveredCommunes}, {@code totalCommunes} and {@code coverageRatio} cover every branch of
     * the company; {@code branches} is the page asked for (by branch code), {@code total} how many branches it has.
     */
    public record CompanyProgressResponse(String company, String name, String period,
                                          ReportController.Totals totals, long coveredCommunes, long totalCommunes,
                                          BigDecimal coverageRatio, List<BranchEntry> branches, int page, int size,
                                          long total) {
    }

    private final Queries queries;
    private final Access access;

    public CompanyController(Queries queries, Access access) {
        this.queries = queries;
        this.access = access;
    }

    @GetMapping("/api/companies/{company}/progress")
    public CompanyProgressResponse progress(@PathVariable String company, @RequestParam String period,
                                            @RequestParam(required = false) String page,
                                            @RequestParam(required = false) String size) {
        PageRequest request = Paging.of(page, size);
        ReportingPeriod reportingPeriod = Inputs.value("period", period, ReportingPeriod::parse);
        CompanyCode code = Inputs.value("company", company, CompanyCode::of);
        access.requireWholeCompany();
        CompanyProgress p = queries.one(new FindCompanyProgress(code.value(), reportingPeriod),
                CompanyProgress.class);
        if (p == null) {
            throw new DomainException(ErrorCode.COMPANY_NOT_FOUND, "company", "no branch has company code " + code);
        }
        Page<CompanyProgress.BranchProgress> branches = Page.of(p.branches(), request);
        return new CompanyProgressResponse(p.company(), p.name(), p.period(), ReportController.Totals.of(p.totals()),
                p.coveredCommunes(), p.totalCommunes(), Figures.reported(p.coverageRatio()),
                branches.items().stream().map(BranchEntry::of).toList(), request.page(), request.size(),
                branches.total());
    }
}
