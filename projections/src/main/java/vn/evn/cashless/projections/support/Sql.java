package vn.evn.cashless.projections.support;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import vn.evn.cashless.domain.shared.Zones;

/** Conversions between the domain's instants and PostgreSQL's timestamptz and date. */
public final class Sql {

    private Sql() {
    }

    public static OffsetDateTime timestamp(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    public static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    /** The local (Vietnamese) month an instant falls in, as the first day of that month. */
    public static LocalDate localMonth(Instant instant) {
        return instant.atZone(Zones.VIETNAM).toLocalDate().withDayOfMonth(1);
    }
}
