package vn.evn.cashless.application.notice;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import vn.evn.cashless.application.messaging.CommandBatch;
import vn.evn.cashless.application.messaging.CommandSender;
import vn.evn.cashless.application.messaging.RequestContext;
import vn.evn.cashless.application.nodes.Nodes;
import vn.evn.cashless.domain.billing.Vnd;
import vn.evn.cashless.domain.channel.NotificationChannel;
import vn.evn.cashless.domain.customer.PhoneNumber;
import vn.evn.cashless.domain.notice.NoticeChannels;
import vn.evn.cashless.domain.notice.NoticeId;
import vn.evn.cashless.domain.notice.NoticeStep;
import vn.evn.cashless.domain.notice.NoticeText;
import vn.evn.cashless.domain.notice.QueueNotice;
import vn.evn.cashless.domain.notice.RecordNoticeAttempt;
import vn.evn.cashless.domain.organisation.BranchCode;
import vn.evn.cashless.domain.organisation.CommuneCode;

/**
 * Sends the notices of {@code notice_dispatch}, on every node at once. A worker claims a batch of due rows for a
 * lease ({@code FOR UPDATE SKIP LOCKED}: no row goes to two nodes), queues the new ones, asks the gateway for each
 * message, and records every answer with what comes next in one transaction. A node that dies holding rows loses
 * them when the lease runs out; another node asks the gateway again with the same idempotency key, and the notice,
 * which knows which try it waits for, records the answer once. Without a gateway it sends nothing.
 */
public class NoticeDispatcher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(NoticeDispatcher.class);
    private static final RequestContext CONTEXT = new RequestContext("notices", null, "notices");

    private final JdbcTemplate jdbc;
    private final NoticeGateway gateway;
    private final NoticeSteps steps;
    private final CommandSender commands;
    private final CommandBatch batches;
    private final NoticeProperties properties;
    private final Nodes nodes;
    private final ChannelThrottle throttle;
    private final AtomicInteger livingNodes = new AtomicInteger(1);
    private ExecutorService workers;
    private volatile boolean running;

    public NoticeDispatcher(JdbcTemplate jdbc, NoticeGateway gateway, NoticeSteps steps, CommandSender commands,
                            CommandBatch batches, NoticeProperties properties, Nodes nodes) {
        this.jdbc = jdbc;
        this.gateway = gateway;
        this.steps = steps;
        this.commands = commands;
        this.batches = batches;
        this.properties = properties;
        this.nodes = nodes;
        this.throttle = new ChannelThrottle(properties.ratePerSecond(), livingNodes::get);
    }

    @Override
    public void start() {
        running = true;
        if (gateway == null) {
            return;
        }
        AtomicInteger serial = new AtomicInteger();
        workers = Executors.newFixedThreadPool(properties.workers(), runnable -> {
            Thread thread = new Thread(runnable, "notice-sender-" + serial.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        for (int i = 0; i < properties.workers(); i++) {
            workers.execute(this::work);
        }
        log.info("Sending notices with {} workers per node", properties.workers());
    }

    @Override
    public void stop() {
        running = false;
        if (workers != null) {
            workers.shutdownNow();
            try {
                workers.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** After the event processors, before them on the way down: a notice is recorded while the store is there. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 100;
    }

    private void work() {
        while (running && !Thread.currentThread().isInterrupted()) {
            try {
                if (sendDue() == 0) {
                    Thread.sleep(properties.poll().toMillis());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                log.warn("Sending notices failed; trying again in {}: {}", properties.poll(), e.toString());
                try {
                    Thread.sleep(properties.poll().toMillis());
                } catch (InterruptedException stopped) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** One round: claims due notices, sends them, records the answers; returns how many it claimed. */
    int sendDue() throws InterruptedException {
        livingNodes.set(nodes.living());
        List<Dispatch> claimed = claim();
        if (claimed.isEmpty()) {
            return 0;
        }
        List<Dispatch> sending = new ArrayList<>(claimed.size());
        List<Dispatch> fresh = claimed.stream().filter(Dispatch::isNew).toList();
        if (!fresh.isEmpty()) {
            sending.addAll(queue(fresh));
        }
        claimed.stream().filter(dispatch -> !dispatch.isNew()).forEach(sending::add);
        List<Answered> answered = new ArrayList<>(sending.size());
        long renewAt = System.nanoTime() + properties.lease().toNanos() / 2;
        Set<String> lost = Set.of();
        for (Dispatch dispatch : sending) {
            if (System.nanoTime() > renewAt) {
                lost = renewLease(sending);
                renewAt = System.nanoTime() + properties.lease().toNanos() / 2;
            }
            if (lost.contains(dispatch.notice().toString())) {
                continue;
            }
            throttle.acquire(dispatch.channel());
            answered.add(new Answered(dispatch, gateway.send(message(dispatch)), Instant.now()));
        }
        record(answered);
        return claimed.size();
    }

    /**
     * Holds on to the rows of this round for another lease; returns those no longer held (the lease ran out and
     * another node took them), which this round leaves alone.
     */
    private Set<String> renewLease(List<Dispatch> sending) {
        String[] notices = sending.stream().map(d -> d.notice().toString()).toArray(String[]::new);
        Set<String> held = new HashSet<>(jdbc.queryForList("""
                UPDATE notice_dispatch SET lease_until = now() + make_interval(secs => ?)
                WHERE notice = ANY (?) AND lease_owner = ? RETURNING notice""", String.class,
                (double) properties.lease().toMillis() / 1000, notices, nodes.self()));
        Set<String> lost = new HashSet<>(List.of(notices));
        lost.removeAll(held);
        return lost;
    }

    /**
     * As many as this worker can send in half a lease at its share of the slowest channel's rate (up to the batch
     * size), so that a throttled worker does not claim rows it cannot send before its lease runs out.
     */
    private int claimSize() {
        double slowest = properties.ratePerSecond().values().stream().filter(rate -> rate > 0)
                .min(Double::compare).orElse(Double.POSITIVE_INFINITY);
        double perWorker = slowest / livingNodes.get() / Math.max(1, properties.workers());
        double inHalfALease = perWorker * properties.lease().toMillis() / 2000.0;
        return (int) Math.max(1, Math.min(properties.batchSize(), Math.floor(inHalfALease)));
    }

    private List<Dispatch> claim() {
        return jdbc.query("""
                UPDATE notice_dispatch d SET lease_owner = ?, lease_until = now() + make_interval(secs => ?)
                FROM (SELECT notice FROM notice_dispatch
                      WHERE stage IN ('NEW', 'SEND') AND not_before <= now()
                        AND (lease_until IS NULL OR lease_until < now())
                      ORDER BY not_before LIMIT ? FOR UPDATE SKIP LOCKED) due
                WHERE d.notice = due.notice
                RETURNING d.notice, d.customer, d.branch, d.commune, d.amount, d.due_date, d.stage, d.phone,
                          d.text, d.channel, d.attempt""", NoticeDispatcher::dispatch, nodes.self(),
                (double) properties.lease().toMillis() / 1000, claimSize());
    }

    private static Dispatch dispatch(ResultSet row, int i) throws SQLException {
        String channel = row.getString("channel");
        return new Dispatch(NoticeId.parse(row.getString("notice")), row.getString("customer"),
                row.getString("branch"), row.getString("commune"), row.getLong("amount"),
                row.getDate("due_date").toLocalDate(), row.getString("stage"), row.getString("phone"),
                row.getString("text"), channel == null ? null : NotificationChannel.valueOf(channel), row.getInt("attempt"));
    }

    /** What a new notice needs of its customer when it is queued. */
    private record Contact(PhoneNumber phone, Set<NotificationChannel> registered) {
    }

    /**
     * Queues new notices in one transaction (each with the customer's channels as they are now) and returns those
     * that have a channel to try. A notice that exists already is one whose row a replay wrote again: it is dropped.
     */
    private List<Dispatch> queue(List<Dispatch> fresh) {
        Map<String, Contact> contacts = contacts(fresh);
        Set<String> existing = new HashSet<>(jdbc.queryForList("""
                SELECT aggregateidentifier FROM domainevententry
                WHERE aggregateidentifier = ANY (?) AND sequencenumber = 0""", String.class,
                (Object) fresh.stream().map(d -> d.notice().toString()).toArray(String[]::new)));
        Instant now = Instant.now();
        List<Dispatch> toSend = new ArrayList<>(fresh.size());
        commands.retryingConflicts(() -> batches.inOneTransaction("queue notices", CONTEXT, () -> {
            toSend.clear();
            for (Dispatch dispatch : fresh) {
                String notice = dispatch.notice().toString();
                Contact contact = contacts.getOrDefault(dispatch.customer(), new Contact(null, Set.of()));
                List<NotificationChannel> channels = existing.contains(notice) ? List.of()
                        : NoticeChannels.forCustomer(contact.registered(), contact.phone());
                if (!existing.contains(notice)) {
                    commands.send(new QueueNotice(dispatch.notice(), BranchCode.of(dispatch.branch()),
                            CommuneCode.of(dispatch.commune()), Vnd.of(dispatch.amount()), dispatch.dueDate(),
                            channels, contact.phone(), now), CONTEXT);
                }
                String phone = contact.phone() == null ? null : contact.phone().value();
                // the text the notice was just queued with: the same function of the same values
                String text = NoticeText.of(dispatch.notice().kind(), dispatch.customer(),
                        dispatch.notice().bill().period(), dispatch.amount(), dispatch.dueDate());
                if (channels.isEmpty()) {
                    jdbc.update("DELETE FROM notice_dispatch WHERE notice = ? AND lease_owner = ?", notice,
                            nodes.self());
                } else {
                    jdbc.update("""
                            UPDATE notice_dispatch SET stage = 'SEND', channel = ?, attempt = 1, phone = ?, text = ?
                            WHERE notice = ? AND lease_owner = ?""", channels.get(0).name(), phone, text, notice,
                            nodes.self());
                    toSend.add(dispatch.sending(phone, text, channels.get(0)));
                }
            }
            return null;
        }));
        return toSend;
    }

    private Map<String, Contact> contacts(List<Dispatch> fresh) {
        Map<String, Contact> contacts = new HashMap<>();
        jdbc.query("SELECT customer, phone, zalo, app FROM notice_contact WHERE customer = ANY (?)", row -> {
            Set<NotificationChannel> registered = EnumSet.noneOf(NotificationChannel.class);
            if (row.getBoolean("zalo")) {
                registered.add(NotificationChannel.ZALO);
            }
            if (row.getBoolean("app")) {
                registered.add(NotificationChannel.APP);
            }
            String phone = row.getString("phone");
            contacts.put(row.getString("customer"), new Contact(phone == null ? null : PhoneNumber.of(phone),
                    registered));
        }, (Object) fresh.stream().map(Dispatch::customer).distinct().toArray(String[]::new));
        return contacts;
    }

    private static GatewayMessage message(Dispatch dispatch) {
        return new GatewayMessage(dispatch.idempotencyKey(), dispatch.notice().toString(), dispatch.channel(),
                dispatch.recipient(), dispatch.customer(), dispatch.phone(), dispatch.text());
    }

    private record Answered(Dispatch dispatch, GatewayAnswer answer, Instant at) {
    }

    /** Records the answers of one round together; if that meets a concurrent writer, one notice at a time. */
    private void record(List<Answered> answered) {
        try {
            batches.inOneTransaction("notice answers", CONTEXT, () -> {
                answered.forEach(this::recordOne);
                return null;
            });
        } catch (RuntimeException e) {
            log.debug("Recording {} answers together met a concurrent writer ({}); one at a time", answered.size(),
                    e.toString());
            for (Answered one : answered) {
                commands.retryingConflicts(() -> batches.inOneTransaction("notice answer", CONTEXT, () -> {
                    recordOne(one);
                    return null;
                }));
            }
        }
    }

    private void recordOne(Answered one) {
        Dispatch dispatch = one.dispatch();
        NoticeStep step = commands.send(new RecordNoticeAttempt(dispatch.notice(), dispatch.channel(),
                dispatch.attempt(), one.answer().result(), one.answer().reason(), one.at(),
                properties.maxAttempts()), CONTEXT);
        steps.follow(step, nodes.self(), one.at(), CONTEXT);
    }
}
