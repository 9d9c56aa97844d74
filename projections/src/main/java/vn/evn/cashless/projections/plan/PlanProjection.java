package vn.evn.cashless.projections.plan;

import static vn.evn.cashless.projections.support.Sql.timestamp;

import java.time.Instant;
import java.util.stream.Collectors;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import vn.evn.cashless.domain.plan.PlanAssigned;
import vn.evn.cashless.projections.organisation.OrganisationProjection;

/**
 * Every revision of every plan (kế hoạch giao), with who assigned it and when the ledger recorded it: the actor and
 * the correlation id every event carries as metadata, and the event's own time. Part of the organisation read model:
 * plans are set on branches, and both change rarely.
 */
@Component
@ProcessingGroup(OrganisationProjection.GROUP)
public class PlanProjection {

    /** Metadata keys every command's events carry (the application's RequestContext writes them). */
    static final String ACTOR = "actor";
    static final String CORRELATION_ID = "correlationId";

    private final JdbcTemplate jdbc;

    public PlanProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    public void on(PlanAssigned event, @MetaDataValue(ACTOR) String actor,
                   @MetaDataValue(CORRELATION_ID) String correlationId, @Timestamp Instant recordedAt) {
        jdbc.update("""
                        INSERT INTO rm_plan_revision (branch, period, revision, cashless_amount_ratio,
                            cashless_payment_ratio, zalo_registrations, commune_coverage, cashless_kinds, assigned_by,
                            correlation_id, recorded_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT (branch, period, revision) DO NOTHING""",
                event.branch(), event.period(), event.revision(), event.cashlessAmountRatio(),
                event.cashlessPaymentRatio(), event.zaloRegistrations(), event.communeCoverage(),
                event.cashlessKinds().stream().map(Enum::name).sorted().collect(Collectors.joining(",")), actor,
                correlationId, timestamp(recordedAt));
    }

    @ResetHandler
    public void reset() {
        jdbc.execute("TRUNCATE rm_plan_revision");
    }
}
