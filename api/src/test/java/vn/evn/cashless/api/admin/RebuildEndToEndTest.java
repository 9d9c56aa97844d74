package vn.evn.cashless.api.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import vn.evn.cashless.api.support.EndToEndTest;
import vn.evn.cashless.api.support.Http;
import vn.evn.cashless.domain.shared.Zones;

/** Rebuilding a read model from the history gives the same content, also while payments keep arriving. */
class RebuildEndToEndTest extends EndToEndTest {

    private static final List<String> READ_MODELS =
            List.of("organisation", "customers", "payments", "figures", "notices", "command-lookups");

    /** The application's own connection (its role may change read models, as a projection does). */
    @Autowired
    private JdbcTemplate jdbc;

    @Test
    void everyReadModelIsListedWithItsPositionLagAndState() {
        history(3);
        awaitReadModels();
        long head = eventCount();

        JsonNode projections = http().get("/api/admin/projections").json();

        List<String> names = new ArrayList<>();
        for (JsonNode projection : projections) {
            names.add(projection.get("name").asString());
            assertThat(projection.get("position").asLong()).as(projection.toString()).isEqualTo(head);
            assertThat(projection.get("lag").asLong()).isZero();
            assertThat(projection.get("state").asString()).isIn("running", "current");
        }
        assertThat(names).containsExactlyInAnyOrderElementsOf(READ_MODELS);
    }

    @Test
    void checksumRebuildChecksumGivesTheSameDigestForEveryReadModel() {
        history(4);
        awaitReadModels();
        // events stored so far, as the hash chain counts them (never more than are stored)
        JsonNode head = http().get("/api/audit/head").json();
        long events = head.get("events").asLong();
        assertThat(events).isPositive();
        for (String name : READ_MODELS) {
            JsonNode before = checksum(name);
            assertThat(before.get("rows").asLong()).as(name).isPositive();

            JsonNode job = awaitDone(rebuild(name));

            assertThat(job.get("state").asString()).as(job.toString()).isEqualTo("SUCCEEDED");
            // the whole history is replayed (a row is not one event: a customer has a name key per word of the name)
            assertThat(job.get("processed").asLong()).as(name).isGreaterThanOrEqualTo(events);
            assertThat(job.get("position").asLong()).as(name).isGreaterThanOrEqualTo(head.get("position").asLong());
            assertThat(job.get("percent").asDouble()).isEqualTo(100.0);
            assertThat(job.get("secondsLeft").asLong()).isZero();
            awaitReadModels();
            assertThat(checksum(name)).as(name).isEqualTo(before);
        }
    }

    @Test
    void aRebuildWhilePaymentsArriveMissesNoneAndCountsNoneTwice() {
        history(2);
        awaitReadModels();
        String commune = uniqueCommuneCode();
        String branch = branchWith(commune);
        List<String> customers = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            customers.add(customer(branch, commune));
        }

        String reference = "REBUILT-" + branch;
        bill(customers.get(0), "2021-04", 90_000);
        assertThat(pay(customers.get(0), "2021-04", 90_000, "BANK", "Agribank", reference, null).status())
                .isEqualTo(201);

        CompletableFuture<Void> paying = CompletableFuture.runAsync(() -> {
            for (String customer : customers) {
                paidBill(customer, "2021-05", 120_000, "E_WALLET", "MoMo", "2021-05-20T03:00:00Z");
            }
        });
        JsonNode paymentsJob = rebuild("payments");
        JsonNode figuresJob = rebuild("figures");
        JsonNode lookupsJob = rebuild("command-lookups");
        paying.join();
        for (JsonNode job : List.of(paymentsJob, figuresJob, lookupsJob)) {
            assertThat(awaitDone(job).get("state").asString()).isEqualTo("SUCCEEDED");
        }
        awaitReadModels();
        JsonNode channels = http().get("/api/branches/" + branch + "/channels?period=2021-05").json();
        assertThat(channels.get("channels").get(0).get("payments").asLong()).isEqualTo(30);
        Map<String, JsonNode> underLoad = Map.of("payments", checksum("payments"), "figures", checksum("figures"),
                "command-lookups", checksum("command-lookups"));

        for (String name : underLoad.keySet()) {
            awaitDone(rebuild(name));
            awaitReadModels();
            assertThat(checksum(name)).as(name).isEqualTo(underLoad.get(name));
        }
        // the rebuilt look-ups still know which bill a reference paid
        bill(customers.get(1), "2021-04", 90_000);
        Http.Response elsewhere = pay(customers.get(1), "2021-04", 90_000, "BANK", "Agribank", reference, null);
        assertThat(elsewhere.status()).as(elsewhere.toString()).isEqualTo(409);
        assertThat(elsewhere.json().get("code").asString()).isEqualTo("PAYMENT_REFERENCE_CONFLICT");
    }

    @Test
    void aRebuildPutsBackLiveRowsThatWereChangedLostOrAddedAndLeavesTheOthersUntouched() {
        history(4);
        awaitReadModels();
        JsonNode right = checksum("payments");
        List<String> payments = jdbc.queryForList(
                "SELECT payment_id::text FROM rm_payment WHERE reversed_at IS NOT NULL ORDER BY payment_id LIMIT 2",
                String.class);
        String untouched = jdbc.queryForObject("""
                SELECT payment_id::text FROM rm_payment WHERE payment_id NOT IN (?::uuid, ?::uuid)
                ORDER BY payment_id LIMIT 1""", String.class, payments.get(0), payments.get(1));
        String untouchedVersion = rowVersion(untouched);
        String lostBill = jdbc.queryForObject("SELECT bill_id FROM rm_bill ORDER BY bill_id LIMIT 1", String.class);
        // a column changed, a value made NULL, a row lost, a row that no event made
        jdbc.update("UPDATE rm_payment SET amount = amount + 1 WHERE payment_id = ?::uuid", payments.get(0));
        jdbc.update("UPDATE rm_payment SET reversal_reason = NULL WHERE payment_id = ?::uuid", payments.get(1));
        jdbc.update("DELETE FROM rm_bill WHERE bill_id = ?", lostBill);
        jdbc.update("""
                INSERT INTO rm_bill (bill_id, customer, branch, commune, period, amount, due_date)
                VALUES ('NO-SUCH-BILL', '0000000000000', 'NONE', '00000', '2021-01', 1, NULL)""");
        assertThat(checksum("payments")).isNotEqualTo(right);

        JsonNode job = awaitDone(rebuild("payments"));

        assertThat(job.get("state").asString()).as(job.toString()).isEqualTo("SUCCEEDED");
        awaitReadModels();
        assertThat(checksum("payments")).isEqualTo(right);
        // a row the rebuild found right was not written again
        assertThat(rowVersion(untouched)).isEqualTo(untouchedVersion);
    }

    @Test
    void unknownReadModelsAndJobsAreProblems() {
        Http.Response unknown = http().post("/api/admin/projections/nothing/rebuild", Map.of());
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("code").asString()).isEqualTo("READ_MODEL_NOT_FOUND");
        assertThat(http().get("/api/admin/projections/nothing/checksum").status()).isEqualTo(404);
        Http.Response badId = http().get("/api/admin/jobs/not-a-job");
        assertThat(badId.status()).isEqualTo(400);
        assertThat(badId.json().get("field").asString()).isEqualTo("id");
        Http.Response noJob = http().get("/api/admin/jobs/7d0f5e49-2d0b-4a8e-9d8f-0c2a4c1b6e11");
        assertThat(noJob.status()).isEqualTo(404);
        assertThat(noJob.json().get("code").asString()).isEqualTo("JOB_NOT_FOUND");
    }

    private void history(int customers) {
        String commune = uniqueCommuneCode();
        String branch = branchWith(commune);
        plan(branch, "2021-H1", List.of("BANK", "E_WALLET"));
        for (int i = 0; i < customers; i++) {
            String customer = customer(branch, commune);
            http().post("/api/customers/" + customer + "/payment-channels",
                    Map.of("kind", "BANK", "provider", "Agribank", "registeredAt", "2020-06-01T00:00:00Z"));
            String paid = paidBill(customer, "2021-03", 200_000 + i, "BANK", "Agribank", "2021-03-10T03:00:00Z");
            if (i % 2 == 0) {
                http().post("/api/payments/" + paid + "/reversal", Map.of("reason", "trùng giao dịch"));
            }
        }
        // and a bill due in the future, whose notice is sent (the notices read model has rows to rebuild)
        String notified = customer(branch, commune);
        YearMonth month = YearMonth.now(Zones.VIETNAM);
        assertThat(http().post("/api/bills", Map.of("customer", notified, "period", month.toString(),
                "amount", 150_000, "dueDate", month.atEndOfMonth().plusDays(15).toString())).status()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            JsonNode backlog = http().get("/api/status").json().get("notices");
            Http.Response notices = http().get("/api/customers/" + notified + "/notices");
            return notices.status() == 200 && notices.json().get("total").asLong() > 0
                    && backlog.get("due").asLong() + backlog.get("later").asLong() == 0;
        });
    }

    /** Where the payment's row lies and which transaction wrote it: both change when the row is written again. */
    private String rowVersion(String payment) {
        return jdbc.queryForObject("SELECT xmin::text || ctid::text FROM rm_payment WHERE payment_id = ?::uuid",
                String.class, payment);
    }

    /**
     * A payment whose transaction has drawn its event's global index but not committed yet, while the look-ups'
     * rebuild copies past that index (a later payment committed first), then commits before the rebuild locks the
     * look-ups: its reference is in the look-ups after the switch-over.
     */
    @Test
    void aLookUpCommittedInAGapBeforeTheSwitchOverIsKept() throws Exception {
        String commune = uniqueCommuneCode();
        String branch = branchWith(commune);
        String first = customer(branch, commune);
        String second = customer(branch, commune);
        bill(first, "2021-04", 50_000);
        bill(second, "2021-04", 50_000);
        awaitReadModels();
        String held = "GAP-" + branch;
        CompletableFuture<Http.Response> inGap;
        JsonNode job;
        try (Connection holder = jdbc.getDataSource().getConnection()) {
            // the payment's own claim of its reference will wait for this one, after its event has drawn an index
            holder.setAutoCommit(false);
            try (PreparedStatement claim = holder.prepareStatement("INSERT INTO payment_reference (payment_id, "
                    + "provider, external_ref, bill_id) VALUES (gen_random_uuid(), 'Agribank', ?, 'HELD')")) {
                claim.setString(1, held);
                claim.executeUpdate();
            }
            inGap = CompletableFuture.supplyAsync(() -> pay(first, "2021-04", 50_000, "BANK", "Agribank", held, null));
            await().atMost(Duration.ofSeconds(30)).until(() -> waitingFor("INSERT INTO payment_reference%"));
            assertThat(pay(second, "2021-04", 50_000, "BANK", "Agribank", "AFTER-" + branch, null).status())
                    .isEqualTo(201);

            job = rebuild("command-lookups");
            // the copy has gone past the payment's index: the rebuild now tries to lock the look-ups
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(10))
                    .until(() -> running("LOCK TABLE %"));
            holder.rollback();
        }
        Http.Response paid = inGap.get(30, TimeUnit.SECONDS);
        assertThat(paid.status()).as(paid.toString()).isEqualTo(201);
        assertThat(awaitDone(job).get("state").asString()).isEqualTo("SUCCEEDED");

        assertThat(jdbc.queryForList("SELECT bill_id FROM payment_reference WHERE external_ref = ?", String.class,
                held)).as("the look-up of the payment committed in the gap").hasSize(1);
        // and the ledger still knows the reference: sent again it is the same payment, not a second one
        Http.Response again = pay(first, "2021-04", 50_000, "BANK", "Agribank", held, null);
        assertThat(again.status()).as(again.toString()).isEqualTo(200);
    }

    private boolean waitingFor(String query) {
        return Boolean.TRUE.equals(jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM pg_stat_activity "
                + "WHERE wait_event_type = 'Lock' AND query LIKE ?)", Boolean.class, query));
    }

    private boolean running(String query) {
        return Boolean.TRUE.equals(jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM pg_stat_activity "
                + "WHERE state = 'active' AND query LIKE ?)", Boolean.class, query));
    }

    private JsonNode checksum(String name) {
        Http.Response response = http().get("/api/admin/projections/" + name + "/checksum");
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    private JsonNode rebuild(String name) {
        Http.Response started = http().post("/api/admin/projections/" + name + "/rebuild", Map.of());
        assertThat(started.status()).as(started.toString()).isEqualTo(202);
        assertThat(started.header("Location")).isEqualTo("/api/admin/jobs/" + started.json().get("id").asString());
        return started.json();
    }

    private JsonNode awaitDone(JsonNode job) {
        JsonNode[] last = new JsonNode[1];
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(100)).until(() -> {
            last[0] = http().get("/api/admin/jobs/" + job.get("id").asString()).json();
            return !last[0].get("state").asString().equals("RUNNING");
        });
        // reported in Vietnamese local time, as every time in the answers
        assertThat(last[0].get("startedAt").asString()).endsWith("+07:00");
        assertThat(last[0].get("finishedAt").asString()).endsWith("+07:00");
        return last[0];
    }
}
