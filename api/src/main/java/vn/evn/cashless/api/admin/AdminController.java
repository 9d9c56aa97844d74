package vn.evn.cashless.api.admin;

import vn.evn.cashless.api.security.Access;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import vn.evn.cashless.api.status.StatusController;
import vn.evn.cashless.api.web.Inputs;
import vn.evn.cashless.api.web.Times;
import vn.evn.cashless.application.admin.Checksums;
import vn.evn.cashless.application.admin.Jobs;
import vn.evn.cashless.application.admin.ReadModel;
import vn.evn.cashless.application.admin.ReadModelFailures;
import vn.evn.cashless.application.admin.ReadModels;
import vn.evn.cashless.application.admin.Rebuilds;
import vn.evn.cashless.domain.shared.DomainException;
import vn.evn.cashless.domain.shared.ErrorCode;
import vn.evn.cashless.domain.shared.InvalidValueException;

/** The read models: where each stands, a rebuild from the history without a gap, and a digest of its content. */
@RestController
public class AdminController {

    /** One read model: the last event it has applied, how far behind the head it is, and what it is doing. */
    public record ProjectionEntry(String name, long position, long lag, String state) {
    }

    /** A job as a client follows it. */
    public record JobEntry(UUID id, String kind, String target, String state, long processed, long total,
                           Long position, Double percent, Double eventsPerSecond, Long secondsLeft, String startedAt,
                           String finishedAt, String error) {

        static JobEntry of(Jobs.Job job, Instant now) {
            return new JobEntry(job.id(), job.kind(), job.target(), job.state().name(), job.processed(), job.total(),
                    job.position(), round(job.percent()), round(job.eventsPerSecond(now)), job.secondsLeft(now),
                    Times.local(job.startedAt()), Times.local(job.finishedAt()), job.error());
        }

        private static Double round(Double value) {
            return value == null ? null : Math.round(value * 10) / 10.0;
        }
    }

    private final ReadModels readModels;
    private final Rebuilds rebuilds;
    private final Jobs jobs;
    private final Checksums checksums;
    private final EventProcessingConfiguration processing;
    private final EventStore eventStore;
    private final ReadModelFailures failures;
    private final Access access;
    private final StatusController status;

    public AdminController(ReadModels readModels, Rebuilds rebuilds, Jobs jobs, Checksums checksums,
                           EventProcessingConfiguration processing, EventStore eventStore,
                           ReadModelFailures failures, Access access, StatusController status) {
        this.status = status;
        this.failures = failures;
        this.access = access;
        this.readModels = readModels;
        this.rebuilds = rebuilds;
        this.jobs = jobs;
        this.checksums = checksums;
        this.processing = processing;
        this.eventStore = eventStore;
    }

    @GetMapping("/api/admin/projections")
    public List<ProjectionEntry> projections() {
        access.requireWholeCompany();
        long head = StatusController.head(eventStore);
        List<ProjectionEntry> entries = new ArrayList<>();
        for (ReadModel model : readModels.all()) {
            boolean rebuilding = rebuilds.rebuilding(model.name());
            if (model.inCommandTransaction()) {
                entries.add(new ProjectionEntry(model.name(), head, 0, rebuilding ? "rebuilding" : "current"));
                continue;
            }
            StreamingEventProcessor processor = processing
                    .eventProcessor(model.name(), StreamingEventProcessor.class).orElseThrow();
            ReadModelFailures.Failure failure = failures.of(model.name()).orElse(null);
            // over every segment, on whichever node, as the status counts it
            StatusController.ProcessorStatus current = status.status(model.name(), processor, head);
            String state = rebuilding ? "rebuilding"
                    : failure != null
                    || processor.processingStatus().values().stream().anyMatch(EventTrackerStatus::isErrorState)
                    ? "error" : processor.isRunning() ? "running" : "stopped";
            entries.add(new ProjectionEntry(model.name(), current.position(), current.behind(), state));
        }
        return entries;
    }

    @PostMapping("/api/admin/projections/{name}/rebuild")
    public ResponseEntity<JobEntry> rebuild(@PathVariable String name) {
        access.requireWholeCompany();
        UUID id = rebuilds.start(name);
        return ResponseEntity.accepted().location(URI.create("/api/admin/jobs/" + id)).body(job(id));
    }

    @GetMapping("/api/admin/jobs/{id}")
    public JobEntry job(@PathVariable String id) {
        access.requireWholeCompany();
        return job(Inputs.value("id", id, AdminController::uuid));
    }

    @GetMapping("/api/admin/projections/{name}/checksum")
    public Checksums.Checksum checksum(@PathVariable String name) {
        access.requireWholeCompany();
        return checksums.of(readModels.get(name));
    }

    private JobEntry job(UUID id) {
        return jobs.find(id).map(job -> JobEntry.of(job, jobs.now()))
                .orElseThrow(() -> new DomainException(ErrorCode.JOB_NOT_FOUND, "id", "no job " + id));
    }

    private static UUID uuid(String raw) {
        try {
            return UUID.fromString(raw.strip());
        } catch (IllegalArgumentException e) {
            throw new InvalidValueException("id", "must be a job id (a UUID)");
        }
    }
}
