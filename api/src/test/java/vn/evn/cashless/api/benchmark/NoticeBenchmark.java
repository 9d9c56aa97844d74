package vn.evn.cashless.api.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import vn.evn.cashless.api.support.Http;
import vn.evn.cashless.api.support.RunningApplication;
import vn.evn.cashless.domain.shared.Zones;

/**
 * How fast a month's bill notices of 10,000 customers go out, on the simulator gateway with no rate limit, measured
 * from outside the application: the bills are issued while no gateway is on, so the notices wait; the application is
 * then started again with the simulator, and the notices' own events say when the first was queued and the last
 * ended. Run with {@code ./mvnw -Pbenchmark -pl api -am verify -Dtest=NoticeBenchmark
 * -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=NONE} ({@code -Dnotices.workers=8} for more sender threads,
 * {@code -Dnotices.customers=} for another size, {@code -Dnotices.jfr=file.jfr} to record the sending with Java
 * Flight Recorder); it asserts no speed.
 */
class NoticeBenchmark {

    private static final int CUSTOMERS = Integer.getInteger("notices.customers", 10_000);
    private static final int CLIENTS = 8;
    private static final YearMonth MONTH = YearMonth.now(Zones.VIETNAM);

    @Test
    void aMonthsNoticesForTenThousandCustomers() throws Exception {
        Path data = Path.of("target", "bench-notices", UUID.randomUUID().toString(), "ledger");
        long head;
        try (RunningApplication ledger = RunningApplication.start(data, Map.of(), "--ledger.notices.gateway=off")) {
            Http http = ledger.http();
            long started = System.nanoTime();
            billsWaitingForNotices(http);
            double issuing = (System.nanoTime() - started) / 1e9;
            await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> http.get("/api/status").json().get("notices").get("due").asLong() == CUSTOMERS);
            head = http.get("/api/status").json().get("head").asLong();
            System.out.printf("notices benchmark: %d customers registered and billed over HTTP in %.1f s%n",
                    CUSTOMERS, issuing);
        }
        dispatch(data, head, Integer.getInteger("notices.workers", 4));
    }

    /** Starts the ledger with the simulator and no rate limit, and waits until every notice ended. */
    private static void dispatch(Path data, long after, int workers) throws Exception {
        String recording = System.getProperty("notices.jfr");
        List<String> jvm = recording == null ? List.of()
                : List.of("-XX:StartFlightRecording=filename=" + Path.of(recording).toAbsolutePath());
        try (RunningApplication ledger = RunningApplication.start(data, Map.of(), jvm,
                "--ledger.notices.gateway=simulator", "--ledger.notices.workers=" + workers,
                "--ledger.notices.rate-per-second.ZALO=0", "--ledger.notices.rate-per-second.APP=0",
                "--ledger.notices.rate-per-second.SMS=0")) {
            Http http = ledger.http();
            await().atMost(Duration.ofMinutes(20)).pollInterval(Duration.ofSeconds(1)).until(() -> {
                JsonNode notices = http.get("/api/status").json().get("notices");
                return notices.get("due").asLong() + notices.get("later").asLong() == 0;
            });
            Instant first = null;
            Instant last = null;
            long queued = 0;
            long events = 0;
            Http.Response response = http.get("/api/audit/events?after=" + after);
            for (String line : response.raw().body().lines().toList()) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode event = Http.JSON.readTree(line);
                String type = event.get("type").asString();
                if (!type.startsWith("Notice")) {
                    continue;
                }
                events++;
                Instant at = OffsetDateTime.parse(event.get("recordedAt").asString()).toInstant();
                first = first == null || at.isBefore(first) ? at : first;
                last = last == null || at.isAfter(last) ? at : last;
                if (type.equals("NoticeQueued")) {
                    queued++;
                }
            }
            double seconds = Duration.between(first, last).toNanos() / 1e9;
            System.out.printf("notices benchmark: %d workers, %d notices (%d notice events) queued, sent and "
                    + "ended in %.1f s: %.0f notices/s%n", workers, queued, events, seconds, queued / seconds);
        }
    }

    /** One branch, 10,000 customers (3 in 10 on Zalo, 1 in 10 on the app, some numbers failing), a bill each. */
    private static void billsWaitingForNotices(Http http) throws Exception {
        assertThat(http.post("/api/branches", Map.of("code", "NB", "name", "Điện lực Nhà Bè", "company",
                "PC Hồ Chí Minh")).status()).isEqualTo(201);
        List<String> communes = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String commune = String.format("%05d", 27_000 + i);
            communes.add(commune);
            assertThat(http.post("/api/branches/NB/communes", Map.of("code", commune, "name", "Xã " + i,
                    "kind", "COMMUNE")).status()).isEqualTo(201);
        }
        LocalDate due = LocalDate.now(Zones.VIETNAM).plusDays(20);
        Clients.run(CLIENTS, CUSTOMERS, i -> {
            String code = String.format("PA27NB%07d", i);
            String ending = i % 50 == 0 ? "98" : i % 100 == 1 ? "99" : String.format("%02d", i % 97);
            Http.Response registered = http.post("/api/customers", Map.of("code", code,
                    "name", "Khách hàng " + i, "branch", "NB", "commune", communes.get(i % 10),
                    "phone", "09123" + String.format("%03d", i % 1000) + ending,
                    "registeredAt", "2020-01-01T00:00:00Z"));
            assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
            String channel = i % 10 < 3 ? "ZALO" : i % 10 == 3 ? "APP" : null;
            if (channel != null) {
                assertThat(http.post("/api/customers/" + code + "/notification-channels",
                        Map.of("channel", channel, "registeredAt", "2020-02-01T00:00:00Z")).status())
                        .isEqualTo(201);
            }
            Http.Response billed = http.post("/api/bills", Map.of("customer", code,
                    "period", MONTH.toString(), "amount", 150_000 + i, "dueDate", due.toString()));
            assertThat(billed.status()).as(billed.toString()).isEqualTo(201);
        });
    }
}
