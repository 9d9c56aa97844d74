package vn.evn.cashless.api.web;

import java.time.Instant;
import vn.evn.cashless.domain.shared.Zones;

/** Instants are stored as such and reported in Vietnamese local time, with the offset written out. */
public final class Times {

    private Times() {
    }

    public static String local(Instant instant) {
        return Zones.local(instant);
    }
}
