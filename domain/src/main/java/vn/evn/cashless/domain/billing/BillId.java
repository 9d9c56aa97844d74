package vn.evn.cashless.domain.billing;

import vn.evn.cashless.domain.customer.CustomerCode;
import vn.evn.cashless.domain.shared.InvalidValueException;

/** A bill is identified by its business key: one bill per customer and billing month. */
public record BillId(CustomerCode customer, BillingPeriod period) {

    public static BillId of(CustomerCode customer, BillingPeriod period) {
        return new BillId(customer, period);
    }

    /** Parses the form {@link #toString()} gives, e.g. {@code PA20BM0001234-2021-06}. */
    public static BillId parse(String value) {
        if (value == null || value.length() != 21 || value.charAt(13) != '-') {
            throw new InvalidValueException("id", "must be a customer code and a month, e.g. PA20BM0001234-2021-06");
        }
        return new BillId(CustomerCode.of(value.substring(0, 13)), BillingPeriod.of(value.substring(14)));
    }

    @Override
    public String toString() {
        return customer.value() + "-" + period;
    }
}
