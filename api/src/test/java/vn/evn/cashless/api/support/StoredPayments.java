package vn.evn.cashless.api.support;

import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;

/**
 * What the event store holds for one customer, read as an auditor reads it (the customer's NDJSON ledger): how many
 * {@code PaymentRecorded} events each payment id has. A payment stored twice shows as a count of 2.
 */
public final class StoredPayments {

    private StoredPayments() {
    }

    /** Payment id → number of {@code PaymentRecorded} events for it, for every payment of the customer. */
    public static Map<String, Long> recordedPerPayment(Http http, String customer) {
        Http.Response ledger = http.get("/api/audit/customers/" + customer + "/events");
        if (ledger.status() != 200) {
            throw new AssertionError("the ledger of " + customer + " answered " + ledger);
        }
        Map<String, Long> counts = new TreeMap<>();
        ledger.raw().body().lines().filter(line -> !line.isBlank()).map(Http.JSON::readTree)
                .filter(event -> event.get("type").asString().equals("PaymentRecorded"))
                .map(event -> event.get("payload").get("payment").asString())
                .forEach(payment -> counts.merge(payment, 1L, Long::sum));
        return counts;
    }

    /** Payment id → how many times the customer's payments read model lists it. */
    public static Map<String, Long> listedPerPayment(Http http, String customer) {
        Http.Response listed = http.get("/api/customers/" + customer + "/payments");
        if (listed.status() != 200) {
            throw new AssertionError("the payments of " + customer + " answered " + listed);
        }
        Map<String, Long> counts = new TreeMap<>();
        for (JsonNode payment : listed.json().get("payments")) {
            counts.merge(payment.get("id").asString(), 1L, Long::sum);
        }
        return counts;
    }
}
