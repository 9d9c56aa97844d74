package vn.evn.cashless.domain.organisation;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import vn.evn.cashless.domain.shared.Require;

public record AddCommune(@TargetAggregateIdentifier BranchCode branch, CommuneCode commune, String name, UnitKind kind) {

    public AddCommune {
        Require.present("branch", branch);
        Require.present("code", commune);
        name = Require.text("name", name, 200);
        Require.present("kind", kind);
    }
}
