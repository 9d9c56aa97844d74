package vn.evn.cashless.application.reconciliation;

import vn.evn.cashless.domain.shared.DomainException;

/** One line of an import's report: its outcome, the payment it made or found, or why it was refused. */
public record LineResult(int line, Outcome outcome, String payment, String externalRef, Long amount, String code,
                         String field, String reason) {

    static LineResult recorded(ImportLine line, Outcome outcome, String payment) {
        return new LineResult(line.line(), outcome, payment, line.externalRef(), line.amount(), null, null, null);
    }

    static LineResult refused(ImportLine line, DomainException rejection, String payment) {
        Outcome outcome = rejection.code() == vn.evn.cashless.domain.shared.ErrorCode.PAYMENT_REFERENCE_CONFLICT
                ? Outcome.CONFLICT : Outcome.REJECTED;
        return new LineResult(line.line(), outcome, outcome == Outcome.CONFLICT ? payment : null, line.externalRef(),
                line.amount(), rejection.code().name(), rejection.field(), rejection.reason());
    }
}
