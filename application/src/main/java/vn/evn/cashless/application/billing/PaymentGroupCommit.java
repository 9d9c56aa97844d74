package vn.evn.cashless.application.billing;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import vn.evn.cashless.application.messaging.CommandBatch;
import vn.evn.cashless.application.messaging.RequestContext;
import vn.evn.cashless.domain.billing.PaymentOutcome;
import vn.evn.cashless.domain.billing.RecordPayment;

/**
 * Single payments ({@code POST /api/payments}) that arrive together are recorded in one database transaction: one
 * commit, one flush of the write-ahead log, for all of them. Each request is answered only once that transaction is
 * committed, so a 2xx is as durable as before.
 * <p>
 * No thread of its own and no timer: a request queues its payment, and if fewer than {@code committers} groups are
 * being recorded and its payment is still waiting, its own thread takes every payment waiting (up to
 * {@code max-size}) and records them; otherwise it waits for its answer. A request alone is recorded at once, exactly
 * as without grouping.
 * <p>
 * A group is one Axon unit of work with a nested one per payment ({@link CommandBatch}, as a reconciliation file's
 * batch): a payment the bill refuses rolls back its own nested unit of work and gets its own rejection, the others
 * stay ({@link BillingService#recordTogether}, as a file's batch is recorded). The group's bills are read in one
 * query before its commands run. Payments for one bill see each other's staged events, so a resent notification
 * is a duplicate (200) of the first, and the second payment of a bill sees what the first took off the amount
 * outstanding. The one refusal that would fail the whole transaction at its commit, a reference another bill holds
 * (a unique key), is decided before, from the references stored and those the group's own payments took. A group
 * takes its bills' locks in the order of their ids, so two groups never wait for each other's bills in a circle.
 * <p>
 * Whatever still fails the transaction (a concurrent writer on another node claimed the same reference or appended
 * to the same bill, the group names a provider never recorded before in two spellings, the database gave up on it)
 * rolls the group back, and its payments are then recorded one by one, each in its own transaction with its own
 * retries, so each gets exactly the answer it would have got alone.
 */
@Component
public class PaymentGroupCommit {

    private static final Logger log = LoggerFactory.getLogger(PaymentGroupCommit.class);

    private final BillingService billing;
    private final CommandBatch commandBatch;
    private final boolean enabled;
    private final int maxSize;
    private final int committers;

    private final Object monitor = new Object();
    private final ArrayDeque<Pending> waiting = new ArrayDeque<>();
    private int committing;
    private final AtomicLong groupsCommitted = new AtomicLong();
    private final AtomicLong paymentsInGroups = new AtomicLong();
    private final AtomicLong groupsRecordedOneByOne = new AtomicLong();

    public PaymentGroupCommit(BillingService billing, CommandBatch commandBatch,
                              @Value("${ledger.payments.group-commit.enabled:true}") boolean enabled,
                              @Value("${ledger.payments.group-commit.max-size:64}") int maxSize,
                              @Value("${ledger.payments.group-commit.committers:2}") int committers) {
        if (maxSize < 1 || committers < 1) {
            throw new IllegalArgumentException("ledger.payments.group-commit.max-size and .committers must be at "
                    + "least 1, not " + maxSize + " and " + committers);
        }
        this.billing = billing;
        this.commandBatch = commandBatch;
        this.enabled = enabled;
        this.maxSize = maxSize;
        this.committers = committers;
    }

    /** Records a reported payment as {@link BillingService#recordPayment} does, with the payments waiting beside it. */
    public PaymentOutcome recordPayment(RecordPayment notification, RequestContext context) {
        if (!enabled) {
            return billing.recordPayment(notification, context);
        }
        Pending mine = new Pending(billing.underRecordedProvider(notification), context);
        synchronized (monitor) {
            waiting.add(mine);
        }
        while (true) {
            List<Pending> group;
            synchronized (monitor) {
                while (!mine.answered && (mine.taken || committing >= committers)) {
                    try {
                        monitor.wait();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        if (!mine.taken) {
                            waiting.remove(mine);
                        }
                        throw new IllegalStateException("interrupted while waiting for the payment's group", e);
                    }
                }
                if (mine.answered) {
                    return mine.outcome();
                }
                committing++;
                group = new ArrayList<>(Math.min(waiting.size(), maxSize));
                while (group.size() < maxSize && !waiting.isEmpty()) {
                    Pending next = waiting.poll();
                    next.taken = true;
                    group.add(next);
                }
            }
            try {
                record(group);
            } finally {
                synchronized (monitor) {
                    committing--;
                    monitor.notifyAll();
                }
            }
        }
    }

    /** Groups of two payments or more committed in one transaction, since the start. */
    public long groupsCommitted() {
        return groupsCommitted.get();
    }

    /** The payments of those groups. */
    public long paymentsInGroups() {
        return paymentsInGroups.get();
    }

    /** Groups that could not commit together and were recorded one payment at a time. */
    public long groupsRecordedOneByOne() {
        return groupsRecordedOneByOne.get();
    }

    /** Records a group and answers each of its payments, whatever happens. */
    private void record(List<Pending> group) {
        try {
            if (group.size() == 1) {
                Pending only = group.get(0);
                only.decide(() -> billing.recordPayment(only.command, only.context));
            } else {
                recordTogether(group);
            }
        } catch (RuntimeException | Error e) {
            group.forEach(pending -> pending.failIfUnanswered(e));
            throw e;
        }
    }

    private void recordTogether(List<Pending> group) {
        List<Pending> inLockOrder = new ArrayList<>(group);
        inLockOrder.sort(Comparator.comparing(pending -> pending.command.bill().toString()));
        Map<Pending, Decision> decided;
        try {
            decided = commandBatch.inOneTransaction("payments", group.get(0).context, () -> decide(inLockOrder));
        } catch (RuntimeException e) {
            log.debug("A group of {} payments could not commit together ({}); recording them one by one",
                    group.size(), e.toString());
            groupsRecordedOneByOne.incrementAndGet();
            for (Pending pending : inLockOrder) {
                pending.decide(() -> billing.recordPayment(pending.command, pending.context));
            }
            return;
        }
        // committed: now, and only now, each request has its answer
        groupsCommitted.incrementAndGet();
        paymentsInGroups.addAndGet(group.size());
        synchronized (monitor) {
            decided.forEach(Pending::settle);
            monitor.notifyAll();
        }
    }

    /** Runs each payment's command in the group's transaction; a refusal is that payment's answer alone. */
    private Map<Pending, Decision> decide(List<Pending> group) {
        List<BillingService.Decided> outcomes = billing.recordTogether(group.stream()
                .map(pending -> new BillingService.Together(pending.command, pending.context)).toList());
        Map<Pending, Decision> decided = new HashMap<>();
        for (int i = 0; i < group.size(); i++) {
            BillingService.Decided outcome = outcomes.get(i);
            decided.put(group.get(i), new Decision(outcome.outcome(), outcome.refusal()));
        }
        return decided;
    }

    /** What the group's transaction decided for one payment, given to its request once committed. */
    private record Decision(PaymentOutcome outcome, RuntimeException refusal) {
        static Decision recorded(PaymentOutcome outcome) {
            return new Decision(outcome, null);
        }

        static Decision refused(RuntimeException refusal) {
            return new Decision(null, refusal);
        }
    }

    /** One request's payment, from its arrival to its answer. Guarded by the monitor. */
    private final class Pending {

        private final RecordPayment command;
        private final RequestContext context;
        private boolean taken;
        private boolean answered;
        private PaymentOutcome outcome;
        private Throwable failure;

        Pending(RecordPayment command, RequestContext context) {
            this.command = command;
            this.context = context;
        }

        /** Records this payment on its own (its own transaction and retries) and answers it. */
        void decide(java.util.function.Supplier<PaymentOutcome> alone) {
            Decision decision;
            try {
                decision = Decision.recorded(alone.get());
            } catch (RuntimeException e) {
                decision = Decision.refused(e);
            }
            answer(decision);
        }

        void answer(Decision decision) {
            synchronized (monitor) {
                settle(decision);
                monitor.notifyAll();
            }
        }

        /** Called with the monitor held; whoever calls it wakes the waiting requests. */
        void settle(Decision decision) {
            outcome = decision.outcome();
            failure = decision.refusal();
            answered = true;
        }

        void failIfUnanswered(Throwable e) {
            synchronized (monitor) {
                if (!answered) {
                    failure = e;
                    answered = true;
                    monitor.notifyAll();
                }
            }
        }

        /** The answer: called with the monitor held, once answered. */
        PaymentOutcome outcome() {
            if (failure instanceof RuntimeException e) {
                throw e;
            }
            if (failure instanceof Error e) {
                throw e;
            }
            return outcome;
        }
    }
}
