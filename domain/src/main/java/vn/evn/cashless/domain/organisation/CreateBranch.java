package vn.evn.cashless.domain.organisation;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import vn.evn.cashless.domain.shared.Require;

public record CreateBranch(@TargetAggregateIdentifier BranchCode branch, String name, String company) {

    public CreateBranch {
        Require.present("code", branch);
        name = Require.text("name", name, 200);
        company = Require.text("company", company, 200);
    }
}
