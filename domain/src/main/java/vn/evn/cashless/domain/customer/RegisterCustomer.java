package vn.evn.cashless.domain.customer;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import vn.evn.cashless.domain.organisation.BranchCode;
import vn.evn.cashless.domain.organisation.CommuneCode;
import vn.evn.cashless.domain.shared.Require;

public record RegisterCustomer(@TargetAggregateIdentifier CustomerCode customer, String name, BranchCode branch,
                               CommuneCode commune, PhoneNumber phone, Instant registeredAt) {

    public RegisterCustomer {
        Require.present("code", customer);
        name = Require.text("name", name, 200);
        Require.present("branch", branch);
        Require.present("commune", commune);
        Require.present("registeredAt", registeredAt);
    }
}
