package vn.evn.cashless.api.reconciliation;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import vn.evn.cashless.api.security.Access;
import vn.evn.cashless.api.security.LedgerUser;
import vn.evn.cashless.api.security.Role;
import vn.evn.cashless.api.web.Inputs;
import vn.evn.cashless.api.web.RequestContexts;
import vn.evn.cashless.api.web.Times;
import vn.evn.cashless.application.admin.Jobs;
import vn.evn.cashless.application.messaging.RequestContext;
import vn.evn.cashless.application.reconciliation.ImportLine;
import vn.evn.cashless.application.reconciliation.LineResult;
import vn.evn.cashless.application.reconciliation.Outcome;
import vn.evn.cashless.application.reconciliation.ReconciliationImporter;
import vn.evn.cashless.application.reconciliation.Reconciliations;
import vn.evn.cashless.domain.shared.DomainException;
import vn.evn.cashless.domain.shared.ErrorCode;
import vn.evn.cashless.domain.shared.InvalidValueException;

/**
 * Đối soát: a channel's daily file of payments, imported line by line through the rules of {@code POST /api/payments},
 * and its report (docs/reconciliation.md). A file of at most {@value #SYNCHRONOUS_LINES} lines is imported while the
 * request waits (201 with the whole report); a larger one is a job (202, {@code Location} of the report, which shows
 * the progress). The same file (same SHA-256) sent again by the same user is answered with the earlier import's report
 * (200), unless that import failed.
 */
@RestController
public class ReconciliationController {

    /** Files up to this many lines are imported while the request waits. */
    static final int SYNCHRONOUS_LINES = 1_000;
    static final int DEFAULT_PAGE = 1_000;
    static final int MAX_PAGE = 10_000;

    public record Total(long lines, long amount) {
    }

    public record Totals(long lines, long amount, Total accepted, Total duplicate, Total conflict, Total rejected) {
    }

    public record Progress(long processed, long total, Double percent, Double linesPerSecond) {
    }

    public record Line(int line, String outcome, String payment, String externalRef, Long amount, String code,
                       String field, String reason) {
    }

    public record Page(long offset, int limit, long total) {
    }

    /** An import and a page of its report. {@code job} is the same import as an administrator's job. */
    public record Report(UUID id, String state, String error, String sha256, long bytes, String importedBy,
                         String startedAt, String finishedAt, Progress progress, Totals totals, Page page,
                         List<Line> lines, String job) {
    }

    private final ReconciliationImporter importer;
    private final Reconciliations reconciliations;
    private final Inputs inputs;
    private final Access access;
    private final Jobs jobs;
    private final long maxBytes;

    public ReconciliationController(ReconciliationImporter importer, Reconciliations reconciliations, Inputs inputs,
                                    Access access, Jobs jobs,
                                    @Value("${ledger.reconciliation.max-bytes:268435456}") long maxBytes) {
        this.importer = importer;
        this.reconciliations = reconciliations;
        this.inputs = inputs;
        this.access = access;
        this.jobs = jobs;
        this.maxBytes = maxBytes;
    }

    @PostMapping(path = "/api/reconciliations", consumes = "text/csv")
    public ResponseEntity<Report> importCsv(HttpServletRequest request) throws IOException {
        return importFile(request.getInputStream(), request);
    }

    @PostMapping(path = "/api/reconciliations", consumes = "multipart/form-data")
    public ResponseEntity<Report> importUpload(@RequestPart("file") MultipartFile file, HttpServletRequest request)
            throws IOException {
        try (InputStream in = file.getInputStream()) {
            return importFile(in, request);
        }
    }

    @GetMapping("/api/reconciliations/{id}")
    public Report report(@PathVariable String id, @RequestParam(required = false) String offset,
                         @RequestParam(required = false) String limit) {
        UUID reconciliation = Inputs.value("id", id, ReconciliationController::uuid);
        long from = number("offset", offset, 0, 0, Long.MAX_VALUE);
        int size = (int) number("limit", limit, DEFAULT_PAGE, 1, MAX_PAGE);
        return report(reconciliation, from, size).orElseThrow(() -> notFound(reconciliation));
    }

    @ExceptionHandler(ReceivedFile.TooLarge.class)
    ResponseEntity<ProblemDetail> tooLarge(ReceivedFile.TooLarge e, HttpServletRequest request) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE, e.getMessage());
        problem.setType(URI.create("urn:cashless-ledger:problem:content-too-large"));
        problem.setTitle("Content too large");
        problem.setInstance(URI.create(request.getRequestURI()));
        problem.setProperty("code", "CONTENT_TOO_LARGE");
        problem.setProperty("reason", e.getMessage());
        problem.setProperty("errors", List.of(Map.of("reason", e.getMessage())));
        return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    private ResponseEntity<Report> importFile(InputStream body, HttpServletRequest request) {
        LedgerUser user = access.user();
        RequestContext context = RequestContexts.of(request);
        ReceivedFile file = ReceivedFile.save(body, maxBytes);
        boolean handedOver = false;
        try {
            Optional<UUID> earlier = reconciliations.earlier(file.sha256(), user.name());
            if (earlier.isPresent()) {
                Report report = report(earlier.get(), 0, DEFAULT_PAGE).orElseThrow();
                return ResponseEntity.status(report.state().equals(Jobs.State.RUNNING.name()) ? HttpStatus.ACCEPTED
                        : HttpStatus.OK).location(location(report.id())).body(report);
            }
            CsvPaymentFile lines = CsvPaymentFile.open(file.path(), inputs, access, user);
            UUID id = importer.begin(file.sha256(), user.name(), ownProvider(user), file.bytes(),
                    Math.max(0, file.lines() - 1));
            if (file.lines() <= SYNCHRONOUS_LINES) {
                importer.run(id, lines, context);
                return ResponseEntity.status(HttpStatus.CREATED).location(location(id))
                        .body(report(id, 0, DEFAULT_PAGE).orElseThrow());
            }
            importer.start(id, deletingAtTheEnd(lines, file), context);
            handedOver = true;
            return ResponseEntity.accepted().location(location(id)).body(report(id, 0, DEFAULT_PAGE).orElseThrow());
        } finally {
            if (!handedOver) {
                file.delete();
            }
        }
    }

    private Optional<Report> report(UUID id, long offset, int limit) {
        return reconciliations.find(id).map(found -> {
            requireReader(found);
            Jobs.Job job = found.job();
            Map<Outcome, Reconciliations.Total> totals = reconciliations.totals(id);
            long lines = totals.values().stream().mapToLong(Reconciliations.Total::lines).sum();
            long amount = totals.values().stream().mapToLong(Reconciliations.Total::amount).sum();
            Double rate = job.eventsPerSecond(jobs.now());
            List<Line> page = reconciliations.lines(id, offset, limit).stream().map(ReconciliationController::line)
                    .toList();
            return new Report(id, job.state().name(), job.error(), found.sha256(), found.bytes(), found.actor(),
                    Times.local(job.startedAt()), Times.local(job.finishedAt()),
                    new Progress(job.processed(), job.total(), round(job.percent()), round(rate)),
                    new Totals(lines, amount, total(totals, Outcome.ACCEPTED), total(totals, Outcome.DUPLICATE),
                            total(totals, Outcome.CONFLICT), total(totals, Outcome.REJECTED)),
                    new Page(offset, limit, lines), page, "/api/admin/jobs/" + id);
        });
    }

    /** The one who imported a file reads its report, and so does staff that sees the whole company. */
    private void requireReader(Reconciliations.Reconciliation reconciliation) {
        LedgerUser user = access.user();
        boolean own = user.name().equals(reconciliation.actor());
        boolean staff = user.has(Role.OPERATOR) && !user.limitedToBranches();
        if (!own && !staff) {
            throw new DomainException(ErrorCode.ACCESS_DENIED, "id", user.name()
                    + " may read the reports of its own imports only");
        }
    }

    private static String ownProvider(LedgerUser user) {
        return user.has(Role.PROVIDER) && !user.has(Role.OPERATOR) ? user.provider() : null;
    }

    private static ReconciliationImporter.Source deletingAtTheEnd(CsvPaymentFile lines, ReceivedFile file) {
        return new ReconciliationImporter.Source() {
            @Override
            public boolean hasNext() {
                return lines.hasNext();
            }

            @Override
            public ImportLine next() {
                return lines.next();
            }

            @Override
            public void close() {
                try {
                    lines.close();
                } finally {
                    file.delete();
                }
            }
        };
    }

    private static Line line(LineResult r) {
        return new Line(r.line(), r.outcome().wire(), r.payment(), r.externalRef(), r.amount(), r.code(), r.field(),
                r.reason());
    }

    private static Total total(Map<Outcome, Reconciliations.Total> totals, Outcome outcome) {
        Reconciliations.Total total = totals.get(outcome);
        return new Total(total.lines(), total.amount());
    }

    private static Double round(Double value) {
        return value == null ? null : Math.round(value * 10) / 10.0;
    }

    private static URI location(UUID id) {
        return URI.create("/api/reconciliations/" + id);
    }

    private static DomainException notFound(UUID id) {
        return new DomainException(ErrorCode.JOB_NOT_FOUND, "id", "no reconciliation " + id);
    }

    private static long number(String field, String raw, long absent, long min, long max) {
        if (raw == null || raw.isBlank()) {
            return absent;
        }
        try {
            long value = Long.parseLong(raw.strip());
            if (value < min || value > max) {
                throw new InvalidValueException(field, "must be between " + min + " and " + max);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new InvalidValueException(field, "must be a whole number");
        }
    }

    private static UUID uuid(String raw) {
        try {
            return UUID.fromString(raw.strip());
        } catch (IllegalArgumentException e) {
            throw new InvalidValueException("id", "must be a reconciliation id (a UUID)");
        }
    }
}
