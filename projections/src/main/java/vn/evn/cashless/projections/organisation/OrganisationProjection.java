package vn.evn.cashless.projections.organisation;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import vn.evn.cashless.domain.organisation.BranchCreated;
import vn.evn.cashless.domain.organisation.CommuneAdded;

/** Branches and their communes, with their Vietnamese names exactly as given. */
@Component
@ProcessingGroup(OrganisationProjection.GROUP)
public class OrganisationProjection {

    public static final String GROUP = "organisation";

    private final JdbcTemplate jdbc;

    public OrganisationProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    public void on(BranchCreated event) {
        jdbc.update("INSERT INTO rm_branch (code, name, company, company_code) VALUES (?, ?, ?, ?)", event.branch(),
                event.name(), event.company(), event.companyCode());
    }

    @EventHandler
    public void on(CommuneAdded event) {
        jdbc.update("INSERT INTO rm_commune (code, branch, name, kind, since) VALUES (?, ?, ?, ?, ?)",
                event.commune(), event.branch(), event.name(), event.kind().name(), event.since());
    }

    @ResetHandler
    public void reset() {
        jdbc.execute("TRUNCATE rm_commune, rm_branch");
    }
}
