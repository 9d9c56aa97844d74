package vn.evn.cashless.api.billing;

import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import vn.evn.cashless.api.security.Access;
import vn.evn.cashless.api.web.Inputs;
import vn.evn.cashless.api.web.Paging;
import vn.evn.cashless.api.web.Queries;
import vn.evn.cashless.api.web.Times;
import vn.evn.cashless.domain.billing.BillId;
import vn.evn.cashless.domain.shared.DomainException;
import vn.evn.cashless.domain.shared.ErrorCode;
import vn.evn.cashless.projections.billing.BillView;
import vn.evn.cashless.projections.billing.FindBill;
import vn.evn.cashless.projections.customer.PaymentView;
import vn.evn.cashless.projections.support.PageRequest;

/** A bill (hóa đơn tiền điện): amount, paid, outstanding, its payments and its reversals. */
@RestController
public class BillController {

    public record Reversal(String payment, long amount, String kind, String provider, String paidAt,
                           String reversedAt, String reason) {

        static Reversal of(PaymentView p) {
            return new Reversal(p.id(), p.amount(), p.kind(), p.provider(), Times.local(p.paidAt()),
                    Times.local(p.reversedAt()), p.reversalReason());
        }
    }

    /**
     * {@code paid}: the payments not reversed; {@code outstanding} = amount − paid; {@code reversed}: the amount of
     * reversed payments. The payments and the reversals are each paged by {@code page} and {@code size}, each with
     * its own total.
     */
    public record BillResponse(String id, String customer, String branch, String commune, String period, long amount,
                               String dueDate, long paid, long outstanding, long reversed, List<PaymentJson> payments,
                               long paymentsTotal, List<Reversal> reversals, long reversalsTotal, int page,
                               int size) {
    }

    private final Queries queries;
    private final Access access;

    public BillController(Queries queries, Access access) {
        this.queries = queries;
        this.access = access;
    }

    @GetMapping("/api/bills/{id}")
    public BillResponse get(@PathVariable String id, @RequestParam(required = false) String page,
                            @RequestParam(required = false) String size) {
        PageRequest request = Paging.of(page, size);
        BillId bill = Inputs.value("id", id, BillId::parse);
        access.requireCustomer(bill.customer());
        BillView view = queries.one(new FindBill(bill.toString(), request), BillView.class);
        if (view == null) {
            throw new DomainException(ErrorCode.BILL_NOT_FOUND, "id", "no bill " + bill);
        }
        return new BillResponse(view.bill(), view.customer(), view.branch(), view.commune(), view.period(),
                view.amount(), view.dueDate() == null ? null : view.dueDate().toString(), view.paid(),
                view.outstanding(), view.reversed(), view.payments().items().stream().map(PaymentJson::of).toList(),
                view.payments().total(), view.reversals().items().stream().map(Reversal::of).toList(),
                view.reversals().total(), request.page(), request.size());
    }
}
