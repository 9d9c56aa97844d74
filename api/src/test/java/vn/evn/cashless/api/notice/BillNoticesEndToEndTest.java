package vn.evn.cashless.api.notice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import vn.evn.cashless.api.support.EndToEndTest;
import vn.evn.cashless.api.support.Http;
import vn.evn.cashless.domain.shared.Zones;

/**
 * Bill notices on the simulator gateway, as a customer and an auditor see them: what was sent to whom by which
 * channel, and the notice's history in the customer's ledger.
 */
class BillNoticesEndToEndTest extends EndToEndTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final LocalDate TODAY = LocalDate.now(Zones.VIETNAM);
    /** A month whose bill is due in the future, as bills being issued now are. */
    private static final YearMonth THIS_MONTH = YearMonth.from(TODAY);

    @Test
    void billDueInTheFutureIsSentBySmsInVietnamese() {
        String customer = customerWithPhone("0912345601");
        issue(customer, THIS_MONTH, 1_234_567, TODAY.plusDays(20));

        JsonNode message = awaitMessages(customer, 1).get(0);
        assertThat(message.get("channel").asString()).isEqualTo("SMS");
        assertThat(message.get("to").asString()).isEqualTo("0912345601");
        assertThat(message.get("notice").asString()).isEqualTo(customer + "-" + THIS_MONTH + "-BILL");
        assertThat(message.get("text").asString())
                .contains(customer)
                .contains("kỳ " + THIS_MONTH.format(DateTimeFormatter.ofPattern("MM/yyyy")))
                .contains("1.234.567 đồng")
                .contains(TODAY.plusDays(20).format(DateTimeFormatter.ofPattern("dd/MM/yyyy")))
                .startsWith("EVN thông báo: tiền điện kỳ");
        assertThat(message.get("requests").asInt()).isEqualTo(1);

        List<JsonNode> history = awaitNoticeHistory(customer, "NoticeDelivered");
        assertThat(types(history)).containsExactly("NoticeQueued", "NoticeSent", "NoticeDelivered");
        assertThat(history.get(0).get("payload").get("channels").toString()).isEqualTo("[\"SMS\"]");
        assertThat(history.get(0).get("payload").get("text").asString()).isEqualTo(message.get("text").asString());
    }

    @Test
    void customerRegisteredForZaloIsToldByZaloAndNotBySms() {
        String customer = customerWithPhone("0912345602");
        register(customer, "ZALO");
        issue(customer, THIS_MONTH, 500_000, TODAY.plusDays(15));

        List<JsonNode> messages = awaitMessages(customer, 1);
        assertThat(messages.get(0).get("channel").asString()).isEqualTo("ZALO");
        List<JsonNode> history = awaitNoticeHistory(customer, "NoticeDelivered");
        assertThat(history.get(0).get("payload").get("channels").toString()).isEqualTo("[\"ZALO\",\"SMS\"]");
        assertThat(history.get(2).get("payload").get("channel").asString()).isEqualTo("ZALO");
        assertThat(messagesOf(customer)).hasSize(1);
    }

    @Test
    void appComesBeforeSms() {
        String customer = customerWithPhone("0912345603");
        register(customer, "APP");
        issue(customer, THIS_MONTH, 500_000, TODAY.plusDays(15));

        JsonNode message = awaitMessages(customer, 1).get(0);
        assertThat(message.get("channel").asString()).isEqualTo("APP");
        assertThat(message.get("to").asString()).isEqualTo(customer);
    }

    @Test
    void notAZaloUserFallsBackToSms() {
        String customer = customerWithPhone("0912345698");
        register(customer, "ZALO");
        issue(customer, THIS_MONTH, 500_000, TODAY.plusDays(15));

        List<JsonNode> history = awaitNoticeHistory(customer, "NoticeDelivered");
        assertThat(types(history)).containsExactly("NoticeQueued", "NoticeFailed", "NoticeFellBack", "NoticeSent",
                "NoticeDelivered");
        JsonNode failed = history.get(1).get("payload");
        assertThat(failed.get("channel").asString()).isEqualTo("ZALO");
        assertThat(failed.get("permanent").asBoolean()).isTrue();
        assertThat(failed.get("reason").asString()).contains("not a Zalo user");
        assertThat(history.get(2).get("payload").get("toChannel").asString()).isEqualTo("SMS");
        assertThat(history.get(4).get("payload").get("channel").asString()).isEqualTo("SMS");
        assertThat(messagesOf(customer)).extracting(m -> m.get("channel").asString())
                .containsExactly("ZALO", "SMS");

        List<JsonNode> rows = awaitNoticeRows(customer, 2);
        assertThat(rows).extracting(r -> r.get("channel").asString(), r -> r.get("status").asString())
                .containsExactly(tuple("ZALO", "FAILED"), tuple("SMS", "DELIVERED"));
        assertThat(rows.get(0).get("reason").asString()).contains("not a Zalo user");
        assertThat(rows.get(0).get("kind").asString()).isEqualTo("BILL");
        assertThat(rows.get(1).get("deliveredAt").isNull()).isFalse();
    }

    @Test
    void temporaryFailureIsTriedAgainAfterAPauseThenFallsBack() {
        String customer = customerWithPhone("0912345697");
        register(customer, "ZALO");
        issue(customer, THIS_MONTH, 500_000, TODAY.plusDays(15));

        List<JsonNode> history = awaitNoticeHistory(customer, "NoticeDelivered");
        assertThat(types(history)).containsExactly("NoticeQueued", "NoticeFailed", "NoticeFailed", "NoticeFailed",
                "NoticeFellBack", "NoticeSent", "NoticeDelivered");
        for (int attempt = 1; attempt <= 3; attempt++) {
            JsonNode failed = history.get(attempt).get("payload");
            assertThat(failed.get("attempt").asInt()).isEqualTo(attempt);
            assertThat(failed.get("permanent").asBoolean()).isFalse();
        }
        assertThat(java.time.Instant.parse(history.get(2).get("payload").get("failedAt").asString()))
                .as("the second try waits the back-off after the first")
                .isAfterOrEqualTo(java.time.Instant.parse(history.get(1).get("payload").get("failedAt").asString())
                        .plus(BACK_OFF));
        List<JsonNode> messages = messagesOf(customer);
        assertThat(messages).extracting(m -> m.get("channel").asString()).containsExactly("ZALO", "SMS");
        assertThat(messages.get(0).get("requests").asInt()).as("asked three times, one message").isEqualTo(3);
    }

    @Test
    void billAlreadyDueIsNeverNotified() {
        String customer = customerWithPhone("0912345604");
        issue(customer, THIS_MONTH.minusMonths(1), 700_000, TODAY.minusDays(1));
        String other = customerWithPhone("0912345605");
        issue(other, THIS_MONTH, 700_000, TODAY);

        awaitMessages(other, 1);
        awaitReadModels();
        assertThat(messagesOf(customer)).isEmpty();
        assertThat(types(ledger(customer))).doesNotContain("NoticeQueued");
    }

    @Test
    void twoNoticesInARowThatReachNoPhoneMarkItUnreachableAndAPhoneChangeClearsIt() {
        String customer = customerWithPhone("0912345699");
        issue(customer, THIS_MONTH, 300_000, TODAY.plusDays(15));
        awaitLedgerEvent(customer, "PhoneNotReached");
        assertThat(types(ledger(customer))).contains("NoticeUndeliverable").doesNotContain("PhoneMarkedUnreachable");

        issue(customer, THIS_MONTH.plusMonths(1), 300_000, TODAY.plusDays(45));
        JsonNode marked = awaitLedgerEvent(customer, "PhoneMarkedUnreachable").get("payload");
        assertThat(marked.get("phone").asString()).isEqualTo("0912345699");
        assertThat(marked.get("notices")).hasSize(2);
        String branch = http().get("/api/customers/" + customer).json().get("branch").asString();
        await().atMost(PATIENCE).until(() -> http().get("/api/customers/" + customer).json()
                .get("phoneStatus").asString().equals("UNREACHABLE"));
        JsonNode listed = http().get("/api/branches/" + branch + "/unreachable-phones").json();
        assertThat(listed.get("phones")).extracting(p -> p.get("customer").asString()).containsExactly(customer);
        assertThat(listed.get("phones").get(0).get("phone").asString()).isEqualTo("0912345699");

        Http.Response changed = http().put("/api/customers/" + customer + "/phone", Map.of("phone", "0912345606"));
        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        issue(customer, THIS_MONTH.plusMonths(2), 300_000, TODAY.plusDays(75));
        await().atMost(PATIENCE).until(() -> http().get("/api/customers/" + customer).json()
                .get("phoneStatus").asString().equals("OK"));
        assertThat(http().get("/api/branches/" + branch + "/unreachable-phones").json().get("total").asInt())
                .isZero();
        await().atMost(PATIENCE).until(() -> messagesOf(customer).stream()
                .anyMatch(m -> m.get("to").asString().equals("0912345606") && m.get("answer").asString()
                        .equals("DELIVERED")));
    }

    @Test
    void branchSeesWhatWasSentByEachChannelWhatItCostAndWhoWasReachedByZalo() {
        String commune = uniqueCommuneCode();
        String branch = branchWith(commune);
        String byZalo = customerIn(branch, commune, "0912345610");
        register(byZalo, "ZALO");
        String notOnZalo = customerIn(branch, commune, "0912345698");
        register(notOnZalo, "ZALO");
        String bySms = customerIn(branch, commune, "0912345611");
        for (String customer : List.of(byZalo, notOnZalo, bySms)) {
            issue(customer, THIS_MONTH, 200_000, TODAY.plusDays(15));
        }
        for (String customer : List.of(byZalo, notOnZalo, bySms)) {
            awaitNoticeHistory(customer, "NoticeDelivered");
        }
        awaitReadModels();

        JsonNode report = http().get("/api/branches/" + branch + "/notices?period=" + THIS_MONTH).json();
        JsonNode zalo = channel(report, "ZALO");
        assertThat(List.of(zalo.get("sent").asLong(), zalo.get("delivered").asLong(), zalo.get("failed").asLong(),
                zalo.get("fallenBack").asLong(), zalo.get("costVnd").asLong())).containsExactly(1L, 1L, 1L, 1L, 300L);
        JsonNode sms = channel(report, "SMS");
        assertThat(List.of(sms.get("sent").asLong(), sms.get("delivered").asLong(), sms.get("failed").asLong(),
                sms.get("fallenBack").asLong(), sms.get("costVnd").asLong())).containsExactly(2L, 2L, 0L, 0L, 1500L);
        assertThat(report.get("totals").get("costVnd").asLong()).isEqualTo(1800);
        assertThat(report.get("customersNotified").asLong()).isEqualTo(3);
        assertThat(report.get("customersReachedByZaloOrApp").asLong()).isEqualTo(1);
        assertThat(report.get("reachedByZaloOrAppShare").decimalValue()).isEqualByComparingTo("33.33");
    }

    @Test
    void unpaidBillIsRemindedAndPaidBillIsNot() {
        String unpaid = customerWithPhone("0912345607");
        String paid = customerWithPhone("0912345608");
        LocalDate due = TODAY.plusDays(10);
        issue(unpaid, THIS_MONTH, 420_000, due);
        issue(paid, THIS_MONTH, 420_000, due);
        Http.Response payment = pay(paid, THIS_MONTH.toString(), 420_000, "BANK", "Agribank",
                "REF-" + UUID.randomUUID(), null);
        assertThat(payment.status()).as(payment.toString()).isEqualTo(201);
        awaitMessages(unpaid, 1);
        awaitMessages(paid, 1);
        awaitReadModels();

        Http.Response early = http().post("/api/admin/notices/reminders?date=" + due.minusDays(4), Map.of());
        assertThat(early.status()).as(early.toString()).isEqualTo(200);
        Http.Response pass = http().post("/api/admin/notices/reminders?date=" + due.minusDays(3), Map.of());
        assertThat(pass.status()).as(pass.toString()).isEqualTo(200);
        assertThat(pass.json().get("queued").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(pass.json().get("skippedPaid").asInt()).isGreaterThanOrEqualTo(1);

        JsonNode reminder = awaitMessages(unpaid, 2).get(1);
        assertThat(reminder.get("notice").asString()).isEqualTo(unpaid + "-" + THIS_MONTH + "-REMINDER");
        assertThat(reminder.get("text").asString()).startsWith("EVN nhắc:").contains("420.000 đồng");
        awaitReadModels();
        assertThat(messagesOf(paid)).hasSize(1);

        Http.Response again = http().post("/api/admin/notices/reminders?date=" + due.minusDays(2), Map.of());
        assertThat(again.status()).isEqualTo(200);
        awaitReadModels();
        assertThat(messagesOf(unpaid)).as("reminded once").hasSize(2);
    }

    @Test
    void receiptsNeedTheGatewayRoleAndAValidBody() {
        Http gateway = http().as("gateway", "gateway");
        assertThat(http().as("operator", "operator").post("/api/notices/receipts",
                Map.of("notice", "PA00000000001-2021-06-BILL", "channel", "SMS", "status", "DELIVERED")).status())
                .isEqualTo(403);
        Http.Response unknown = gateway.post("/api/notices/receipts",
                Map.of("notice", "PA00000000001-2021-06-BILL", "channel", "SMS", "status", "DELIVERED"));
        assertThat(unknown.status()).as(unknown.toString()).isEqualTo(404);
        assertThat(unknown.json().get("code").asString()).isEqualTo("NOTICE_NOT_FOUND");
        Http.Response badStatus = gateway.post("/api/notices/receipts",
                Map.of("notice", "PA00000000001-2021-06-BILL", "channel", "SMS", "status", "READ"));
        assertThat(badStatus.status()).isEqualTo(400);
        assertThat(badStatus.json().get("field").asString()).isEqualTo("status");
        Http.Response badNotice = gateway.post("/api/notices/receipts",
                Map.of("notice", "PA00000000001-2021-06", "channel", "SMS", "status", "DELIVERED"));
        assertThat(badNotice.status()).isEqualTo(400);
        assertThat(badNotice.json().get("field").asString()).isEqualTo("notice");

        String customer = customerWithPhone("0912345609");
        issue(customer, THIS_MONTH, 100_000, TODAY.plusDays(15));
        awaitNoticeHistory(customer, "NoticeDelivered");
        String notice = customer + "-" + THIS_MONTH + "-BILL";
        Http.Response same = gateway.post("/api/notices/receipts",
                Map.of("notice", notice, "channel", "SMS", "status", "DELIVERED"));
        assertThat(same.status()).as("delivered already: a duplicate").isEqualTo(200);
        assertThat(same.json().get("duplicate").asBoolean()).isTrue();
        assertThat(same.json().get("noticeStatus").asString()).isEqualTo("DELIVERED");
        Http.Response contradiction = gateway.post("/api/notices/receipts",
                Map.of("notice", notice, "channel", "SMS", "status", "FAILED", "reason", "late failure"));
        assertThat(contradiction.status()).isEqualTo(409);
        assertThat(contradiction.json().get("code").asString()).isEqualTo("NOTICE_RECEIPT_CONFLICT");
        Http.Response neverSent = gateway.post("/api/notices/receipts",
                Map.of("notice", notice, "channel", "ZALO", "status", "DELIVERED"));
        assertThat(neverSent.status()).isEqualTo(409);
    }

    @Test
    void simulatorMessagesAreForAdministrators() {
        assertThat(http().as("viewer", "viewer").get("/api/admin/notices/simulator/messages").status())
                .isEqualTo(403);
        Http.Response bad = http().get("/api/admin/notices/simulator/messages?customer=nope");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("field").asString()).isEqualTo("customer");
        Http.Response all = http().get("/api/admin/notices/simulator/messages?size=1");
        assertThat(all.status()).isEqualTo(200);
        assertThat(all.json().get("gateway").asString()).isEqualTo("simulator");
        JsonNode backlog = http().get("/api/status").json().get("notices");
        assertThat(backlog.get("gateway").asString()).isEqualTo("simulator");
        assertThat(backlog.get("due").asLong()).isNotNegative();
        assertThat(backlog.get("awaitingReceipt").asLong()).isZero();
    }

    // helpers

    /** The back-off the shared test application is configured with (EndToEndTest). */
    private static final Duration BACK_OFF = Duration.ofMillis(300);

    private String customerWithPhone(String phone) {
        String commune = uniqueCommuneCode();
        return customerIn(branchWith(commune), commune, phone);
    }

    private String customerIn(String branch, String commune, String phone) {
        String code = uniqueCustomerCode();
        Http.Response registered = http().post("/api/customers", Map.of("code", code, "name", "Khách hàng " + code,
                "branch", branch, "commune", commune, "phone", phone, "registeredAt", "2020-01-01T00:00:00Z"));
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        return code;
    }

    private static JsonNode channel(JsonNode report, String channel) {
        for (JsonNode entry : report.get("channels")) {
            if (entry.get("channel").asString().equals(channel)) {
                return entry;
            }
        }
        throw new AssertionError("no " + channel + " in " + report);
    }

    private List<JsonNode> awaitNoticeRows(String customer, int count) {
        return await().atMost(PATIENCE).until(() -> {
            List<JsonNode> rows = new ArrayList<>();
            http().get("/api/customers/" + customer + "/notices").json().get("notices").forEach(rows::add);
            return rows;
        }, rows -> rows.size() >= count && rows.stream().noneMatch(r -> r.get("status").asString().equals("QUEUED")));
    }

    private void register(String customer, String channel) {
        Http.Response registered = http().post("/api/customers/" + customer + "/notification-channels",
                Map.of("channel", channel, "registeredAt", "2020-02-01T00:00:00Z"));
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
    }

    private void issue(String customer, YearMonth period, long amount, LocalDate dueDate) {
        Http.Response issued = http().post("/api/bills", Map.of("customer", customer, "period", period.toString(),
                "amount", amount, "dueDate", dueDate.toString()));
        assertThat(issued.status()).as(issued.toString()).isEqualTo(201);
    }

    private List<JsonNode> messagesOf(String customer) {
        Http.Response response = http().get("/api/admin/notices/simulator/messages?customer=" + customer);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        List<JsonNode> messages = new ArrayList<>();
        response.json().get("messages").forEach(messages::add);
        return messages;
    }

    private List<JsonNode> awaitMessages(String customer, int count) {
        return await().atMost(PATIENCE).until(() -> messagesOf(customer), messages -> messages.size() >= count);
    }

    /** The customer's ledger as an auditor exports it. */
    private List<JsonNode> ledger(String customer) {
        Http.Response response = http().get("/api/audit/customers/" + customer + "/events");
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        List<JsonNode> events = new ArrayList<>();
        response.raw().body().lines().filter(line -> !line.isBlank())
                .forEach(line -> events.add(Http.JSON.readTree(line)));
        return events;
    }

    private JsonNode awaitLedgerEvent(String customer, String type) {
        List<JsonNode> events = await().atMost(PATIENCE).until(() -> ledger(customer),
                all -> types(all).contains(type));
        return events.stream().filter(e -> e.get("type").asString().equals(type)).findFirst().orElseThrow();
    }

    /** The events of the customer's notices, in order, once {@code last} is among them. */
    private List<JsonNode> awaitNoticeHistory(String customer, String last) {
        return await().atMost(PATIENCE).until(
                () -> ledger(customer).stream().filter(e -> e.get("type").asString().startsWith("Notice")).toList(),
                events -> types(events).contains(last));
    }

    private static List<String> types(List<JsonNode> events) {
        return events.stream().map(e -> e.get("type").asString()).toList();
    }
}
