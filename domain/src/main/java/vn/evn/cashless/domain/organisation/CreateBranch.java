package vn.evn.cashless.domain.organisation;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import vn.evn.cashless.domain.shared.Require;

/**
 * Creates a branch of a company; {@code companyCode} left out is derived from the company's name. A name that gives
 * no code (fewer than two letters or digits) leaves the branch without one, as before company codes existed: the
 * branch is then in no company view until it is given one.
 */
public record CreateBranch(@TargetAggregateIdentifier BranchCode branch, String name, String company,
                           CompanyCode companyCode) {

    public CreateBranch {
        Require.present("code", branch);
        name = Require.text("name", name, 200);
        company = Require.text("company", company, 200);
        if (companyCode == null) {
            companyCode = CompanyCode.derivedFrom(company);
        }
    }

    public CreateBranch(BranchCode branch, String name, String company) {
        this(branch, name, company, null);
    }
}
