package vn.evn.cashless.domain.organisation;

/** Thị trấn (town) or xã (commune). */
public enum UnitKind {
    TOWN,
    COMMUNE
}
