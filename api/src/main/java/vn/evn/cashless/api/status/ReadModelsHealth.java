package vn.evn.cashless.api.status;

import java.util.List;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;
import vn.evn.cashless.api.web.Times;
import vn.evn.cashless.application.admin.ReadModelFailures;

/**
 * {@code readModels} in {@code /actuator/health} (the bean name without "HealthIndicator"): DOWN while a read model is stopped at an event it cannot apply,
 * naming the read model, the event's position and the error (the first such read model; all of them under
 * {@code failures}).
 */
@Component("readModelsHealthIndicator")
public class ReadModelsHealth implements HealthIndicator {

    private final ReadModelFailures failures;

    public ReadModelsHealth(ReadModelFailures failures) {
        this.failures = failures;
    }

    @Override
    public Health health() {
        List<ReadModelFailures.Failure> current = failures.current();
        if (current.isEmpty()) {
            return Health.up().build();
        }
        ReadModelFailures.Failure first = current.get(0);
        return Health.down()
                .withDetail("readModel", first.readModel())
                .withDetail("position", first.position())
                .withDetail("error", first.error())
                .withDetail("since", Times.local(first.since()))
                .withDetail("attempts", first.attempts())
                .withDetail("failures", current.stream().map(ReadModelError::of).toList())
                .build();
    }
}
