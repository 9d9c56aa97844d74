package vn.evn.cashless.api.audit;

import vn.evn.cashless.api.security.Access;
import java.util.function.ToLongFunction;
import java.io.OutputStream;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import vn.evn.cashless.api.web.Inputs;
import vn.evn.cashless.application.audit.EventExport;
import vn.evn.cashless.domain.customer.CustomerCode;
import vn.evn.cashless.domain.shared.DomainException;
import vn.evn.cashless.domain.shared.ErrorCode;
import vn.evn.cashless.domain.shared.InvalidValueException;

/**
 * The stored history for auditors, as NDJSON (one event per line, see docs/audit.md). Every answer stops at the
 * position named in {@value #SAFE_POSITION}: no event at or below it can appear later, so a client that resumes
 * after the last position it received never misses one.
 */
@RestController
@RequestMapping("/api/audit")
public class AuditEventsController {

    /** The bound the answer stopped at. */
    public static final String SAFE_POSITION = "X-Safe-Position";

    private final EventExport export;
    private final Access access;

    public AuditEventsController(EventExport export, Access access) {
        this.export = export;
        this.access = access;
    }

    /** Every event after {@code after}, in global order; all of them up to the safe position without a limit. */
    @GetMapping("/events")
    public ResponseEntity<StreamingResponseBody> events(@RequestParam(required = false) String after,
                                                        @RequestParam(required = false) String limit) {
        long from = after == null ? 0
                : wholeNumber("after", after, 0, Long.MAX_VALUE, "must be a whole number, 0 or more");
        Long most = limit == null ? null : wholeNumber("limit", limit, 1, EventExport.MAX_LIMIT,
                "must be a whole number from 1 to " + EventExport.MAX_LIMIT);
        access.requireWholeCompany();
        long bound = export.safePosition();
        return lines(bound, out -> export.write(from, bound, most, out));
    }

    /** One customer's ledger: its registration and channel changes, its bills, payments and reversals. */
    @GetMapping("/customers/{code}/events")
    public ResponseEntity<StreamingResponseBody> customer(@PathVariable String code) {
        CustomerCode customer = Inputs.value("code", code, CustomerCode::of);
        access.requireCustomer(customer);
        if (!export.customerExists(customer)) {
            throw new DomainException(ErrorCode.CUSTOMER_NOT_FOUND, "code", "no customer " + customer);
        }
        long bound = export.safePosition();
        return lines(bound, out -> export.writeCustomer(customer, bound, out));
    }

    private static ResponseEntity<StreamingResponseBody> lines(long bound, ToLongFunction<OutputStream> writer) {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_NDJSON)
                .header(SAFE_POSITION, Long.toString(bound))
                .body(writer::applyAsLong);
    }

    private static long wholeNumber(String field, String raw, long min, long max, String reason) {
        long value;
        try {
            value = Long.parseLong(raw.strip());
        } catch (NumberFormatException e) {
            throw new InvalidValueException(field, reason);
        }
        if (value < min || value > max) {
            throw new InvalidValueException(field, reason);
        }
        return value;
    }
}
