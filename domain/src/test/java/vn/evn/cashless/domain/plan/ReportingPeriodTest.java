package vn.evn.cashless.domain.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.evn.cashless.domain.shared.InvalidValues.assertInvalid;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;
import vn.evn.cashless.domain.plan.ReportingPeriod.Granularity;

class ReportingPeriodTest {

    /** 00:30 on 1 July in Vietnam, still 30 June in UTC. */
    private static final Instant JULY_FIRST_AFTER_MIDNIGHT = OffsetDateTime.parse("2021-07-01T00:30+07:00").toInstant();

    private static Instant local(String offsetDateTime) {
        return OffsetDateTime.parse(offsetDateTime).toInstant();
    }

    @Test
    void parsesYear() {
        assertThat(ReportingPeriod.parse("2021")).isEqualTo(new ReportingPeriod(Granularity.YEAR, 2021, 1));
    }

    @Test
    void parsesHalf() {
        assertThat(ReportingPeriod.parse("2021-H1")).isEqualTo(new ReportingPeriod(Granularity.HALF, 2021, 1));
        assertThat(ReportingPeriod.parse("2021-H2")).isEqualTo(new ReportingPeriod(Granularity.HALF, 2021, 2));
    }

    @Test
    void parsesQuarter() {
        assertThat(ReportingPeriod.parse("2021-Q3")).isEqualTo(new ReportingPeriod(Granularity.QUARTER, 2021, 3));
    }

    @Test
    void parsesMonth() {
        assertThat(ReportingPeriod.parse("2021-06")).isEqualTo(new ReportingPeriod(Granularity.MONTH, 2021, 6));
        assertThat(ReportingPeriod.month(YearMonth.of(2021, 6))).isEqualTo(ReportingPeriod.parse("2021-06"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2021", "2021-H1", "2021-H2", "2021-Q1", "2021-Q3", "2021-01", "2021-06", "2021-12"})
    void writesItselfAsParsed(String text) {
        assertThat(ReportingPeriod.parse(text)).hasToString(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2021-H3", "2021-H0", "2021-13", "2021-00", "2021-Q5", "2021-Q0", "garbage", "2021-",
            "2021-6", "21-06", "2021-h1", "2021-Q", "2021-06-01", "1999", "2101-01"})
    void rejectsWhatIsNoPeriod(String text) {
        assertInvalid("period", () -> ReportingPeriod.parse(text));
    }

    @ParameterizedTest
    @NullAndEmptySource
    void rejectsNothing(String text) {
        assertInvalid("period", () -> ReportingPeriod.parse(text));
    }

    @Test
    void rejectsIndexBeyondItsGranularityWhenConstructedDirectly() {
        assertInvalid("period", () -> new ReportingPeriod(Granularity.HALF, 2021, 3));
        assertInvalid("period", () -> new ReportingPeriod(Granularity.QUARTER, 2021, 5));
        assertInvalid("period", () -> new ReportingPeriod(Granularity.MONTH, 2021, 13));
        assertInvalid("period", () -> new ReportingPeriod(Granularity.YEAR, 2021, 2));
        assertInvalid("period", () -> new ReportingPeriod(Granularity.MONTH, 2021, 0));
        assertInvalid("period", () -> new ReportingPeriod(null, 2021, 1));
    }

    @Test
    void monthStartsAndEndsAtLocalMidnight() {
        ReportingPeriod june = ReportingPeriod.parse("2021-06");
        assertThat(june.start()).isEqualTo(local("2021-06-01T00:00+07:00"));
        assertThat(june.start()).isEqualTo(Instant.parse("2021-05-31T17:00:00Z"));
        assertThat(june.end()).isEqualTo(local("2021-07-01T00:00+07:00"));
    }

    @Test
    void halfQuarterAndYearStartAndEndAtLocalMidnight() {
        assertThat(ReportingPeriod.parse("2021-H1").start()).isEqualTo(local("2021-01-01T00:00+07:00"));
        assertThat(ReportingPeriod.parse("2021-H1").end()).isEqualTo(local("2021-07-01T00:00+07:00"));
        assertThat(ReportingPeriod.parse("2021-Q3").start()).isEqualTo(local("2021-07-01T00:00+07:00"));
        assertThat(ReportingPeriod.parse("2021-Q3").end()).isEqualTo(local("2021-10-01T00:00+07:00"));
        assertThat(ReportingPeriod.parse("2021-Q4").end()).isEqualTo(local("2022-01-01T00:00+07:00"));
        assertThat(ReportingPeriod.parse("2021").start()).isEqualTo(local("2021-01-01T00:00+07:00"));
        assertThat(ReportingPeriod.parse("2021").end()).isEqualTo(local("2022-01-01T00:00+07:00"));
    }

    @Test
    void halfAnHourAfterLocalMidnightOnFirstJulyIsInJuly() {
        assertThat(ReportingPeriod.parse("2021-07").contains(JULY_FIRST_AFTER_MIDNIGHT)).isTrue();
        assertThat(ReportingPeriod.parse("2021-Q3").contains(JULY_FIRST_AFTER_MIDNIGHT)).isTrue();
        assertThat(ReportingPeriod.parse("2021-H2").contains(JULY_FIRST_AFTER_MIDNIGHT)).isTrue();
        assertThat(ReportingPeriod.parse("2021").contains(JULY_FIRST_AFTER_MIDNIGHT)).isTrue();
    }

    @Test
    void halfAnHourAfterLocalMidnightOnFirstJulyIsNotInJune() {
        assertThat(ReportingPeriod.parse("2021-06").contains(JULY_FIRST_AFTER_MIDNIGHT)).isFalse();
        assertThat(ReportingPeriod.parse("2021-Q2").contains(JULY_FIRST_AFTER_MIDNIGHT)).isFalse();
        assertThat(ReportingPeriod.parse("2021-H1").contains(JULY_FIRST_AFTER_MIDNIGHT)).isFalse();
    }

    @Test
    void containsItsStartButNotItsEnd() {
        ReportingPeriod june = ReportingPeriod.parse("2021-06");
        assertThat(june.contains(june.start())).isTrue();
        assertThat(june.contains(june.start().minusNanos(1))).isFalse();
        assertThat(june.contains(june.end().minusNanos(1))).isTrue();
        assertThat(june.contains(june.end())).isFalse();
    }

    @Test
    void enclosingOfMonthIsQuarterHalfYearInThatOrder() {
        assertThat(ReportingPeriod.parse("2021-06").enclosing()).containsExactly(
                ReportingPeriod.parse("2021-Q2"), ReportingPeriod.parse("2021-H1"), ReportingPeriod.parse("2021"));
        assertThat(ReportingPeriod.parse("2021-07").enclosing()).containsExactly(
                ReportingPeriod.parse("2021-Q3"), ReportingPeriod.parse("2021-H2"), ReportingPeriod.parse("2021"));
    }

    @Test
    void enclosingOfQuarterIsHalfAndYear() {
        assertThat(ReportingPeriod.parse("2021-Q3").enclosing())
                .containsExactly(ReportingPeriod.parse("2021-H2"), ReportingPeriod.parse("2021"));
        assertThat(ReportingPeriod.parse("2021-Q2").enclosing())
                .containsExactly(ReportingPeriod.parse("2021-H1"), ReportingPeriod.parse("2021"));
    }

    @Test
    void enclosingOfHalfIsYearAndOfYearIsNothing() {
        assertThat(ReportingPeriod.parse("2021-H2").enclosing()).containsExactly(ReportingPeriod.parse("2021"));
        assertThat(ReportingPeriod.parse("2021").enclosing()).isEmpty();
    }

    @Test
    void firstAndEndMonths() {
        assertThat(ReportingPeriod.parse("2021-Q3").firstMonth()).isEqualTo(YearMonth.of(2021, 7));
        assertThat(ReportingPeriod.parse("2021-Q3").endMonth()).isEqualTo(YearMonth.of(2021, 10));
        assertThat(ReportingPeriod.parse("2021-H2").firstDay()).isEqualTo(java.time.LocalDate.of(2021, 7, 1));
    }
}
