package vn.evn.cashless.domain.figures;

import java.util.Set;
import vn.evn.cashless.domain.channel.ChannelKind;

/**
 * Counts and sums of non-reversed payments over a period, for a branch or a commune, split by whether their channel
 * kind counts as cashless. Everything a ratio is computed from is here, so anyone can recompute it.
 */
public record CashlessTotals(long payments, long cashlessPayments, long amount, long cashlessAmount,
                             long cashlessCustomers) {

    public static final CashlessTotals NONE = new CashlessTotals(0, 0, 0, 0, 0);

    /** Adds up per-kind sums, counting as cashless exactly the kinds the plan in force names. */
    public static CashlessTotals of(Iterable<ChannelSums> sums, Set<ChannelKind> cashlessKinds,
                                    long cashlessCustomers) {
        long payments = 0;
        long cashlessPayments = 0;
        long amount = 0;
        long cashlessAmount = 0;
        for (ChannelSums s : sums) {
            payments += s.payments();
            amount += s.amount();
            if (cashlessKinds.contains(s.kind())) {
                cashlessPayments += s.payments();
                cashlessAmount += s.amount();
            }
        }
        return new CashlessTotals(payments, cashlessPayments, amount, cashlessAmount, cashlessCustomers);
    }

    /**
     * Adds two totals. Distinct customers add up only when no customer is on both sides, as with the communes of one
     * branch (a customer lives in one commune); never add up totals of overlapping periods.
     */
    public CashlessTotals plus(CashlessTotals other) {
        return new CashlessTotals(payments + other.payments, cashlessPayments + other.cashlessPayments,
                amount + other.amount, cashlessAmount + other.cashlessAmount,
                cashlessCustomers + other.cashlessCustomers);
    }

    /** Cashless share of the amount collected, percent, exact. */
    public Ratio cashlessAmountRatio() {
        return Figures.percent(cashlessAmount, amount);
    }

    /** Cashless share of customer-payments, percent, exact. */
    public Ratio cashlessPaymentRatio() {
        return Figures.percent(cashlessPayments, payments);
    }

    /** A commune is covered once one of its customers has paid cashless in the period. */
    public boolean covered() {
        return cashlessPayments > 0;
    }
}
