package vn.evn.cashless.api.billing;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.time.Instant;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import vn.evn.cashless.api.metrics.LedgerMetrics;
import vn.evn.cashless.api.security.Access;
import vn.evn.cashless.api.web.Inputs;
import vn.evn.cashless.api.web.Queries;
import vn.evn.cashless.api.web.RequestContexts;
import vn.evn.cashless.api.web.Times;
import vn.evn.cashless.application.billing.BillingService;
import vn.evn.cashless.application.billing.PaymentGroupCommit;
import vn.evn.cashless.domain.billing.BillId;
import vn.evn.cashless.domain.billing.BillingPeriod;
import vn.evn.cashless.domain.billing.ExternalRef;
import vn.evn.cashless.domain.billing.PaymentId;
import vn.evn.cashless.domain.billing.PaymentOutcome;
import vn.evn.cashless.domain.billing.RecordPayment;
import vn.evn.cashless.domain.billing.Vnd;
import vn.evn.cashless.domain.channel.ChannelKind;
import vn.evn.cashless.domain.channel.Provider;
import vn.evn.cashless.domain.customer.CustomerCode;
import vn.evn.cashless.domain.shared.DomainException;
import vn.evn.cashless.domain.shared.ErrorCode;
import vn.evn.cashless.domain.shared.InvalidValueException;
import vn.evn.cashless.projections.customer.FindPayment;
import vn.evn.cashless.projections.customer.PaymentView;
import vn.evn.cashless.domain.shared.Require;

@RestController
public class BillingController {

    public record NewBill(String customer, String period, Long amount, String dueDate) {
    }

    public record BillResponse(String id, String customer, String period, long amount, String dueDate) {
    }

    public record NewPayment(String customer, String period, Long amount, String kind, String provider,
                             String externalRef, String paidAt) {
    }

    public record PaymentResponse(String id, String bill, String customer, String period, long amount,
                                  ChannelKind kind, String provider, String externalRef, String paidAt) {
    }

    public record NewReversal(String reason, String reversedAt) {
    }

    public record ReversalResponse(String id, String bill, boolean reversed, String reason, String reversedAt) {
    }

    private final BillingService billing;
    private final PaymentGroupCommit payments;
    private final Inputs inputs;
    private final Queries queries;
    private final Access access;
    private final LedgerMetrics metrics;

    public BillingController(BillingService billing, PaymentGroupCommit payments, Inputs inputs, Queries queries,
                             Access access, LedgerMetrics metrics) {
        this.billing = billing;
        this.payments = payments;
        this.inputs = inputs;
        this.queries = queries;
        this.access = access;
        this.metrics = metrics;
    }

    @PostMapping("/api/bills")
    public ResponseEntity<BillResponse> issue(@RequestBody NewBill body, HttpServletRequest request) {
        BillId bill = BillId.of(Inputs.value("customer", body.customer(), CustomerCode::of),
                Inputs.value("period", body.period(), BillingPeriod::of));
        Vnd amount = vnd(body.amount());
        var dueDate = Inputs.date("dueDate", body.dueDate());
        access.requireCustomer(bill.customer());
        billing.issueBill(bill, amount, dueDate, RequestContexts.of(request));
        return ResponseEntity.status(HttpStatus.CREATED).body(new BillResponse(bill.toString(),
                bill.customer().value(), bill.period().toString(), amount.value(), dueDate.toString()));
    }

    /** 201 for a new payment; 200 with the same id for a resent notification. */
    @PostMapping("/api/payments")
    public ResponseEntity<PaymentResponse> record(@RequestBody NewPayment body, HttpServletRequest request) {
        BillId bill = BillId.of(Inputs.value("customer", body.customer(), CustomerCode::of),
                Inputs.value("period", body.period(), BillingPeriod::of));
        Vnd amount = vnd(body.amount());
        RecordPayment command = new RecordPayment(bill, amount,
                Inputs.enumValue("kind", body.kind(), ChannelKind.class),
                Inputs.value("provider", body.provider(), Provider::of),
                Inputs.value("externalRef", body.externalRef(), ExternalRef::of),
                inputs.businessTime("paidAt", body.paidAt()), body.paidAt() != null && !body.paidAt().isBlank());
        access.requireProvider(command.provider());
        access.requireCustomer(bill.customer());
        PaymentOutcome outcome = payments.recordPayment(command, RequestContexts.of(request));
        metrics.payment(outcome.alreadyRecorded(), LedgerMetrics.Via.API);
        PaymentResponse response = new PaymentResponse(outcome.paymentId(), bill.toString(),
                bill.customer().value(), bill.period().toString(), amount.value(), command.kind(),
                outcome.provider(), command.externalRef().value(), Times.local(outcome.paidAt()));
        if (outcome.alreadyRecorded()) {
            return ResponseEntity.ok(response);
        }
        return ResponseEntity.status(HttpStatus.CREATED)
                .location(URI.create("/api/payments/" + outcome.paymentId())).body(response);
    }

    @GetMapping("/api/payments/{id}")
    public PaymentJson payment(@PathVariable String id) {
        PaymentId payment = Inputs.value("id", id, PaymentId::parse);
        PaymentView p = queries.one(new FindPayment(payment.value()), PaymentView.class);
        if (p == null) {
            throw new DomainException(ErrorCode.PAYMENT_NOT_FOUND, "id", "no payment " + payment);
        }
        access.requireCustomer(CustomerCode.of(p.customer()));
        if (access.limitedToOwnProvider()) {
            access.requireProvider(Provider.of(p.provider()));
        }
        return PaymentJson.of(p);
    }

    @PostMapping("/api/payments/{id}/reversal")
    public ReversalResponse reverse(@PathVariable String id, @RequestBody NewReversal body,
                                    HttpServletRequest request) {
        PaymentId payment = Inputs.value("id", id, PaymentId::parse);
        String reason = Require.text("reason", body.reason(), 500);
        Instant reversedAt = inputs.businessTime("reversedAt", body.reversedAt());
        billing.billOf(payment).ifPresent(held -> access.requireCustomer(held.customer()));
        BillId bill = billing.reversePayment(payment, reason, reversedAt, RequestContexts.of(request));
        return new ReversalResponse(payment.toString(), bill.toString(), true, reason, Times.local(reversedAt));
    }

    private static Vnd vnd(Long amount) {
        if (amount == null) {
            throw new InvalidValueException("amount", "is required");
        }
        return Vnd.of(amount);
    }
}
