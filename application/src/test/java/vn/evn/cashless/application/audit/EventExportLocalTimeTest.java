package vn.evn.cashless.application.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import vn.evn.cashless.domain.shared.Zones;

/** The export's local times, written by hand, are exactly what java.time's formatters make of the stored time. */
class EventExportLocalTimeTest {

    /** How the event store writes an event's time: at least three digits of the second's fraction, then Z. */
    private static final DateTimeFormatter STORED = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE).appendLiteral('T')
            .appendPattern("HH:mm:ss").appendFraction(ChronoField.NANO_OF_SECOND, 3, 9, true)
            .appendLiteral('Z').toFormatter().withZone(ZoneOffset.UTC);

    private static String expected(String stored) {
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(
                Instant.parse(stored).atZone(Zones.VIETNAM).toOffsetDateTime());
    }

    @Test
    void everyFormOfTheStoredTimeGivesWhatTheFormattersGive() {
        SplittableRandom random = new SplittableRandom(20210310);
        for (int i = 0; i < 200_000; i++) {
            long second = random.nextLong(Instant.parse("1900-01-01T00:00:00Z").getEpochSecond(),
                    Instant.parse("2100-01-01T00:00:00Z").getEpochSecond());
            int nanos = switch (i % 5) {
                case 0 -> 0;
                case 1 -> random.nextInt(1_000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1_000;
                case 3 -> random.nextInt(10) * 100_000_000;
                default -> random.nextInt(1_000_000_000);
            };
            Instant instant = Instant.ofEpochSecond(second, nanos);
            for (String stored : List.of(STORED.format(instant), instant.toString())) {
                assertThat(EventExport.localTime(stored)).as(stored).isEqualTo(expected(stored));
            }
        }
    }

    @Test
    void unusualTimesGoThroughTheFormatters() {
        for (String stored : List.of("2021-03-10T03:00:00Z", "2021-03-10T03:00:00.1Z", "2021-03-10T16:59:59.999999999Z",
                "2021-12-31T17:00:00.000Z", "2024-02-29T23:59:59.5Z", "1899-12-31T16:00:00Z", "1906-06-30T16:54:00Z",
                "1975-06-12T16:00:00.000Z", "9999-12-31T23:59:59Z", "0001-01-01T00:00:00Z")) {
            assertThat(EventExport.localTime(stored)).as(stored).isEqualTo(expected(stored));
        }
        for (String stored : List.of("2021-02-29T03:00:00Z", "2021-03-10 03:00:00Z", "2021-03-10T03:00Z",
                "2021-3-10T03:00:00Z")) {
            assertThatThrownBy(() -> Instant.parse(stored)).isInstanceOf(DateTimeException.class);
            assertThatThrownBy(() -> EventExport.localTime(stored)).as(stored).isInstanceOf(DateTimeException.class);
        }
    }
}
