package vn.evn.cashless.domain.shared;

import java.time.ZoneId;

/** Periods and reports are reckoned in Vietnamese local time; instants are what is stored. */
public final class Zones {

    public static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");

    private Zones() {
    }
}
