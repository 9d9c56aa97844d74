package vn.evn.cashless.projections.plan;

import java.time.Instant;
import java.util.stream.Collectors;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import vn.evn.cashless.domain.plan.PlanAssigned;
import vn.evn.cashless.projections.support.Sql;

/** The revision of each plan now in force. */
@Component
@ProcessingGroup(PlanProjection.GROUP)
public class PlanProjection {

    public static final String GROUP = "plans";

    private final JdbcTemplate jdbc;

    public PlanProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    public void on(PlanAssigned event, @Timestamp Instant assignedAt) {
        String kinds = event.cashlessKinds().stream().map(Enum::name).sorted().collect(Collectors.joining(","));
        jdbc.update("""
                INSERT INTO rm_plan (branch, period, revision, cashless_amount_ratio, cashless_payment_ratio,
                                     zalo_registrations, commune_coverage, cashless_kinds, assigned_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (branch, period) DO UPDATE SET
                    revision = EXCLUDED.revision, cashless_amount_ratio = EXCLUDED.cashless_amount_ratio,
                    cashless_payment_ratio = EXCLUDED.cashless_payment_ratio,
                    zalo_registrations = EXCLUDED.zalo_registrations, commune_coverage = EXCLUDED.commune_coverage,
                    cashless_kinds = EXCLUDED.cashless_kinds, assigned_at = EXCLUDED.assigned_at
                """, event.branch(), event.period(), event.revision(), event.cashlessAmountRatio(),
                event.cashlessPaymentRatio(), event.zaloRegistrations(), event.communeCoverage(), kinds,
                Sql.timestamp(assignedAt));
    }

    @ResetHandler
    public void reset() {
        jdbc.execute("TRUNCATE rm_plan");
    }
}
