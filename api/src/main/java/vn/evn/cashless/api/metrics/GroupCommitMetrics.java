package vn.evn.cashless.api.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;
import vn.evn.cashless.application.billing.PaymentGroupCommit;

/**
 * How single payments were grouped into transactions ({@link PaymentGroupCommit}), at {@code /actuator/prometheus}:
 * {@code ledger_payment_groups_total} (groups of two or more committed together), {@code
 * ledger_payment_groups_payments_total} (their payments) and {@code ledger_payment_groups_one_by_one_total} (groups
 * that could not commit together and were recorded one payment at a time). A payment alone is in none of them.
 */
@Component
class GroupCommitMetrics {

    GroupCommitMetrics(MeterRegistry registry, PaymentGroupCommit groups) {
        FunctionCounter.builder("ledger.payment.groups", groups, PaymentGroupCommit::groupsCommitted)
                .description("Groups of two or more single payments committed in one transaction")
                .register(registry);
        FunctionCounter.builder("ledger.payment.groups.payments", groups, PaymentGroupCommit::paymentsInGroups)
                .description("Single payments committed in a group of two or more")
                .register(registry);
        FunctionCounter.builder("ledger.payment.groups.one.by.one", groups,
                        PaymentGroupCommit::groupsRecordedOneByOne)
                .description("Groups of payments that could not commit together and were recorded one at a time")
                .register(registry);
    }
}
