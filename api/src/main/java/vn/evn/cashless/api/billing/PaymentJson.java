package vn.evn.cashless.api.billing;

import vn.evn.cashless.api.web.Times;
import vn.evn.cashless.projections.customer.PaymentView;

/** A payment as clients read it, times in Vietnamese local time. */
public record PaymentJson(String id, String bill, String customer, String period, long amount, String kind,
                          String provider, String externalRef, String paidAt, boolean reversed, String reversedAt,
                          String reversalReason) {

    public static PaymentJson of(PaymentView p) {
        return new PaymentJson(p.id(), p.bill(), p.customer(), p.period(), p.amount(), p.kind(), p.provider(),
                p.externalRef(), Times.local(p.paidAt()), p.reversed(), Times.local(p.reversedAt()),
                p.reversalReason());
    }
}
