package vn.evn.cashless.api.billing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import vn.evn.cashless.api.support.AtOnce;
import vn.evn.cashless.api.support.EndToEndTest;
import vn.evn.cashless.api.support.Http;
import vn.evn.cashless.api.support.StoredPayments;
import vn.evn.cashless.domain.billing.ExternalRef;
import vn.evn.cashless.domain.billing.PaymentId;
import vn.evn.cashless.domain.channel.Provider;

/**
 * Thirty-two clients at once, each sending a series of payments: new ones, resends of their own, notifications two
 * clients send together, payments the ledger refuses (an unknown bill, a reference another bill holds, more than is
 * owed) and payments racing for one small bill. Concurrent payments are recorded in shared transactions (group
 * commit): whichever request shares a transaction with which, every client gets the answer it would get alone, every
 * accepted payment is stored and listed once, and the figures add up.
 */
class GroupCommitEndToEndTest extends EndToEndTest {

    private static final int CLIENTS = 32;
    private static final int REQUESTS_PER_CLIENT = 8;
    private static final String PERIOD = "2021-06";
    private static final String PAID_AT = "2021-06-15T03:00:00Z";
    private static final String PROVIDER = "BIDV";
    private static final long LARGE_BILL = 100_000_000;
    private static final long SMALL_BILL = 300_000;
    private static final long SMALL_PAYMENT = 50_000;

    /** One request and what it must be answered: a status, and for a refusal its code. */
    private record Request(String customer, String period, long amount, String externalRef, int status,
                           String code) {

        Map<String, Object> body() {
            return vn.evn.cashless.api.support.PaymentNotification.body(customer, period, amount, "BANK", PROVIDER,
                    externalRef, PAID_AT);
        }

        String paymentId() {
            return PaymentId.of(Provider.of(PROVIDER), ExternalRef.of(externalRef)).toString();
        }
    }

    private record Answered(Request request, Http.Response answer) {
    }

    @Test
    void concurrentPaymentsSharingTransactionsAreEachAnsweredAsAloneAndStoredOnce() throws Exception {
        String commune = uniqueCommuneCode();
        String branch = branchWith(commune);
        List<String> customers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String customer = customer(branch, commune);
            bill(customer, PERIOD, LARGE_BILL);
            customers.add(customer);
        }
        String small = customer(branch, commune);
        bill(small, PERIOD, SMALL_BILL);
        String holder = customers.get(0);
        String heldRef = "GC-HELD-" + branch;
        Http.Response held = pay(holder, PERIOD, 7_000, "BANK", PROVIDER, heldRef, PAID_AT);
        assertThat(held.status()).as(held.toString()).isEqualTo(201);
        String heldId = held.json().get("id").asString();
        long groupsBefore = metric("ledger_payment_groups_total");

        List<List<Answered>> perClient = AtOnce.run(CLIENTS, client -> {
            List<Answered> answered = new ArrayList<>();
            for (int i = 0; i < REQUESTS_PER_CLIENT; i++) {
                Request request = request(client, i, branch, customers, small, heldRef, answered);
                answered.add(new Answered(request, http().post("/api/payments", request.body())));
            }
            return answered;
        });
        List<Answered> all = perClient.stream().flatMap(List::stream).toList();

        // each answer is the one the request would get alone
        Map<String, List<Answered>> shared = new HashMap<>();
        List<Answered> racing = new ArrayList<>();
        for (Answered a : all) {
            Request r = a.request();
            if (r.status() == 0) {
                (r.customer().equals(small) ? racing : shared.computeIfAbsent(r.externalRef(), k -> new ArrayList<>()))
                        .add(a);
                continue;
            }
            assertThat(a.answer().status()).as(r + ": " + a.answer()).isEqualTo(r.status());
            if (r.code() != null) {
                assertThat(a.answer().json().get("code").asString()).as(r + ": " + a.answer()).isEqualTo(r.code());
            } else {
                assertThat(a.answer().json().get("id").asString()).isEqualTo(r.paymentId());
                assertThat(a.answer().json().get("amount").asLong()).isEqualTo(r.amount());
            }
        }
        assertThat(shared).hasSize(CLIENTS / 2).allSatisfy((ref, pair) -> {
            assertThat(pair).hasSize(2);
            assertThat(pair).extracting(a -> a.answer().status()).as(ref).containsExactlyInAnyOrder(200, 201);
            assertThat(pair).extracting(a -> a.answer().json().get("id").asString())
                    .containsOnly(pair.get(0).request().paymentId());
        });
        assertThat(racing).hasSize(CLIENTS / 4).allSatisfy(a -> {
            assertThat(a.answer().status()).as(a.answer().toString()).isIn(201, 422);
            if (a.answer().status() == 422) {
                assertThat(a.answer().json().get("code").asString()).isEqualTo("PAYMENT_ABOVE_OUTSTANDING");
            }
        });
        assertThat(racing).filteredOn(a -> a.answer().status() == 201)
                .as("the small bill takes exactly what it is owed").hasSize((int) (SMALL_BILL / SMALL_PAYMENT));

        // every accepted payment stored once, listed once, and counted once in the figures
        Map<String, Map<String, Long>> acceptedPerCustomer = new HashMap<>();
        acceptedPerCustomer.computeIfAbsent(holder, c -> new HashMap<>()).put(heldId, 7_000L);
        all.stream().filter(a -> a.answer().status() == 201).forEach(a -> acceptedPerCustomer
                .computeIfAbsent(a.request().customer(), c -> new HashMap<>())
                .put(a.answer().json().get("id").asString(), a.request().amount()));
        awaitReadModels();
        long paymentsCount = 0;
        long paymentsAmount = 0;
        for (String customer : concat(customers, small)) {
            Map<String, Long> accepted = acceptedPerCustomer.getOrDefault(customer, Map.of());
            Map<String, Long> once = accepted.keySet().stream().collect(Collectors.toMap(id -> id, id -> 1L));
            assertThat(StoredPayments.recordedPerPayment(http(), customer)).as(customer).isEqualTo(once);
            assertThat(StoredPayments.listedPerPayment(http(), customer)).as(customer).isEqualTo(once);
            Map<String, Long> listedAmounts = new HashMap<>();
            http().get("/api/customers/" + customer + "/payments").json().get("payments").forEach(payment ->
                    listedAmounts.put(payment.get("id").asString(), payment.get("amount").asLong()));
            assertThat(listedAmounts).as(customer).isEqualTo(accepted);
            paymentsCount += accepted.size();
            paymentsAmount += accepted.values().stream().mapToLong(Long::longValue).sum();
        }
        JsonNode channels = http().get("/api/branches/" + branch + "/channels?period=" + PERIOD).json();
        long count = paymentsCount;
        long amount = paymentsAmount;
        assertThat(channels.get("channels")).singleElement().satisfies(row -> {
            assertThat(row.get("provider").asString()).isEqualTo(PROVIDER);
            assertThat(row.get("payments").asLong()).isEqualTo(count);
            assertThat(row.get("amount").asLong()).isEqualTo(amount);
        });
        assertThat(metric("ledger_payment_groups_total")).as("payments were committed in groups")
                .isGreaterThan(groupsBefore);
    }

    /**
     * Client {@code c}'s request number {@code i}: mostly new payments; some resent; one sent by two clients; the
     * refusals; the race for the small bill.
     */
    private static Request request(int c, int i, String branch, List<String> customers, String small, String heldRef,
                                   List<Answered> earlier) {
        String customer = customers.get((c + i) % customers.size());
        String ref = "GC-" + branch + "-" + c + "-" + i;
        long amount = 1_000 + 10L * c + i;
        return switch (i) {
            case 1 -> new Request(customers.get(c % 16 % customers.size()), PERIOD, 2_000 + c % 16,
                    "GC-" + branch + "-SHARED-" + (c % 16), 0, null);
            case 2 -> switch (c % 4) {
                case 0 -> new Request(customer, "2021-07", amount, ref, 404, "BILL_NOT_FOUND");
                case 1 -> new Request(customers.get(1 + c % (customers.size() - 1)), PERIOD, amount, heldRef, 409,
                        "PAYMENT_REFERENCE_CONFLICT");
                case 2 -> new Request(customer, PERIOD, LARGE_BILL + 1, ref, 422, "PAYMENT_ABOVE_OUTSTANDING");
                default -> new Request(small, PERIOD, SMALL_PAYMENT, ref, 0, null);
            };
            case 5, 7 -> {
                Request resent = earlier.get(0).request();
                yield new Request(resent.customer(), resent.period(), resent.amount(), resent.externalRef(), 200,
                        null);
            }
            default -> new Request(customer, PERIOD, amount, ref, 201, null);
        };
    }

    private long metric(String name) {
        return http().get("/actuator/prometheus").raw().body().lines()
                .filter(line -> line.startsWith(name + " ") || line.startsWith(name + "{"))
                .mapToLong(line -> (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    private static List<String> concat(List<String> customers, String one) {
        List<String> all = new ArrayList<>(customers);
        all.add(one);
        return all;
    }
}
