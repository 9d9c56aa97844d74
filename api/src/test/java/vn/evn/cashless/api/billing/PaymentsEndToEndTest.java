package vn.evn.cashless.api.billing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import vn.evn.cashless.api.support.EndToEndTest;
import vn.evn.cashless.api.support.Http;

class PaymentsEndToEndTest extends EndToEndTest {

    @Test
    void identicalResendReturnsTheFirstAnswerAndStoresNothing() {
        String commune = uniqueCommuneCode();
        String customer = customer(branchWith(commune), commune);
        bill(customer, "2021-06", 512_000);
        Http.Response first = pay(customer, "2021-06", 512_000, "E_WALLET", "MoMo", "MOMO-88812",
                "2021-06-30T17:30:00Z");
        long events = eventCount();

        Http.Response again = pay(customer, "2021-06", 512_000, "E_WALLET", "MoMo", "MOMO-88812",
                "2021-06-30T17:30:00Z");

        assertThat(first.status()).isEqualTo(201);
        assertThat(first.header("Location")).isEqualTo("/api/payments/" + first.json().get("id").asString());
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("id").asString()).isEqualTo(first.json().get("id").asString());
        assertThat(again.json()).isEqualTo(first.json());
        assertThat(eventCount()).isEqualTo(events);
        awaitReadModels();
        assertThat(http().get("/api/customers/" + customer + "/payments").json().get("payments")).hasSize(1);
        JsonNode stored = http().get(first.header("Location")).json();
        assertThat(stored.get("amount").asLong()).isEqualTo(512_000);
        assertThat(stored.get("externalRef").asString()).isEqualTo("MOMO-88812");
        assertThat(stored.get("reversed").asBoolean()).isFalse();
    }

    @Test
    void sameReferenceWithOtherContentIsAConflict() {
        String commune = uniqueCommuneCode();
        String customer = customer(branchWith(commune), commune);
        bill(customer, "2021-06", 512_000);
        pay(customer, "2021-06", 200_000, "E_WALLET", "MoMo", "MOMO-1", "2021-06-30T10:00:00Z");
        long events = eventCount();

        Http.Response otherAmount = pay(customer, "2021-06", 300_000, "E_WALLET", "MoMo", "MOMO-1",
                "2021-06-30T10:00:00Z");
        Http.Response otherTime = pay(customer, "2021-06", 200_000, "E_WALLET", "MoMo", "MOMO-1",
                "2021-06-30T11:00:00Z");

        assertThat(otherAmount.status()).isEqualTo(409);
        assertThat(otherAmount.json().get("code").asString()).isEqualTo("PAYMENT_REFERENCE_CONFLICT");
        assertThat(otherTime.status()).isEqualTo(409);
        assertThat(eventCount()).isEqualTo(events);
    }

    @Test
    void sameReferenceOnAnotherBillIsAConflict() {
        String commune = uniqueCommuneCode();
        String branch = branchWith(commune);
        String first = customer(branch, commune);
        String second = customer(branch, commune);
        bill(first, "2021-05", 100_000);
        bill(second, "2021-05", 100_000);
        assertThat(pay(first, "2021-05", 100_000, "BANK", "Agribank", "AGR-7", "2021-05-20T03:00:00Z").status())
                .isEqualTo(201);
        long events = eventCount();

        Http.Response reused = pay(second, "2021-05", 100_000, "BANK", "Agribank", "AGR-7", "2021-05-20T03:00:00Z");

        assertThat(reused.status()).isEqualTo(409);
        assertThat(reused.json().get("field").asString()).isEqualTo("externalRef");
        assertThat(eventCount()).isEqualTo(events);
    }

    @Test
    void aReferenceHeldByAnotherBillIsAConflictWhateverThisBillWouldSay() {
        String commune = uniqueCommuneCode();
        String customer = customer(branchWith(commune), commune);
        bill(customer, "2021-05", 512_000);
        bill(customer, "2021-06", 300_000);
        pay(customer, "2021-05", 512_000, "E_WALLET", "MoMo", "M1", "2021-05-20T03:00:00Z");

        Http.Response aboveThisBill = pay(customer, "2021-06", 512_000, "E_WALLET", "MoMo", "M1",
                "2021-05-20T03:00:00Z");
        Http.Response noSuchBill = pay(customer, "2021-07", 512_000, "E_WALLET", "MoMo", "M1",
                "2021-05-20T03:00:00Z");

        assertThat(aboveThisBill.status()).isEqualTo(409);
        assertThat(aboveThisBill.json().get("code").asString()).isEqualTo("PAYMENT_REFERENCE_CONFLICT");
        assertThat(noSuchBill.status()).isEqualTo(409);
    }

    @Test
    void aResendThatStatesNoTimeIsAnsweredWithTheTimeOnRecord() {
        String commune = uniqueCommuneCode();
        String customer = customer(branchWith(commune), commune);
        bill(customer, "2021-06", 512_000);
        pay(customer, "2021-06", 512_000, "E_WALLET", "MoMo", "MOMO-T", "2021-06-30T17:30:00Z");

        Http.Response resent = pay(customer, "2021-06", 512_000, "E_WALLET", "MOMO", "MOMO-T", null);

        assertThat(resent.status()).isEqualTo(200);
        assertThat(resent.json().get("paidAt").asString()).isEqualTo("2021-07-01T00:30:00+07:00");
    }

    @Test
    void theSameReferenceAtAnotherProviderIsAnotherPayment() {
        String commune = uniqueCommuneCode();
        String customer = customer(branchWith(commune), commune);
        bill(customer, "2021-04", 100_000);

        Http.Response momo = pay(customer, "2021-04", 40_000, "E_WALLET", "MoMo", "TX-1", "2021-04-10T03:00:00Z");
        Http.Response zalo = pay(customer, "2021-04", 60_000, "E_WALLET", "ZaloPay", "TX-1", "2021-04-10T03:00:00Z");

        assertThat(momo.status()).isEqualTo(201);
        assertThat(zalo.status()).isEqualTo(201);
        assertThat(zalo.json().get("id").asString()).isNotEqualTo(momo.json().get("id").asString());
    }

    @Test
    void concurrentIdenticalNotificationsStoreOnePayment() throws Exception {
        String commune = uniqueCommuneCode();
        String customer = customer(branchWith(commune), commune);
        bill(customer, "2021-06", 512_000);
        int requests = 8;
        ExecutorService pool = Executors.newFixedThreadPool(requests);
        List<Future<Http.Response>> answers = new ArrayList<>();
        try {
            Callable<Http.Response> send = () -> pay(customer, "2021-06", 512_000, "E_WALLET", "MoMo", "MOMO-CC",
                    "2021-06-30T17:30:00Z");
            for (int i = 0; i < requests; i++) {
                answers.add(pool.submit(send));
            }
            List<Integer> statuses = new ArrayList<>();
            List<String> ids = new ArrayList<>();
            for (Future<Http.Response> answer : answers) {
                Http.Response response = answer.get();
                statuses.add(response.status());
                ids.add(response.json().get("id").asString());
            }
            assertThat(statuses).containsOnly(200, 201).filteredOn(s -> s == 201).hasSize(1);
            assertThat(ids).containsOnly(ids.get(0));
        } finally {
            pool.shutdownNow();
        }
        awaitReadModels();
        assertThat(http().get("/api/customers/" + customer + "/payments").json().get("payments")).hasSize(1);
    }

    @Test
    void concurrentPaymentsOfOneBillNeverExceedWhatIsOwed() throws Exception {
        String commune = uniqueCommuneCode();
        String customer = customer(branchWith(commune), commune);
        bill(customer, "2021-06", 300_000);
        ExecutorService pool = Executors.newFixedThreadPool(6);
        List<Future<Http.Response>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < 6; i++) {
                String ref = "PARALLEL-" + i;
                answers.add(pool.submit(() -> pay(customer, "2021-06", 100_000, "BANK", "BIDV", ref,
                        "2021-06-15T03:00:00Z")));
            }
            long accepted = 0;
            for (Future<Http.Response> answer : answers) {
                int status = answer.get().status();
                assertThat(status).isIn(201, 422);
                accepted += status == 201 ? 1 : 0;
            }
            assertThat(accepted).isEqualTo(3);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void paymentAboveWhatIsOutstandingIsRejected() {
        String commune = uniqueCommuneCode();
        String customer = customer(branchWith(commune), commune);
        bill(customer, "2021-06", 100_000);
        pay(customer, "2021-06", 60_000, "BANK", "BIDV", "B-1", "2021-06-10T03:00:00Z");

        Http.Response tooMuch = pay(customer, "2021-06", 50_000, "BANK", "BIDV", "B-2", "2021-06-11T03:00:00Z");

        assertThat(tooMuch.status()).isEqualTo(422);
        assertThat(tooMuch.json().get("code").asString()).isEqualTo("PAYMENT_ABOVE_OUTSTANDING");
        assertThat(tooMuch.json().get("field").asString()).isEqualTo("amount");
    }

    @Test
    void reversalTakesThePaymentOutOfTheFiguresAndGivesTheAmountBack() {
        String commune = uniqueCommuneCode();
        String branch = branchWith(commune);
        String customer = customer(branch, commune);
        String payment = paidBill(customer, "2021-03", 250_000, "BANK", "Vietcombank", "2021-03-10T03:00:00Z");

        Http.Response reversed = http().post("/api/payments/" + payment + "/reversal",
                Map.of("reason", "Ngân hàng báo trùng giao dịch", "reversedAt", "2021-03-11T03:00:00Z"));
        Http.Response again = http().post("/api/payments/" + payment + "/reversal",
                Map.of("reason", "again", "reversedAt", "2021-03-12T03:00:00Z"));
        Http.Response repaid = pay(customer, "2021-03", 250_000, "E_WALLET", "MoMo", "MOMO-R",
                "2021-03-12T03:00:00Z");

        assertThat(reversed.status()).isEqualTo(200);
        assertThat(reversed.json().get("reversed").asBoolean()).isTrue();
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("code").asString()).isEqualTo("PAYMENT_ALREADY_REVERSED");
        assertThat(repaid.status()).as("the reversed amount is owed again").isEqualTo(201);
        awaitReadModels();
        JsonNode payments = http().get("/api/customers/" + customer + "/payments").json().get("payments");
        assertThat(payments).hasSize(2);
        JsonNode first = find(payments, payment);
        assertThat(first.get("reversed").asBoolean()).isTrue();
        assertThat(first.get("reversedAt").asString()).isEqualTo("2021-03-11T10:00:00+07:00");
        JsonNode single = http().get("/api/payments/" + payment).json();
        assertThat(single.get("reversed").asBoolean()).isTrue();
        assertThat(single.get("reversalReason").asString()).isEqualTo("Ngân hàng báo trùng giao dịch");
        assertThat(single.get("customer").asString()).isEqualTo(customer);
        JsonNode totals = http().get("/api/branches/" + branch + "/coverage?period=2021-03").json().get("totals");
        assertThat(totals.get("payments").asLong()).isEqualTo(1);
        assertThat(totals.get("amount").asLong()).isEqualTo(250_000);
        assertThat(totals.get("cashlessPayments").asLong()).isEqualTo(1);
    }

    @Test
    void reversingAnUnknownPaymentIsNotFound() {
        Http.Response response = http().post("/api/payments/00000000-0000-0000-0000-000000000000/reversal",
                Map.of("reason", "test"));
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.json().get("code").asString()).isEqualTo("PAYMENT_NOT_FOUND");
    }

    @Test
    void aPaymentJustAfterLocalMidnightBelongsToTheNewMonth() {
        String commune = uniqueCommuneCode();
        String branch = branchWith(commune);
        String customer = customer(branch, commune);
        // 2021-06-30T17:30Z is 2021-07-01T00:30 in Vietnam: July, Q3 and H2, although still 30 June in UTC.
        paidBill(customer, "2021-06", 512_000, "E_WALLET", "MoMo", "2021-06-30T17:30:00Z");
        awaitReadModels();

        for (String period : List.of("2021-07", "2021-Q3", "2021-H2", "2021")) {
            JsonNode totals = http().get("/api/branches/" + branch + "/coverage?period=" + period).json()
                    .get("totals");
            assertThat(totals.get("payments").asLong()).as(period).isEqualTo(1);
        }
        for (String period : List.of("2021-06", "2021-Q2", "2021-H1", "2022")) {
            JsonNode totals = http().get("/api/branches/" + branch + "/coverage?period=" + period).json()
                    .get("totals");
            assertThat(totals.get("payments").asLong()).as(period).isZero();
        }
        JsonNode paid = http().get("/api/customers/" + customer + "/payments").json().get("payments").get(0);
        assertThat(paid.get("paidAt").asString()).isEqualTo("2021-07-01T00:30:00+07:00");
        assertThat(paid.get("period").asString()).isEqualTo("2021-06");
    }

    private static JsonNode find(JsonNode payments, String id) {
        for (JsonNode payment : payments) {
            if (payment.get("id").asString().equals(id)) {
                return payment;
            }
        }
        throw new AssertionError("no payment " + id + " in " + payments);
    }
}
