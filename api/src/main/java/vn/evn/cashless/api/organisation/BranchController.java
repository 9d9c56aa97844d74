package vn.evn.cashless.api.organisation;

import vn.evn.cashless.api.security.Access;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import vn.evn.cashless.api.security.LedgerUser;
import vn.evn.cashless.api.web.Inputs;
import vn.evn.cashless.api.web.Paging;
import vn.evn.cashless.api.web.Queries;
import vn.evn.cashless.api.web.RequestContexts;
import vn.evn.cashless.application.organisation.OrganisationService;
import vn.evn.cashless.domain.organisation.AddCommune;
import vn.evn.cashless.domain.organisation.BranchCode;
import vn.evn.cashless.domain.organisation.CommuneCode;
import vn.evn.cashless.domain.organisation.CompanyCode;
import vn.evn.cashless.domain.organisation.CreateBranch;
import vn.evn.cashless.domain.organisation.UnitKind;
import vn.evn.cashless.domain.shared.DomainException;
import vn.evn.cashless.domain.shared.ErrorCode;
import vn.evn.cashless.projections.reporting.BranchView;
import vn.evn.cashless.projections.reporting.BranchPage;
import vn.evn.cashless.projections.reporting.CommunePage;
import vn.evn.cashless.projections.reporting.FindBranch;
import vn.evn.cashless.projections.reporting.FindBranches;
import vn.evn.cashless.projections.reporting.FindCommunes;
import vn.evn.cashless.projections.support.PageRequest;

@RestController
@RequestMapping("/api/branches")
public class BranchController {

    public record NewBranch(String code, String name, String company, String companyCode) {
    }

    public record BranchList(List<BranchView> branches, int page, int size, long total) {
    }

    public record CommuneEntry(String code, String name, String kind, String since) {
    }

    public record CommuneList(String branch, List<CommuneEntry> communes, int page, int size, long total) {
    }

    public record NewCommune(String code, String name, String kind, String since) {
    }

    public record CommuneResponse(String branch, String code, String name, UnitKind kind, String since) {
    }

    private final OrganisationService organisation;
    private final Queries queries;
    private final Access access;

    public BranchController(OrganisationService organisation, Queries queries, Access access) {
        this.organisation = organisation;
        this.queries = queries;
        this.access = access;
    }

    @PostMapping
    public ResponseEntity<BranchView> create(@RequestBody NewBranch body, HttpServletRequest request) {
        CreateBranch command = new CreateBranch(Inputs.value("code", body.code(), BranchCode::of), body.name(),
                body.company(), Inputs.optionalValue("companyCode", body.companyCode(), CompanyCode::of));
        access.requireBranch(command.branch().value());
        organisation.createBranch(command, RequestContexts.of(request));
        return ResponseEntity.created(URI.create("/api/branches/" + command.branch()))
                .body(new BranchView(command.branch().value(), command.name(), command.company(),
                        command.companyCode() == null ? null : command.companyCode().value()));
    }

    @PostMapping("/{branch}/communes")
    public ResponseEntity<CommuneResponse> addCommune(@PathVariable String branch, @RequestBody NewCommune body,
                                                      HttpServletRequest request) {
        AddCommune command = new AddCommune(Inputs.value("branch", branch, BranchCode::of),
                Inputs.value("code", body.code(), CommuneCode::of), body.name(),
                Inputs.enumValue("kind", body.kind(), UnitKind.class),
                body.since() == null ? null : Inputs.date("since", body.since()));
        access.requireBranch(command.branch().value());
        organisation.addCommune(command, RequestContexts.of(request));
        return ResponseEntity.status(HttpStatus.CREATED).body(new CommuneResponse(command.branch().value(),
                command.commune().value(), command.name(), command.kind(),
                command.since() == null ? null : command.since().toString()));
    }

    @GetMapping("/{branch}")
    public BranchView get(@PathVariable String branch) {
        return find(branch);
    }

    /** Every branch by code; a user limited to some branches sees those only. */
    @GetMapping
    public BranchList list(@RequestParam(required = false) String page, @RequestParam(required = false) String size) {
        PageRequest request = Paging.of(page, size);
        LedgerUser user = access.user();
        BranchPage branches = queries.one(new FindBranches(user.limitedToBranches() ? user.branches() : null,
                request), BranchPage.class);
        return new BranchList(branches.items(), request.page(), request.size(), branches.total());
    }

    @GetMapping("/{branch}/communes")
    public CommuneList communes(@PathVariable String branch, @RequestParam(required = false) String page,
                                @RequestParam(required = false) String size) {
        PageRequest request = Paging.of(page, size);
        BranchView view = find(branch);
        CommunePage communes = queries.one(new FindCommunes(view.code(), request), CommunePage.class);
        return new CommuneList(view.code(), communes.items().stream().map(c -> new CommuneEntry(c.code(), c.name(),
                c.kind(), c.since() == null ? null : c.since().toString())).toList(), request.page(), request.size(),
                communes.total());
    }

    private BranchView find(String branch) {
        BranchCode code = Inputs.value("branch", branch, BranchCode::of);
        access.requireBranch(code.value());
        BranchView view = queries.one(new FindBranch(code.value()), BranchView.class);
        if (view == null) {
            throw new DomainException(ErrorCode.BRANCH_NOT_FOUND, "branch", "no branch " + branch);
        }
        return view;
    }
}
