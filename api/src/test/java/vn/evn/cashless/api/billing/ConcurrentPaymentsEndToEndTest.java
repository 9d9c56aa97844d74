package vn.evn.cashless.api.billing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import vn.evn.cashless.api.support.AtOnce;
import vn.evn.cashless.api.support.EndToEndTest;
import vn.evn.cashless.api.support.Http;
import vn.evn.cashless.api.support.StoredPayments;

/**
 * Sixteen clients at the same instant, several rounds in a row so that the races have their chances: the bill never
 * takes more than it is owed, a notification is stored once whoever sends it, and no client gets a server error or
 * a conflict it could only retry.
 */
class ConcurrentPaymentsEndToEndTest extends EndToEndTest {

    private static final int CLIENTS = 16;
    private static final int ROUNDS = 6;
    private static final long BILL_AMOUNT = 1_000_000;
    private static final String PAID_AT = "2021-06-15T03:00:00Z";

    /** One client's payment and the answer it got. */
    private record Attempt(long amount, Http.Response answer) {

        boolean accepted() {
            return answer.status() == 201;
        }
    }

    @Test
    void sixteenClientsPayingOneBillTogetherNeverPayMoreThanIsOwed() throws Exception {
        String commune = uniqueCommuneCode();
        String customer = customer(branchWith(commune), commune);
        Map<String, Long> acceptedPerPeriod = new HashMap<>();
        Set<String> acceptedIds = new HashSet<>();

        for (int round = 1; round <= ROUNDS; round++) {
            String period = "2021-%02d".formatted(round);
            bill(customer, period, BILL_AMOUNT);
            List<Long> amounts = amountsMoreThanOneBill(round);
            String refPrefix = "RACE-" + round + "-";
            List<Attempt> attempts = AtOnce.run(CLIENTS, client -> new Attempt(amounts.get(client),
                    pay(customer, period, amounts.get(client), "BANK", "BIDV", refPrefix + client, PAID_AT)));

            long acceptedSum = 0;
            for (Attempt attempt : attempts) {
                assertThat(attempt.answer().status()).as(attempt.answer().toString()).isIn(201, 422);
                if (attempt.accepted()) {
                    acceptedSum += attempt.amount();
                    acceptedIds.add(attempt.answer().json().get("id").asString());
                } else {
                    assertThat(attempt.answer().json().get("code").asString()).isEqualTo("PAYMENT_ABOVE_OUTSTANDING");
                }
            }
            assertThat(acceptedSum).as("round %d", round).isPositive().isLessThanOrEqualTo(BILL_AMOUNT);
            long outstanding = BILL_AMOUNT - acceptedSum;
            // What is owed only shrinks, so each refused amount was above what is still owed now.
            assertThat(attempts).filteredOn(attempt -> !attempt.accepted())
                    .allSatisfy(refused -> assertThat(refused.amount()).isGreaterThan(outstanding));

            // The bill itself agrees: one VND more than the remainder is refused, the exact remainder accepted.
            Http.Response oneTooMany = pay(customer, period, outstanding + 1, "BANK", "BIDV", refPrefix + "over",
                    PAID_AT);
            assertThat(oneTooMany.status()).as(oneTooMany.toString()).isEqualTo(422);
            if (outstanding > 0) {
                Http.Response remainder = pay(customer, period, outstanding, "BANK", "BIDV", refPrefix + "rest",
                        PAID_AT);
                assertThat(remainder.status()).as(remainder.toString()).isEqualTo(201);
                acceptedIds.add(remainder.json().get("id").asString());
            }
            acceptedPerPeriod.put(period, BILL_AMOUNT);
        }

        awaitReadModels();
        Http.Response listed = http().get("/api/customers/" + customer + "/payments");
        Map<String, Long> listedPerPeriod = new HashMap<>();
        listed.json().get("payments").forEach(payment -> listedPerPeriod.merge(payment.get("period").asString(),
                payment.get("amount").asLong(), Long::sum));
        assertThat(listedPerPeriod).as("each bill paid exactly in full").isEqualTo(acceptedPerPeriod);
        assertThat(StoredPayments.listedPerPayment(http(), customer).keySet()).isEqualTo(acceptedIds);
        assertThat(StoredPayments.recordedPerPayment(http(), customer)).hasSize(acceptedIds.size())
                .allSatisfy((payment, events) -> assertThat(events).isOne());
    }

    /** 50,000 to 150,000 VND each, about 1.6 million together: more than the bill, in amounts that differ. */
    private static List<Long> amountsMoreThanOneBill(int round) {
        return IntStream.range(0, CLIENTS).mapToObj(client -> 50_000L + 10_000L * ((client * 7L + round) % 11))
                .toList();
    }

    @Test
    void sixteenClientsSendingOneNotificationTogetherStoreOnePaymentAndAllGetItsId() throws Exception {
        String commune = uniqueCommuneCode();
        String customer = customer(branchWith(commune), commune);
        Set<String> paymentIds = new HashSet<>();

        for (int round = 1; round <= ROUNDS; round++) {
            String period = "2021-%02d".formatted(round);
            bill(customer, period, 512_000);
            String externalRef = "MOMO-SAME-" + round;
            List<Http.Response> answers = AtOnce.run(CLIENTS,
                    client -> pay(customer, period, 512_000, "E_WALLET", "MoMo", externalRef, PAID_AT));

            assertThat(answers).extracting(Http.Response::status).as("round %d", round)
                    .containsOnly(200, 201).filteredOn(status -> status == 201).hasSize(1);
            List<String> ids = answers.stream().map(answer -> answer.json().get("id").asString()).distinct().toList();
            assertThat(ids).as("round %d: every client is told the same payment", round).hasSize(1);
            Http.Response created = answers.stream().filter(answer -> answer.status() == 201).findFirst().orElseThrow();
            assertThat(created.header("Location")).isEqualTo("/api/payments/" + ids.get(0));
            paymentIds.add(ids.get(0));
        }

        assertThat(StoredPayments.recordedPerPayment(http(), customer))
                .as("one PaymentRecorded per notification in the event store")
                .isEqualTo(paymentIds.stream().collect(java.util.stream.Collectors.toMap(id -> id, id -> 1L)));
        awaitReadModels();
        assertThat(StoredPayments.listedPerPayment(http(), customer)).hasSize(ROUNDS)
                .allSatisfy((payment, listings) -> assertThat(listings).isOne());
        for (String payment : paymentIds) {
            Http.Response stored = http().get("/api/payments/" + payment);
            assertThat(stored.status()).isEqualTo(200);
            assertThat(stored.json().get("amount").asLong()).isEqualTo(512_000);
        }
    }
}
