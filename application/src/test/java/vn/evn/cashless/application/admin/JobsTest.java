package vn.evn.cashless.application.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import vn.evn.cashless.application.admin.Jobs.Job;
import vn.evn.cashless.application.admin.Jobs.State;

/** The share done and the time left that a client following a job reads. */
class JobsTest {

    private static final Instant STARTED = Instant.parse("2026-11-28T01:00:00Z");

    @Test
    void aRebuildThatHasReadTheWholeHistoryIsAllDoneThoughPositionsWithoutAnEventWereNeverCounted() {
        // 1,000 positions up to the head, 50 of them drawn by appends that rolled back
        Job copied = rebuild(950, 1_000L);

        assertThat(copied.percent()).isEqualTo(100.0);
        assertThat(copied.secondsLeft(STARTED.plusSeconds(10))).isZero();
    }

    @Test
    void aRebuildHalfwayThroughTheHistoryIsHalfDoneWithAsLongAgainToGo() {
        Job halfway = rebuild(480, 500L);

        assertThat(halfway.percent()).isEqualTo(50.0);
        assertThat(halfway.secondsLeft(STARTED.plusSeconds(10))).isEqualTo(10);
        assertThat(halfway.eventsPerSecond(STARTED.plusSeconds(10))).isEqualTo(48.0);
    }

    @Test
    void aRebuildThatHasAppliedNothingYetTellsNoTimeLeft() {
        Job starting = rebuild(0, null);

        assertThat(starting.percent()).isZero();
        assertThat(starting.secondsLeft(STARTED.plusSeconds(1))).isNull();
    }

    @Test
    void aJobThatCountsLinesIsAsFarAlongAsItsCount() {
        Job lines = new Job(UUID.randomUUID(), "reconciliation", "admin", State.RUNNING, 250, 1_000, null, STARTED,
                null, null);

        assertThat(lines.percent()).isEqualTo(25.0);
        assertThat(lines.secondsLeft(STARTED.plusSeconds(5))).isEqualTo(15);
    }

    private static Job rebuild(long processed, Long position) {
        return new Job(UUID.randomUUID(), "rebuild", "payments", State.RUNNING, processed, 1_000, position, STARTED,
                null, null);
    }
}
