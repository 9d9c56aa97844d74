package vn.evn.cashless.domain.billing;

import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import vn.evn.cashless.domain.organisation.BranchCode;
import vn.evn.cashless.domain.organisation.CommuneCode;
import vn.evn.cashless.domain.shared.Require;

/** Branch and commune are the customer's, filled in by the caller from the organisation it knows. */
public record IssueBill(@TargetAggregateIdentifier BillId bill, BranchCode branch, CommuneCode commune, Vnd amount,
                        LocalDate dueDate) {

    public IssueBill {
        Require.present("customer", bill);
        Require.present("branch", branch);
        Require.present("commune", commune);
        Require.present("amount", amount);
        Require.date("dueDate", Require.present("dueDate", dueDate));
    }
}
