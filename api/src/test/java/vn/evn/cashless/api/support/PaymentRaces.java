package vn.evn.cashless.api.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongFunction;
import java.util.stream.IntStream;

/** What must hold after many clients paid one bill at the same instant, whichever of them won. */
public final class PaymentRaces {

    /** One client's payment and the answer it got. */
    public record Attempt(long amount, Http.Response answer) {

        public boolean accepted() {
            return answer.status() == 201;
        }
    }

    /** Sends a payment of {@code amount} under {@code externalRef} as the client numbered {@code client}. */
    @FunctionalInterface
    public interface Payer {

        Http.Response pay(int client, long amount, String externalRef);
    }

    private PaymentRaces() {
    }

    /**
     * One round: {@code clients} pay one bill at the same instant, together more than it asks; the checks below
     * hold; then the bill is paid up with what it still owes. Returns the ids of all the payments it accepted.
     */
    public static List<String> payInFullTogether(int clients, int round, long billAmount, Payer payer)
            throws Exception {
        List<Long> amounts = amountsFor(clients, round);
        String refPrefix = "RACE-" + round + "-";
        List<Attempt> attempts = AtOnce.run(clients, client -> new Attempt(amounts.get(client),
                payer.pay(client, amounts.get(client), refPrefix + client)));
        long outstanding = assertAcceptedWithinBill(attempts, billAmount);
        List<String> accepted = new ArrayList<>(attempts.stream().filter(Attempt::accepted)
                .map(attempt -> attempt.answer().json().get("id").asString()).toList());
        AtomicInteger probe = new AtomicInteger();
        assertBillOwesExactly(outstanding, amount -> {
            int client = probe.getAndIncrement();
            return payer.pay(client, amount, refPrefix + "probe-" + client);
        }).ifPresent(accepted::add);
        return accepted;
    }

    /** 50,000 to 150,000 VND each, about 100,000 × {@code clients} together, in amounts that differ by round. */
    private static List<Long> amountsFor(int clients, int round) {
        return IntStream.range(0, clients).mapToObj(client -> 50_000L + 10_000L * ((client * 7L + round) % 11))
                .toList();
    }

    /**
     * Every client got 201 or a 422 {@code PAYMENT_ABOVE_OUTSTANDING}, the accepted amounts together fit the bill,
     * and each refused amount is above what is owed now (what is owed only shrinks). Returns what is owed now.
     */
    private static long assertAcceptedWithinBill(List<Attempt> attempts, long billAmount) {
        long acceptedSum = 0;
        for (Attempt attempt : attempts) {
            assertThat(attempt.answer().status()).as(attempt.answer().toString()).isIn(201, 422);
            if (attempt.accepted()) {
                acceptedSum += attempt.amount();
            } else {
                assertThat(attempt.answer().json().get("code").asString()).isEqualTo("PAYMENT_ABOVE_OUTSTANDING");
            }
        }
        assertThat(acceptedSum).isPositive().isLessThanOrEqualTo(billAmount);
        long outstanding = billAmount - acceptedSum;
        assertThat(attempts).filteredOn(attempt -> !attempt.accepted())
                .allSatisfy(refused -> assertThat(refused.amount()).isGreaterThan(outstanding));
        return outstanding;
    }

    /**
     * The bill agrees with the clients' sums: one VND above {@code outstanding} is refused and exactly
     * {@code outstanding} accepted. {@code payNewReference} pays an amount under a reference not used before.
     * Returns the id of the payment of the remainder, if anything remained.
     */
    private static Optional<String> assertBillOwesExactly(long outstanding, LongFunction<Http.Response> payNewReference) {
        Http.Response oneTooMany = payNewReference.apply(outstanding + 1);
        assertThat(oneTooMany.status()).as(oneTooMany.toString()).isEqualTo(422);
        if (outstanding == 0) {
            return Optional.empty();
        }
        Http.Response remainder = payNewReference.apply(outstanding);
        assertThat(remainder.status()).as(remainder.toString()).isEqualTo(201);
        return Optional.of(remainder.json().get("id").asString());
    }

    /** Identical notifications sent at once: one 201, 200 for all the others, and one payment id for all. */
    public static String assertOnePaymentForAll(List<Http.Response> answers) {
        assertThat(answers).extracting(Http.Response::status).containsOnly(200, 201)
                .filteredOn(status -> status == 201).hasSize(1);
        List<String> ids = answers.stream().map(answer -> answer.json().get("id").asString()).distinct().toList();
        assertThat(ids).as("every client is told the same payment").hasSize(1);
        Http.Response created = answers.stream().filter(answer -> answer.status() == 201).findFirst().orElseThrow();
        assertThat(created.header("Location")).isEqualTo("/api/payments/" + ids.get(0));
        return ids.get(0);
    }
}
