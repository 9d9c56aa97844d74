package vn.evn.cashless.application.organisation;

import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import vn.evn.cashless.application.infrastructure.AxonSetup;
import vn.evn.cashless.domain.organisation.BranchCode;
import vn.evn.cashless.domain.organisation.BranchCreated;
import vn.evn.cashless.domain.organisation.CommuneAdded;
import vn.evn.cashless.domain.organisation.CommuneCode;

/** Which branches exist and which branch each commune belongs to; always as current as the event store. */
@Component
@ProcessingGroup(AxonSetup.COMMAND_LOOKUPS)
public class OrganisationDirectory {

    private final JdbcTemplate jdbc;

    public OrganisationDirectory(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public boolean branchExists(BranchCode branch) {
        return !jdbc.queryForList("SELECT 1 FROM branch_directory WHERE code = ?", Integer.class, branch.value())
                .isEmpty();
    }

    /** The branch a commune belongs to, if the commune is known. */
    public Optional<String> branchOf(CommuneCode commune) {
        return jdbc.queryForList("SELECT branch FROM commune_directory WHERE code = ?", String.class, commune.value())
                .stream().findFirst();
    }

    @EventHandler
    void on(BranchCreated event) {
        jdbc.update("INSERT INTO branch_directory (code) VALUES (?)", event.branch());
    }

    @EventHandler
    void on(CommuneAdded event) {
        jdbc.update("INSERT INTO commune_directory (code, branch) VALUES (?, ?)", event.commune(), event.branch());
    }
}
