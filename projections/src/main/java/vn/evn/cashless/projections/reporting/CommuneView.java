package vn.evn.cashless.projections.reporting;

import java.time.LocalDate;

/** A commune or town (xã / thị trấn) of a branch; {@code since} null: the branch always had it. */
public record CommuneView(String code, String name, String kind, LocalDate since) {
}
