package vn.evn.cashless.application.reconciliation;

import vn.evn.cashless.domain.billing.RecordPayment;
import vn.evn.cashless.domain.shared.DomainException;

/**
 * One line of a reconciliation file as read: the payment it reports, or why it could not be read or may not be
 * recorded by whoever sent the file. {@code externalRef} and {@code amount} are kept as far as they could be read, for
 * the report.
 */
public record ImportLine(int line, RecordPayment payment, DomainException rejection, String externalRef,
                         Long amount) {

    public static ImportLine of(int line, RecordPayment payment) {
        return new ImportLine(line, payment, null, payment.externalRef().value(), payment.amount().value());
    }

    public static ImportLine rejected(int line, DomainException rejection, String externalRef, Long amount) {
        return new ImportLine(line, null, rejection, externalRef, amount);
    }
}
