package vn.evn.cashless.domain.organisation;

import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import vn.evn.cashless.domain.shared.Require;

/**
 * Add a commune or town to a branch. {@code since} is the local date from which the unit counts for the branch's
 * coverage; {@code null} means it always has (as for the units a branch is set up with).
 */
public record AddCommune(@TargetAggregateIdentifier BranchCode branch, CommuneCode commune, String name, UnitKind kind,
                         LocalDate since) {

    public AddCommune {
        Require.present("branch", branch);
        Require.present("code", commune);
        name = Require.text("name", name, 200);
        Require.present("kind", kind);
        Require.date("since", since);
    }
}
