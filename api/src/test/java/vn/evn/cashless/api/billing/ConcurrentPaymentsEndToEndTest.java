package vn.evn.cashless.api.billing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import vn.evn.cashless.api.support.AtOnce;
import vn.evn.cashless.api.support.EndToEndTest;
import vn.evn.cashless.api.support.Http;
import vn.evn.cashless.api.support.PaymentRaces;
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

    @Test
    void sixteenClientsPayingOneBillTogetherNeverPayMoreThanIsOwed() throws Exception {
        String commune = uniqueCommuneCode();
        String customer = customer(branchWith(commune), commune);
        Map<String, Long> paidPerPeriod = new HashMap<>();
        Set<String> acceptedIds = new HashSet<>();

        for (int round = 1; round <= ROUNDS; round++) {
            String period = "2021-%02d".formatted(round);
            bill(customer, period, BILL_AMOUNT);
            acceptedIds.addAll(PaymentRaces.payInFullTogether(CLIENTS, round, BILL_AMOUNT,
                    (client, amount, externalRef) -> pay(customer, period, amount, "BANK", "BIDV", externalRef,
                            PAID_AT)));
            paidPerPeriod.put(period, BILL_AMOUNT);
        }

        awaitReadModels();
        Map<String, Long> listedPerPeriod = new HashMap<>();
        http().get("/api/customers/" + customer + "/payments").json().get("payments").forEach(payment ->
                listedPerPeriod.merge(payment.get("period").asString(), payment.get("amount").asLong(), Long::sum));
        assertThat(listedPerPeriod).as("each bill paid exactly in full").isEqualTo(paidPerPeriod);
        assertThat(StoredPayments.listedPerPayment(http(), customer).keySet()).isEqualTo(acceptedIds);
        assertThat(StoredPayments.recordedPerPayment(http(), customer)).hasSize(acceptedIds.size())
                .allSatisfy((payment, events) -> assertThat(events).isOne());
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
            paymentIds.add(PaymentRaces.assertOnePaymentForAll(answers));
        }

        assertThat(StoredPayments.recordedPerPayment(http(), customer))
                .as("one PaymentRecorded per notification in the event store")
                .isEqualTo(paymentIds.stream().collect(Collectors.toMap(id -> id, id -> 1L)));
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
