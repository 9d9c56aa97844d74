package vn.evn.cashless.application.admin;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Which read models are stopped at an event they cannot apply. A read model never skips an event: its processor
 * stops at the failing one and applies it again, with a growing pause, until it succeeds. Meanwhile the failure is
 * kept here, so that status and health can say which read model, at which position, and why; it is forgotten
 * once that event has been applied and committed.
 */
@Component
public class ReadModelFailures {

    /** A read model held at the event at {@code position}; {@code attempts} counts the failed tries so far. */
    public record Failure(String readModel, long position, String error, Instant since, int attempts) {
    }

    private static final Logger log = LoggerFactory.getLogger(ReadModelFailures.class);

    private final Map<String, ConcurrentSkipListMap<Long, Failure>> failures = new ConcurrentHashMap<>();
    private final Clock clock;

    public ReadModelFailures(Clock clock) {
        this.clock = clock;
    }

    /** The first failure of each read model in error, by read model name. */
    public List<Failure> current() {
        return failures.values().stream().map(this::first).flatMap(Optional::stream)
                .sorted(Comparator.comparing(Failure::readModel)).toList();
    }

    public Optional<Failure> of(String readModel) {
        ConcurrentSkipListMap<Long, Failure> held = failures.get(readModel);
        return held == null ? Optional.empty() : first(held);
    }

    /** Watches one read model's event handling: records a failure, forgets it once the event is applied. */
    public MessageHandlerInterceptor<EventMessage<?>> watching(String readModel) {
        return (UnitOfWork<? extends EventMessage<?>> unitOfWork, InterceptorChain chain) -> {
            EventMessage<?> event = unitOfWork.getMessage();
            if (!(event instanceof TrackedEventMessage<?> tracked) || tracked.trackingToken().position().isEmpty()) {
                return chain.proceed();
            }
            long position = tracked.trackingToken().position().getAsLong();
            try {
                Object result = chain.proceed();
                if (failures.containsKey(readModel)) {
                    unitOfWork.afterCommit(u -> recovered(readModel, position));
                }
                return result;
            } catch (Exception e) {
                failed(readModel, position, e);
                throw e;
            }
        };
    }

    private void failed(String readModel, long position, Exception e) {
        String error = e.getClass().getSimpleName() + ": " + e.getMessage();
        Failure failure = failures.computeIfAbsent(readModel, name -> new ConcurrentSkipListMap<>()).merge(position,
                new Failure(readModel, position, error, clock.instant(), 1),
                (old, now) -> new Failure(readModel, position, error, old.since(), old.attempts() + 1));
        log.warn("Read model {} stopped at the event at position {} (attempt {}); it is applied again after a pause: "
                + "{}", readModel, position, failure.attempts(), error);
    }

    private void recovered(String readModel, long position) {
        ConcurrentSkipListMap<Long, Failure> held = failures.get(readModel);
        Failure failure = held == null ? null : held.remove(position);
        if (failure != null) {
            log.info("Read model {} applied the event at position {} after {} failed attempts", readModel, position,
                    failure.attempts());
        }
    }

    private Optional<Failure> first(ConcurrentSkipListMap<Long, Failure> held) {
        Map.Entry<Long, Failure> first = held.firstEntry();
        return first == null ? Optional.empty() : Optional.of(first.getValue());
    }
}
