package vn.evn.cashless.domain.notice;

import vn.evn.cashless.domain.billing.BillId;
import vn.evn.cashless.domain.shared.InvalidValueException;

/**
 * A notice is identified by its bill and its kind: one bill notice and at most one reminder per bill, so a notice
 * queued twice (by two nodes, or again after a crash) is a conflict, never a second message.
 */
public record NoticeId(BillId bill, NoticeKind kind) {

    public static NoticeId of(BillId bill, NoticeKind kind) {
        return new NoticeId(bill, kind);
    }

    /** Parses the form {@link #toString()} gives, e.g. {@code PA20BM0001234-2021-06-BILL}. */
    public static NoticeId parse(String value) {
        int dash = value == null ? -1 : value.lastIndexOf('-');
        if (dash != 21) {
            throw new InvalidValueException("notice", "must be a bill and a kind, e.g. PA20BM0001234-2021-06-BILL");
        }
        NoticeKind kind;
        try {
            kind = NoticeKind.valueOf(value.substring(dash + 1));
        } catch (IllegalArgumentException e) {
            throw new InvalidValueException("notice", "must end with -BILL or -REMINDER");
        }
        try {
            return new NoticeId(BillId.parse(value.substring(0, dash)), kind);
        } catch (InvalidValueException e) {
            // The client sent a notice, not a bill: the rejection names what it sent.
            throw e.forField("notice");
        }
    }

    @Override
    public String toString() {
        return bill + "-" + kind;
    }
}
