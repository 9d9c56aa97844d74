package vn.evn.cashless.api.status;

import vn.evn.cashless.api.web.Times;
import vn.evn.cashless.application.admin.ReadModelFailures;

/**
 * A read model stopped at an event, as {@code GET /api/status} and {@code /actuator/health} report it: the event's
 * position, why, since when (Vietnamese local time) and how many times it was tried.
 */
public record ReadModelError(String readModel, long position, String error, String since, int attempts) {

    static ReadModelError of(ReadModelFailures.Failure failure) {
        return failure == null ? null : new ReadModelError(failure.readModel(), failure.position(), failure.error(),
                Times.local(failure.since()), failure.attempts());
    }
}
