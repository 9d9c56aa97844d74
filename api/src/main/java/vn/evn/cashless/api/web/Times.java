package vn.evn.cashless.api.web;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import vn.evn.cashless.domain.shared.Zones;

/** Instants are stored as such and reported in Vietnamese local time, with the offset written out. */
public final class Times {

    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

    private Times() {
    }

    public static String local(Instant instant) {
        return instant == null ? null : FORMAT.format(instant.atZone(Zones.VIETNAM).toOffsetDateTime());
    }
}
