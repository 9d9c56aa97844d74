package vn.evn.cashless.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import vn.evn.cashless.api.support.Http;
import vn.evn.cashless.api.support.NotificationAnswers;
import vn.evn.cashless.api.support.PaymentNotification;
import vn.evn.cashless.api.support.Reads;
import vn.evn.cashless.api.support.RunningApplication;
import vn.evn.cashless.api.support.StoredPayments;
import vn.evn.cashless.domain.billing.ExternalRef;
import vn.evn.cashless.domain.billing.PaymentId;
import vn.evn.cashless.domain.channel.Provider;

/**
 * The application killed outright (SIGKILL) while eight clients are sending payments and resending some, then
 * started again on the same data, twice. Every payment a client was told about (2xx) is in the event store and, once
 * caught up, in the read models, exactly once. A notification whose answer the kill cut off may or may not be
 * stored; sending it again tells which (200 with its id, or 201), and stores it once either way.
 */
class CrashEndToEndTest {

    private static final Path DATA = Path.of("target", "crash-data", UUID.randomUUID().toString(), "postgres");
    private static final int CLIENTS = 8;
    private static final int CRASHES = 2;
    private static final int ACKNOWLEDGED_BEFORE_EACH_KILL = 80;
    private static final List<String> CUSTOMERS = List.of("PA20CR0000001", "PA20CR0000002", "PA20CR0000003",
            "PA20CR0000004");
    private static final String PERIOD = "2021-06";
    private static final String PROVIDER = "Vietcombank";

    /** A payment notification as a channel sends it; the same notification may be sent again. */
    private record Notification(String customer, long amount, String externalRef) implements NotificationAnswers.Sent {

        @Override
        public Map<String, Object> body() {
            return PaymentNotification.body(customer, PERIOD, amount, "BANK", PROVIDER, externalRef,
                    "2021-06-20T03:00:00Z");
        }

        @Override
        public String paymentId() {
            return PaymentId.of(Provider.of(PROVIDER), ExternalRef.of(externalRef)).toString();
        }
    }

    /** What the clients learnt while the application ran: answers they got, and requests the kill cut off. */
    private static final class Load extends NotificationAnswers<Notification> {

        private final AtomicInteger cutOffInFlight = new AtomicInteger();
        private final AtomicInteger refused = new AtomicInteger();
        private final ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);

        static Load start(RunningApplication application, int crash) {
            Load load = new Load();
            for (int client = 0; client < CLIENTS; client++) {
                int number = client;
                load.clients.submit(() -> load.send(application.http(), crash, number));
            }
            return load;
        }

        /** New payments, and every fourth request a resend of one already acknowledged, until the server dies. */
        private void send(Http http, int crash, int client) {
            List<Notification> mine = new ArrayList<>();
            for (int request = 0; !Thread.currentThread().isInterrupted(); request++) {
                boolean resend = request % 4 == 3;
                Notification notification = resend ? mine.get(request % mine.size())
                        : new Notification(CUSTOMERS.get((client + request) % CUSTOMERS.size()),
                                1_000 + 100L * (request % 50), "CRASH" + crash + "-C" + client + "-" + request);
                UncheckedIOException unanswered = post(http, notification, resend, mine);
                if (unanswered != null) {
                    (unanswered.getCause() instanceof ConnectException ? refused : cutOffInFlight).incrementAndGet();
                    return;
                }
            }
        }

        /** Waits for every client to meet the dead server. */
        void awaitEnd() throws InterruptedException {
            clients.shutdown();
            assertThat(clients.awaitTermination(2, TimeUnit.MINUTES)).as("every client stopped").isTrue();
        }
    }

    @Test
    void everyAcknowledgedPaymentSurvivesKillsUnderLoadExactlyOnce() throws Exception {
        Map<Notification, String> acknowledged = new HashMap<>();
        RunningApplication application = RunningApplication.start(DATA);
        try {
            setUpCustomersWithBills(application.http());
            for (int crash = 1; crash <= CRASHES; crash++) {
                Load load = Load.start(application, crash);
                try {
                    await().atMost(Duration.ofSeconds(60)).until(() -> !load.unexpected.isEmpty()
                            || load.acknowledged.size() >= ACKNOWLEDGED_BEFORE_EACH_KILL);
                    application.kill();
                    load.awaitEnd();
                } finally {
                    load.clients.shutdownNow();
                }
                assertThat(load.unexpected).isEmpty();
                acknowledged.putAll(load.acknowledged);

                application = RunningApplication.start(DATA);
                Http http = application.http();
                Map<String, Long> stored = recordedPerPayment(http);
                assertEveryAcknowledgedPaymentStoredOnce(stored, acknowledged, load.unanswered);
                assertResendsRecognised(http, load.acknowledged);
                long storedAnyway = resendCutOffNotifications(http, load.unanswered, stored, acknowledged);
                Reads.awaitCaughtUp(http);
                assertReadModelsHoldEachPaymentOnce(http, acknowledged);
                assertEachPaymentReadable(http, load.acknowledged);
                System.out.printf("crash %d: %d payments acknowledged during the load (%d resends recognised), "
                                + "%d requests cut off in flight and %d refused; of the %d new notifications cut off, "
                                + "%d had been stored; %d payments on record, none lost, none twice%n",
                        crash, load.acknowledged.size(), load.resendsRecognised.get(), load.cutOffInFlight.get(),
                        load.refused.get(), load.unanswered.size(), storedAnyway, acknowledged.size());
            }
        } finally {
            application.close();
        }
    }

    private static void setUpCustomersWithBills(Http http) {
        assertThat(http.post("/api/branches", Map.of("code", "CR", "name", "Điện lực Crash",
                "company", "PC Hà Giang")).status()).isEqualTo(201);
        assertThat(http.post("/api/branches/CR/communes", Map.of("code", "02001", "name", "Xã Thử",
                "kind", "COMMUNE")).status()).isEqualTo(201);
        for (String customer : CUSTOMERS) {
            assertThat(http.post("/api/customers", Map.of("code", customer, "name", "Khách hàng " + customer,
                    "branch", "CR", "commune", "02001", "registeredAt", "2020-01-01T00:00:00Z")).status())
                    .isEqualTo(201);
            // far more than the load can pay, so that every new notification is accepted
            assertThat(http.post("/api/bills", Map.of("customer", customer, "period", PERIOD,
                    "amount", 1_000_000_000_000L, "dueDate", "2021-06-25")).status()).isEqualTo(201);
        }
    }

    private static Map<String, Long> recordedPerPayment(Http http) {
        Map<String, Long> stored = new HashMap<>();
        CUSTOMERS.forEach(customer -> stored.putAll(StoredPayments.recordedPerPayment(http, customer)));
        return stored;
    }

    private static void assertEveryAcknowledgedPaymentStoredOnce(Map<String, Long> stored,
                                                                 Map<Notification, String> acknowledged,
                                                                 Set<Notification> unanswered) {
        assertThat(stored).as("PaymentRecorded events per payment").allSatisfy((payment, events) ->
                assertThat(events).as(payment).isOne());
        assertThat(stored.keySet()).as("no acknowledged payment lost").containsAll(acknowledged.values());
        Set<String> known = new java.util.HashSet<>(acknowledged.values());
        unanswered.forEach(notification -> known.add(notification.paymentId()));
        assertThat(known).as("nothing stored that no client sent").containsAll(stored.keySet());
    }

    /** Sends again what the kill cut off: 200 with its id if it was stored, 201 if not. Returns how many were. */
    private static long resendCutOffNotifications(Http http, Set<Notification> unanswered, Map<String, Long> stored,
                                                  Map<Notification, String> acknowledged) {
        long storedAnyway = 0;
        for (Notification notification : unanswered) {
            boolean wasStored = stored.containsKey(notification.paymentId());
            Http.Response answer = http.post("/api/payments", notification.body());
            assertThat(answer.status()).as(notification + " stored before the kill: " + wasStored + "; " + answer)
                    .isEqualTo(wasStored ? 200 : 201);
            assertThat(answer.json().get("id").asString()).isEqualTo(notification.paymentId());
            acknowledged.put(notification, notification.paymentId());
            storedAnyway += wasStored ? 1 : 0;
        }
        return storedAnyway;
    }

    private static void assertResendsRecognised(Http http, Map<Notification, String> acknowledged) {
        acknowledged.forEach((notification, id) -> {
            Http.Response answer = http.post("/api/payments", notification.body());
            assertThat(answer.status()).as(notification + ": " + answer).isEqualTo(200);
            assertThat(answer.json().get("id").asString()).isEqualTo(id);
        });
    }

    private static void assertReadModelsHoldEachPaymentOnce(Http http, Map<Notification, String> acknowledged) {
        Map<String, Map<String, Long>> expected = acknowledged.entrySet().stream().collect(Collectors.groupingBy(
                entry -> entry.getKey().customer(), Collectors.toMap(Map.Entry::getValue, entry -> 1L)));
        for (String customer : CUSTOMERS) {
            assertThat(StoredPayments.listedPerPayment(http, customer)).as(customer)
                    .isEqualTo(expected.getOrDefault(customer, Map.of()));
        }
    }

    private static void assertEachPaymentReadable(Http http, Map<Notification, String> acknowledged) {
        acknowledged.forEach((notification, id) -> {
            Http.Response payment = http.get("/api/payments/" + id);
            assertThat(payment.status()).as(id).isEqualTo(200);
            assertThat(payment.json().get("amount").asLong()).isEqualTo(notification.amount());
        });
    }
}
