package vn.evn.cashless.domain.notice;

/** Why a customer is told: the bill was issued, or it is still unpaid a few days before its due date. */
public enum NoticeKind {
    BILL,
    REMINDER
}
