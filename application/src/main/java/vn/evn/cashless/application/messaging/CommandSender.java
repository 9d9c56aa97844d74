package vn.evn.cashless.application.messaging;

import static vn.evn.cashless.application.messaging.Causes.find;

import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.stereotype.Component;
import vn.evn.cashless.domain.shared.DomainException;
import vn.evn.cashless.domain.shared.ErrorCode;

/**
 * Sends commands and waits for them, turning what Axon throws into the domain's own rejections. A command
 * returns only once its events are committed: an accepted request is never lost afterwards.
 */
@Component
public class CommandSender {

    private static final Logger log = LoggerFactory.getLogger(CommandSender.class);
    /**
     * A conflict means another request committed to the same aggregate, so every retry follows real progress and
     * the count is bounded by how many requests change one aggregate at once. Inside one JVM Axon's lock queues them;
     * between nodes on one database they collide, and two nodes with eight clients each on one bill made single
     * requests lose four times in a row: five attempts would hand such a client a conflict to retry itself.
     */
    private static final int ATTEMPTS = 20;

    private final CommandGateway commandGateway;

    public CommandSender(CommandGateway commandGateway) {
        this.commandGateway = commandGateway;
    }

    /** Sends a command that creates an aggregate; an existing one is rejected with {@code ifExists}. */
    public <R> R create(Object command, RequestContext context, DomainException ifExists) {
        try {
            return send(command, context);
        } catch (RuntimeException e) {
            if (find(e, AggregateStreamCreationException.class) != null) {
                throw ifExists;
            }
            throw e;
        }
    }

    /** Sends a command to an existing aggregate; a missing one is rejected with {@code ifMissing}. */
    public <R> R update(Object command, RequestContext context, DomainException ifMissing) {
        try {
            return send(command, context);
        } catch (RuntimeException e) {
            if (find(e, AggregateNotFoundException.class) != null) {
                throw ifMissing;
            }
            throw e;
        }
    }

    public <R> R send(Object command, RequestContext context) {
        try {
            return commandGateway.sendAndWait(
                    GenericCommandMessage.asCommandMessage(command).andMetaData(context.toMetaData()));
        } catch (RuntimeException e) {
            DomainException rejection = find(e, DomainException.class);
            throw rejection != null ? rejection : e;
        }
    }

    /**
     * A random pause before deciding again, growing with the attempts (up to 64 ms): requests of several nodes
     * that collided on one bill then come back at different moments instead of colliding again.
     */
    private static void backOff(int attempt) {
        long bound = Math.min(64, 1L << Math.min(attempt, 6));
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(bound / 2, bound + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to decide again", e);
        }
    }

    /**
     * Runs a check-then-send step again when a concurrent request changed the same aggregate or claimed the same
     * key between the check and the commit, or when the database chose its transaction to end a deadlock (all of it
     * rolled back). The repeated checks then see the other request's outcome.
     */
    public <R> R retryingConflicts(Supplier<R> step) {
        RuntimeException last = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                return step.get();
            } catch (RuntimeException e) {
                if (find(e, ConcurrencyException.class) == null && find(e, DuplicateKeyException.class) == null
                        && find(e, AggregateStreamCreationException.class) == null
                        && find(e, PessimisticLockingFailureException.class) == null) {
                    throw e;
                }
                last = e;
                log.debug("Conflict on attempt {} of {}; deciding again: {}", attempt, ATTEMPTS, e.toString());
                backOff(attempt);
            }
        }
        throw new DomainException(ErrorCode.CONCURRENT_MODIFICATION,
                "the same record was changed by other requests at the same time; try again (" + last.getMessage()
                        + ")");
    }
}
