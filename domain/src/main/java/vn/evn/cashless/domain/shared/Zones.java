package vn.evn.cashless.domain.shared;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** Periods and reports are reckoned in Vietnamese local time; instants are what is stored. */
public final class Zones {

    public static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");

    private Zones() {
    }

    /** An instant in Vietnamese local time with its offset ({@code 2021-06-30T17:30:00+07:00}); null for null. */
    public static String local(Instant instant) {
        return instant == null ? null
                : DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(instant.atZone(VIETNAM).toOffsetDateTime());
    }
}
