package vn.evn.cashless.application.customer;

import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import vn.evn.cashless.application.infrastructure.AxonSetup;
import vn.evn.cashless.domain.customer.CustomerCode;
import vn.evn.cashless.domain.customer.CustomerRegistered;
import vn.evn.cashless.domain.organisation.BranchCode;
import vn.evn.cashless.domain.organisation.CommuneCode;

/** Where each customer belongs, so bills can carry their branch and commune. */
@Component
@ProcessingGroup(AxonSetup.COMMAND_LOOKUPS)
public class CustomerDirectory {

    /** A customer's place in the organisation. */
    public record Placement(BranchCode branch, CommuneCode commune) {
    }

    private final JdbcTemplate jdbc;

    public CustomerDirectory(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Placement> find(CustomerCode customer) {
        return jdbc.query("SELECT branch, commune FROM customer_directory WHERE code = ?",
                (rs, row) -> new Placement(BranchCode.of(rs.getString(1)), CommuneCode.of(rs.getString(2))),
                customer.value()).stream().findFirst();
    }

    @EventHandler
    void on(CustomerRegistered event) {
        jdbc.update("INSERT INTO customer_directory (code, branch, commune) VALUES (?, ?, ?)", event.customer(),
                event.branch(), event.commune());
    }
}
