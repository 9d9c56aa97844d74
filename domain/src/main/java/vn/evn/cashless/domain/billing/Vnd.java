package vn.evn.cashless.domain.billing;

import vn.evn.cashless.domain.shared.InvalidValueException;

/** An amount of Vietnamese đồng: whole, positive, no minor unit. */
public record Vnd(long value) {

    /** Far above any electricity bill; keeps every sum the ledger makes well inside a {@code long}. */
    public static final long MAX = 1_000_000_000_000L;

    public Vnd {
        if (value <= 0) {
            throw new InvalidValueException("amount", "must be a positive whole number of VND");
        }
        if (value > MAX) {
            throw new InvalidValueException("amount", "must be at most " + MAX + " VND");
        }
    }

    public static Vnd of(long value) {
        return new Vnd(value);
    }
}
