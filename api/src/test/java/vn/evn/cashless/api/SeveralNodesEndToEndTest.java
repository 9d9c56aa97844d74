package vn.evn.cashless.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;
import vn.evn.cashless.api.support.AtOnce;
import vn.evn.cashless.api.support.Http;
import vn.evn.cashless.api.support.NotificationAnswers;
import vn.evn.cashless.api.support.PaymentNotification;
import vn.evn.cashless.api.support.PaymentRaces;
import vn.evn.cashless.api.support.RunningApplication;
import vn.evn.cashless.api.support.SharedDatabase;
import vn.evn.cashless.api.support.StoredPayments;
import vn.evn.cashless.domain.billing.ExternalRef;
import vn.evn.cashless.domain.billing.PaymentId;
import vn.evn.cashless.domain.channel.Provider;

/**
 * Three application processes on one PostgreSQL server, clients spread over them. Only separate JVMs meet what a
 * deployment of several nodes meets: two requests appending to one bill at once in the database (Axon locks an
 * aggregate only inside its own JVM), segments of the read models shared out and taken over, a node dying with
 * claims and requests in flight.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SeveralNodesEndToEndTest {

    private static final Path ROOT = Path.of("target", "several-nodes", UUID.randomUUID().toString());
    private static final int NODES = 3;
    private static final int CLIENTS = 12;
    private static final int ROUNDS = 12;
    private static final long BILL_AMOUNT = 1_000_000;
    private static final String PAID_AT = "2021-06-15T03:00:00Z";
    private static final String PROVIDER = "BIDV";
    private static final AtomicInteger SERIAL = new AtomicInteger(1);

    private static SharedDatabase database;
    private static final List<RunningApplication> nodes = new ArrayList<>();

    @BeforeAll
    static void startNodesOnOneDatabase() throws Exception {
        database = SharedDatabase.start();
        // all at once, on an empty database: one migrates the schema while the others wait for Flyway's lock
        nodes.addAll(database.nodes(ROOT, NODES, List.of()));
    }

    @AfterAll
    static void stopNodes() throws Exception {
        for (RunningApplication node : nodes) {
            node.close();
        }
        database.close();
    }

    private static Http node(int index) {
        return nodes.get(index % NODES).http();
    }

    @Test
    @Order(1)
    void everyNodeTakesAShareOfTheReadModelsSegments() {
        Set<String> names = new HashSet<>();
        for (int index = 0; index < NODES; index++) {
            names.add(node(index).get("/api/status").json().get("node").asString());
        }
        assertThat(names).hasSize(NODES);
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            Map<String, Set<String>> owners = owners(node(0));
            for (String group : List.of("payments", "figures")) {
                assertThat(owners.get(group)).as("nodes holding segments of " + group).isEqualTo(names);
            }
        });
        System.out.printf("several nodes: segments shared out as %s%n", segmentsByNode(node(0)));
    }

    @Test
    @Order(2)
    void clientsOfThreeNodesPayingOneBillTogetherNeverPayMoreThanIsOwed() throws Exception {
        String customer = customersWithBills(1, ROUNDS, BILL_AMOUNT).codes().get(0);
        Set<String> acceptedIds = new HashSet<>();
        for (int round = 1; round <= ROUNDS; round++) {
            String period = period(round);
            acceptedIds.addAll(PaymentRaces.payInFullTogether(CLIENTS, round, BILL_AMOUNT,
                    (client, amount, externalRef) -> pay(node(client), customer, period, amount, externalRef)));
        }

        assertThat(StoredPayments.recordedPerPayment(node(0), customer)).hasSize(acceptedIds.size())
                .allSatisfy((payment, events) -> assertThat(events).isOne());
        awaitListed(node(1), customer, acceptedIds);
        awaitListed(node(2), customer, acceptedIds);
    }

    @Test
    @Order(3)
    void oneNotificationSentToThreeNodesAtOnceIsOnePaymentAndEveryNodeAnswersItsId() throws Exception {
        String customer = customersWithBills(1, ROUNDS, BILL_AMOUNT).codes().get(0);
        Set<String> paymentIds = new HashSet<>();
        for (int round = 1; round <= ROUNDS; round++) {
            String period = period(round);
            String externalRef = "NODES-SAME-" + round;
            List<Http.Response> answers = AtOnce.run(CLIENTS,
                    client -> pay(node(client), customer, period, 512_000, externalRef));
            paymentIds.add(PaymentRaces.assertOnePaymentForAll(answers));
        }

        assertThat(StoredPayments.recordedPerPayment(node(2), customer))
                .isEqualTo(paymentIds.stream().collect(Collectors.toMap(id -> id, id -> 1L)));
        awaitListed(node(0), customer, paymentIds);
    }

    @Test
    @Order(4)
    void clientsOfThreeNodesNamingANewProviderInDifferentSpellingsAllRecordItUnderOneName() throws Exception {
        Customers placed = customersWithBills(CLIENTS, 1, 100_000);
        String provider = "Ví Ba Nút " + placed.branch();
        List<String> spellings = List.of(provider, provider.toUpperCase(Locale.ROOT),
                provider.toLowerCase(Locale.ROOT));

        List<Http.Response> answers = AtOnce.run(CLIENTS, client -> node(client).post("/api/payments",
                PaymentNotification.body(placed.codes().get(client), period(1), 100_000, "E_WALLET",
                        spellings.get(client / NODES % spellings.size()), "SPELL-" + client, "2021-01-20T03:00:00Z")));

        assertThat(answers).allSatisfy(answer -> assertThat(answer.status()).as(answer.toString()).isEqualTo(201));
        Set<String> names = answers.stream().map(answer -> answer.json().get("provider").asString())
                .collect(Collectors.toSet());
        assertThat(names).as("the names the payments were recorded under").hasSize(1);
        assertThat(spellings).containsAll(names);
        for (int index = 0; index < NODES; index++) {
            Http http = node(index);
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(ok(http.get("/api/branches/"
                    + placed.branch() + "/channels?period=" + period(1))).get("channels")).singleElement()
                    .satisfies(row -> {
                        assertThat(names).contains(row.get("provider").asString());
                        assertThat(row.get("payments").asLong()).isEqualTo(CLIENTS);
                    }));
        }
    }

    /** A payment notification as a channel sends it; the same notification may be sent again. */
    private record Notification(String customer, long amount, String externalRef) implements NotificationAnswers.Sent {

        @Override
        public Map<String, Object> body() {
            return PaymentNotification.body(customer, "2021-01", amount, "BANK", PROVIDER, externalRef,
                    "2021-01-20T03:00:00Z");
        }

        @Override
        public String paymentId() {
            return PaymentId.of(Provider.of(PROVIDER), ExternalRef.of(externalRef)).toString();
        }
    }

    @Test
    @Order(5)
    void aNodeKilledUnderLoadLosesNothingCountsNothingTwiceAndItsSegmentsAreTakenOver() throws Exception {
        Customers placed = customersWithBills(6, 1, 1_000_000_000_000L);
        List<String> customers = placed.codes();
        String branch = placed.branch();
        assignPlan(branch);
        int victim = NODES - 1;
        String victimName = node(victim).get("/api/status").json().get("node").asString();

        boolean[] dead = new boolean[NODES];
        int requestsPerClient = 80;
        Load load = new Load(customers, "KILL", requestsPerClient, i -> {
            int target = i % NODES;
            return node(dead[target] ? (target + 1) % NODES : target);
        });
        load.awaitAcknowledged(CLIENTS * requestsPerClient / 4);
        long killedAt = System.nanoTime();
        nodes.get(victim).kill();
        dead[victim] = true;
        // the living nodes take the dead node's segments over while the clients go on
        double takeover = awaitTakenOver(node(0), victimName, killedAt);
        double loadSeconds = load.finish();
        long storedAnyway = assertNothingLostNothingTwice(load, placed, node(0), node(1));
        Map<String, JsonNode> figures = figures(node(0), branch);

        // a single node replays the same events into the figures: the same rows, the same answers
        JsonNode before = checksum(node(0), "figures");
        JsonNode paymentsBefore = checksum(node(0), "payments");
        awaitRebuilt(node(1), "figures");
        awaitRebuilt(node(0), "payments");
        awaitCaughtUp(node(0));
        assertThat(checksum(node(1), "figures")).isEqualTo(before);
        assertThat(checksum(node(1), "payments")).isEqualTo(paymentsBefore);
        assertThat(figures(node(0), branch)).isEqualTo(figures);

        System.out.printf("several nodes: %d nodes, %d clients; %d payments acknowledged (%d resends recognised); "
                        + "%d requests cut off by the kill, of whose new notifications %d had been stored; "
                        + "none lost, none twice; the dead node's segments were taken over %.1f s after the kill; "
                        + "%d requests answered in %.1f s (%.0f/s, a node down for most of it)%n",
                NODES, CLIENTS, load.acknowledged.size(), load.resendsRecognised.get(), load.cutOff.get(),
                storedAnyway, takeover, load.answered(), loadSeconds, load.answered() / loadSeconds);
    }

    /**
     * A node started while the others are under load claims its share of every read model's segments, which the
     * others give back between two of their batches: the read models go on from the tokens the givers stored, so
     * every payment is listed and counted once, whichever node applied it. It runs after the kill above: two nodes
     * live when the third starts, so its share is two of each read model's six segments (with three living nodes
     * already, each would keep its two and leave it none).
     */
    @Test
    @Order(6)
    void aNodeJoiningUnderLoadTakesItsShareMidStreamAndNothingIsCountedTwice() throws Exception {
        // many customers: the load lasts as long as the node takes to start, and one customer's list is a page
        Customers placed = customersWithBills(60, 1, 1_000_000_000_000L);
        assignPlan(placed.branch());
        List<Http> targets = new CopyOnWriteArrayList<>(List.of(node(0), node(1)));
        Load load = new Load(placed.codes(), "JOIN", Integer.MAX_VALUE, i -> targets.get(i % targets.size()));
        load.awaitAcknowledged(CLIENTS * 10);

        RunningApplication joining = database.node(ROOT.resolve("node-joining"), List.of());
        nodes.add(joining); // stopped with the others
        Http joined = joining.http();
        String name = joined.get("/api/status").json().get("node").asString();
        targets.add(joined);
        int before = load.acknowledged.size();
        Map<String, Integer> shares = new TreeMap<>();
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            Map<String, Map<String, Integer>> byNode = segmentsByNode(node(0));
            for (String group : List.of("payments", "figures", "notices")) {
                shares.put(group, byNode.get(group).getOrDefault(name, 0));
            }
            assertThat(shares).as("segments the joining node holds").allSatisfy((group, count) ->
                    assertThat(count).as(group).isPositive());
        });
        // the load goes on after the hand-over, on every node
        load.awaitAcknowledged(load.acknowledged.size() + CLIENTS * 10);
        load.stop();
        load.finish();
        assertThat(load.acknowledged.size() - before).as("payments acknowledged while the node joined").isPositive();
        assertNothingLostNothingTwice(load, placed, node(0), joined);
        System.out.printf("several nodes: a node joined under load and took %s segments; %d payments acknowledged "
                + "(%d resends recognised), none lost, none twice%n", shares, load.acknowledged.size(),
                load.resendsRecognised.get());
    }

    /**
     * A node that stands still (SIGSTOP) under load, with claims and events in hand, for longer than a node may stay
     * silent, is counted dead; another node rebuilds the figures meanwhile, taking the segments' owners off and
     * moving their tokens past what the stalled node had in hand. When the node goes on, it must not apply to the
     * rebuilt rows the events it had in hand, which they already hold: its claims are gone, and a token stored without
     * one is refused (the segment may also be another node's by then), so its batch rolls back. Every payment is
     * listed and counted once. (The moment when the segment is nobody's is short here, since the rebuilding node
     * claims the segments at once: {@code OwnClaimsTokenStoreTest} shows the refusals step by step.)
     */
    @Test
    @Order(7)
    void aNodeStalledThroughARebuildCountsNothingTwiceWhenItGoesOn() throws Exception {
        Customers placed = customersWithBills(60, 1, 1_000_000_000_000L);
        assignPlan(placed.branch());
        RunningApplication stalled = nodes.get(1);
        List<Http> others = List.of(node(0), nodes.get(3).http());
        Load load = new Load(placed.codes(), "STALL", Integer.MAX_VALUE, i -> others.get(i % others.size()));
        load.awaitAcknowledged(CLIENTS * 10);

        stalled.stall();
        String job;
        try {
            // the rebuild waits until the stalled node counts as dead, copies the history, then switches over: takes
            // the claims off and moves the tokens. The node goes on as the copy is done: the switch-over may have to
            // wait for a transaction the node left open, and the node then meets the switch-over at once.
            job = startRebuild(others.get(0), "figures");
            // done when it has read up to the head's position it started from (positions drawn by appends that
            // rolled back hold no event, so the count of events applied may never get there)
            await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(100)).until(() -> {
                JsonNode state = others.get(0).get(job).json();
                JsonNode position = state.get("position");
                return !state.get("state").asString().equals("RUNNING")
                        || position.isNumber() && position.asLong() >= state.get("total").asLong();
            });
        } finally {
            stalled.resume();
        }
        awaitJob(others.get(0), job);
        load.awaitAcknowledged(load.acknowledged.size() + CLIENTS * 10);
        load.stop();
        load.finish();
        assertNothingLostNothingTwice(load, placed, others.get(0), stalled.http(), others.get(1));
        System.out.printf("several nodes: a node stalled through a rebuild of the figures; %d payments acknowledged "
                + "meanwhile, none lost, none twice%n", load.acknowledged.size());
    }

    /** A plan for a branch's 2021-Q1, so that its progress can be read. */
    private static void assignPlan(String branch) {
        assertThat(node(0).put("/api/plans/" + branch + "/2021-Q1", Map.of(
                "targets", Map.of("cashlessAmountRatio", 50, "cashlessPaymentRatio", 50,
                        "zaloRegistrations", 10, "communeCoverage", 100),
                "cashlessKinds", List.of("BANK", "E_WALLET"))).status()).isEqualTo(200);
    }

    /**
     * {@value #CLIENTS} clients in the background, each sending new payment notifications to the customers in turn
     * and, every fourth request, resending one of its own already acknowledged; {@code target} picks the node of the
     * n-th request. A request cut off (its node killed) is remembered, unanswered.
     */
    private static final class Load extends NotificationAnswers<Notification> {
        final AtomicInteger cutOff = new AtomicInteger();
        private final AtomicInteger sent = new AtomicInteger();
        private final ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        private final long started = System.nanoTime();
        private volatile boolean stopped;

        Load(List<String> customers, String prefix, int requestsPerClient, IntFunction<Http> target) {
            for (int c = 0; c < CLIENTS; c++) {
                int client = c;
                clients.submit(() -> {
                    List<Notification> mine = new ArrayList<>();
                    for (int request = 0; request < requestsPerClient && !stopped; request++) {
                        boolean resend = request % 4 == 3 && !mine.isEmpty();
                        Notification notification = resend ? mine.get(request % mine.size())
                                : new Notification(customers.get((client + request) % customers.size()),
                                        1_000 + 100L * (request % 50), prefix + "-C" + client + "-" + request);
                        send(target.apply(client + request), notification, resend, mine);
                    }
                });
            }
        }

        private void send(Http node, Notification notification, boolean resend, List<Notification> mine) {
            sent.incrementAndGet();
            if (post(node, notification, resend, mine) != null) {
                cutOff.incrementAndGet();
            }
        }

        /** Waits until so many new payments are acknowledged (or an answer was unexpected). */
        void awaitAcknowledged(int count) {
            await().atMost(Duration.ofSeconds(120)).until(() -> !unexpected.isEmpty()
                    || acknowledged.size() >= count);
        }

        /** The clients stop after their request in flight. */
        void stop() {
            stopped = true;
        }

        /** Waits for every client to end; the seconds since the load started. Every answer was as expected. */
        double finish() throws InterruptedException {
            clients.shutdown();
            assertThat(clients.awaitTermination(5, TimeUnit.MINUTES)).as("every client done").isTrue();
            assertThat(unexpected).as("answers other than 201 for new and 200 for resent notifications").isEmpty();
            return (System.nanoTime() - started) / 1e9;
        }

        int answered() {
            return sent.get() - cutOff.get();
        }
    }

    /**
     * Every acknowledged payment is stored once and nothing else is; each cut-off notification, sent again, gets the
     * answer its fate calls for (200 if it was stored, 201 if not); once the read models have caught up, every node
     * given lists each payment once and answers the same figures, whose amount is the sum of the payments. Returns
     * how many cut-off notifications had been stored.
     */
    private static long assertNothingLostNothingTwice(Load load, Customers placed, Http... living) {
        List<String> customers = placed.codes();
        Map<String, Long> stored = new TreeMap<>();
        customers.forEach(customer -> stored.putAll(StoredPayments.recordedPerPayment(living[0], customer)));
        assertThat(stored).as("PaymentRecorded events per payment").allSatisfy((payment, events) ->
                assertThat(events).as(payment).isOne());
        assertThat(stored.keySet()).as("no acknowledged payment lost").containsAll(load.acknowledged.values());
        Set<String> sent = new HashSet<>(load.acknowledged.values());
        load.unanswered.forEach(notification -> sent.add(notification.paymentId()));
        assertThat(sent).as("nothing stored that no client sent").containsAll(stored.keySet());
        long storedAnyway = 0;
        for (Notification notification : load.unanswered) {
            boolean wasStored = stored.containsKey(notification.paymentId());
            Http.Response answer = living[1].post("/api/payments", notification.body());
            assertThat(answer.status()).as(notification + " stored before the kill: " + wasStored)
                    .isEqualTo(wasStored ? 200 : 201);
            load.acknowledged.put(notification, notification.paymentId());
            storedAnyway += wasStored ? 1 : 0;
        }
        for (Http node : living) {
            awaitCaughtUp(node);
        }

        Map<String, Map<String, Long>> expected = load.acknowledged.entrySet().stream().collect(
                Collectors.groupingBy(entry -> entry.getKey().customer(),
                        Collectors.toMap(Map.Entry::getValue, entry -> 1L)));
        for (Http node : living) {
            for (String customer : customers) {
                assertThat(StoredPayments.listedPerPayment(node, customer)).as(customer)
                        .isEqualTo(expected.getOrDefault(customer, Map.of()));
            }
        }
        long total = load.acknowledged.keySet().stream().mapToLong(Notification::amount).sum();
        Map<String, JsonNode> figures = figures(living[0], placed.branch());
        assertThat(figures.get("channels").toString())
                .as("figures of %d payments, %d VND", load.acknowledged.size(), total)
                .contains("\"payments\":" + load.acknowledged.size() + ",\"amount\":" + total + ",");
        for (Http node : living) {
            assertThat(figures(node, placed.branch())).as("the figures every node answers").isEqualTo(figures);
        }
        return storedAnyway;
    }

    /** Waits until a living node holds every segment the dead node held; seconds since the kill. */
    private static double awaitTakenOver(Http living, String deadNode, long killedAt) {
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            JsonNode status = living.get("/api/status").json();
            for (JsonNode processor : status.get("processors")) {
                for (JsonNode segment : processor.get("segments")) {
                    JsonNode holder = segment.get("node");
                    assertThat(holder.isNull() ? null : holder.asString())
                            .as(processor.get("name").asString() + " segment " + segment.get("segment"))
                            .isNotNull().isNotEqualTo(deadNode);
                }
            }
        });
        return (System.nanoTime() - killedAt) / 1e9;
    }

    private static void awaitCaughtUp(Http node) {
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(100))
                .until(() -> node.get("/api/status").json().get("caughtUp").asBoolean());
    }

    /** Read model → the nodes holding any of its segments. */
    private static Map<String, Set<String>> owners(Http http) {
        Map<String, Set<String>> owners = new HashMap<>();
        for (JsonNode processor : http.get("/api/status").json().get("processors")) {
            Set<String> holders = new HashSet<>();
            for (JsonNode segment : processor.get("segments")) {
                if (!segment.get("node").isNull()) {
                    holders.add(segment.get("node").asString());
                }
            }
            owners.put(processor.get("name").asString(), holders);
        }
        return owners;
    }

    private static Map<String, Map<String, Integer>> segmentsByNode(Http http) {
        Map<String, Map<String, Integer>> byNode = new TreeMap<>();
        for (JsonNode processor : http.get("/api/status").json().get("processors")) {
            Map<String, Integer> counts = new TreeMap<>();
            for (JsonNode segment : processor.get("segments")) {
                counts.merge(segment.get("node").isNull() ? "nobody" : segment.get("node").asString(), 1,
                        Integer::sum);
            }
            byNode.put(processor.get("name").asString(), counts);
        }
        return byNode;
    }

    private static Map<String, JsonNode> figures(Http http, String branch) {
        Map<String, JsonNode> figures = new TreeMap<>();
        figures.put("coverage", ok(http.get("/api/branches/" + branch + "/coverage?period=2021-Q1")));
        figures.put("channels", ok(http.get("/api/branches/" + branch + "/channels?period=2021-Q1")));
        figures.put("progress", ok(http.get("/api/plans/" + branch + "/2021-Q1/progress")));
        return figures;
    }

    private static JsonNode checksum(Http http, String readModel) {
        return ok(http.get("/api/admin/projections/" + readModel + "/checksum"));
    }

    private static void awaitRebuilt(Http http, String readModel) {
        awaitJob(http, startRebuild(http, readModel));
    }

    /** The path of the rebuild's job, started. */
    private static String startRebuild(Http http, String readModel) {
        Http.Response started = http.post("/api/admin/projections/" + readModel + "/rebuild", Map.of());
        assertThat(started.status()).as(started.toString()).isEqualTo(202);
        return "/api/admin/jobs/" + started.json().get("id").asString();
    }

    private static void awaitJob(Http http, String job) {
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
                .until(() -> !http.get(job).json().get("state").asString().equals("RUNNING"));
        assertThat(http.get(job).json().get("state").asString()).isEqualTo("SUCCEEDED");
    }

    private static JsonNode ok(Http.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    /** Waits, with a deadline, until the node lists exactly these payments, each once. */
    private static void awaitListed(Http node, String customer, Set<String> payments) {
        Map<String, Long> eachOnce = payments.stream().collect(Collectors.toMap(id -> id, id -> 1L));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(StoredPayments.listedPerPayment(node, customer)).isEqualTo(eachOnce));
    }

    /** Customers of one new branch. */
    private record Customers(String branch, List<String> codes) {
    }

    /**
     * {@code count} customers of a new branch (two communes), each with a bill of {@code amount} for each of the
     * first {@code months} months of 2021.
     */
    private static Customers customersWithBills(int count, int months, long amount) {
        Http http = node(0);
        int serial = SERIAL.getAndIncrement();
        String branch = "N" + serial;
        List<String> communes = List.of(String.format("%05d", 70_000 + 2 * serial),
                String.format("%05d", 70_001 + 2 * serial));
        assertThat(http.post("/api/branches", Map.of("code", branch, "name", "Điện lực " + branch,
                "company", "PC Hà Giang")).status()).isEqualTo(201);
        for (String commune : communes) {
            assertThat(http.post("/api/branches/" + branch + "/communes", Map.of("code", commune,
                    "name", "Xã " + commune, "kind", "COMMUNE")).status()).isEqualTo(201);
        }
        List<String> customers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String customer = String.format("PA20%-4s%05d", branch, i).replace(' ', 'N');
            customers.add(customer);
            assertThat(http.post("/api/customers", Map.of("code", customer, "name", "Khách hàng " + customer,
                    "branch", branch, "commune", communes.get(i % 2), "registeredAt", "2020-01-01T00:00:00Z"))
                    .status()).isEqualTo(201);
            for (int month = 1; month <= months; month++) {
                String period = period(month);
                assertThat(http.post("/api/bills", Map.of("customer", customer, "period", period,
                        "amount", amount, "dueDate", period + "-25")).status()).isEqualTo(201);
            }
        }
        return new Customers(branch, customers);
    }

    /** One month per round, from January 2021 on. */
    private static String period(int round) {
        return YearMonth.of(2021, 1).plusMonths(round - 1L).toString();
    }

    private static Http.Response pay(Http node, String customer, String period, long amount, String externalRef) {
        return node.post("/api/payments",
                PaymentNotification.body(customer, period, amount, "BANK", PROVIDER, externalRef, PAID_AT));
    }
}
