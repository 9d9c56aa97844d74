package vn.evn.cashless.domain.organisation;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import vn.evn.cashless.domain.shared.InvalidValueException;
import vn.evn.cashless.domain.shared.Require;

/** Creates a branch of a company; {@code companyCode} left out is derived from the company's name. */
public record CreateBranch(@TargetAggregateIdentifier BranchCode branch, String name, String company,
                           CompanyCode companyCode) {

    public CreateBranch {
        Require.present("code", branch);
        name = Require.text("name", name, 200);
        company = Require.text("company", company, 200);
        if (companyCode == null) {
            companyCode = CompanyCode.derivedFrom(company);
            if (companyCode == null) {
                throw new InvalidValueException("companyCode",
                        "is required when the company's name has fewer than two letters or digits");
            }
        }
    }

    public CreateBranch(BranchCode branch, String name, String company) {
        this(branch, name, company, null);
    }
}
