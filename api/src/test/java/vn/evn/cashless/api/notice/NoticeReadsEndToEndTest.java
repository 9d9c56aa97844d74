package vn.evn.cashless.api.notice;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import vn.evn.cashless.api.support.EndToEndTest;
import vn.evn.cashless.api.support.Http;

/**
 * The reads of bill notices as a client meets them before any notice is sent: a customer's phone status and notices,
 * a branch's phones to call and its messages over a period, and who may read them.
 */
class NoticeReadsEndToEndTest extends EndToEndTest {

    @Test
    void aNewCustomersPhoneIsReachableAndTheyHaveNoNoticesYet() {
        String customer = customerInNewBranch();
        awaitReadModels();

        JsonNode details = http().get("/api/customers/" + customer).json();
        assertThat(details.get("phoneStatus").asString()).isEqualTo("OK");
        assertThat(details.has("phoneUnreachableSince")).isTrue();
        assertThat(details.get("phoneUnreachableSince").isNull()).isTrue();

        Http.Response notices = http().get("/api/customers/" + customer + "/notices");
        assertThat(notices.status()).as(notices.toString()).isEqualTo(200);
        assertThat(notices.json().get("customer").asString()).isEqualTo(customer);
        assertThat(notices.json().get("notices")).isEmpty();
        assertThat(notices.json().get("total").asLong()).isZero();
        assertThat(notices.json().get("page").asInt()).isZero();
        assertThat(notices.json().get("size").asInt()).isEqualTo(50);
        assertThat(http().get("/api/customers/" + customer + "/notices?page=2&size=10").json().get("size").asInt())
                .isEqualTo(10);
        assertProblem(http().get("/api/customers/" + customer + "/notices?size=0"), 400, "INVALID_VALUE", "size");
    }

    @Test
    void theNoticesReadModelRunsOnSixSegmentsAndIsListedForRebuilds() {
        JsonNode notices = null;
        for (JsonNode processor : http().get("/api/status").json().get("processors")) {
            if (processor.get("name").asString().equals("notices")) {
                notices = processor;
            }
        }
        assertThat(notices).as("the notices read model in the status").isNotNull();
        assertThat(notices.get("segments")).hasSize(6);
        Http.Response projections = http().get("/api/admin/projections");
        assertThat(projections.status()).as(projections.toString()).isEqualTo(200);
        assertThat(projections.raw().body()).contains("\"notices\"");
    }

    @Test
    void anUnknownCustomerOrBranchIsNotFound() {
        assertProblem(http().get("/api/customers/" + uniqueCustomerCode() + "/notices"), 404, "CUSTOMER_NOT_FOUND",
                "code");
        assertProblem(http().get("/api/customers/not-a-code/notices"), 400, "INVALID_VALUE", "code");
        String unknown = uniqueBranchCode();
        assertProblem(http().get("/api/branches/" + unknown + "/unreachable-phones"), 404, "BRANCH_NOT_FOUND",
                "branch");
        assertProblem(http().get("/api/branches/" + unknown + "/notices?period=2021-06"), 404, "BRANCH_NOT_FOUND",
                "branch");
    }

    @Test
    void aBranchWithoutUnreachablePhonesListsNone() {
        String branch = branchWith(uniqueCommuneCode());
        awaitReadModels();

        JsonNode phones = http().get("/api/branches/" + branch + "/unreachable-phones").json();
        assertThat(phones.get("branch").asString()).isEqualTo(branch);
        assertThat(phones.get("phones")).isEmpty();
        assertThat(phones.get("total").asLong()).isZero();
        assertThat(phones.get("size").asInt()).isEqualTo(50);
    }

    @Test
    void aBranchWithoutNoticesHasZerosPerChannelAndThePlansZaloTargetBeside() {
        String branch = branchWith(uniqueCommuneCode());
        plan(branch, "2021-H1", List.of("BANK", "E_WALLET"));
        awaitReadModels();

        JsonNode month = http().get("/api/branches/" + branch + "/notices?period=2021-06").json();
        assertThat(month.get("branch").asString()).isEqualTo(branch);
        assertThat(month.get("period").asString()).isEqualTo("2021-06");
        assertThat(month.get("channels").findValuesAsString("channel")).containsExactly("ZALO", "APP", "SMS");
        for (JsonNode channel : month.get("channels")) {
            for (String count : List.of("sent", "delivered", "failed", "fallenBack", "costVnd")) {
                assertThat(channel.get(count).asLong()).as(channel + " " + count).isZero();
            }
        }
        assertThat(month.get("channels").get(2).get("priceVnd").asLong()).as("the default SMS price")
                .isEqualTo(750);
        for (String count : List.of("sent", "delivered", "failed", "fallenBack", "costVnd")) {
            assertThat(month.get("totals").get(count).asLong()).as(count).isZero();
        }
        assertThat(month.get("customersNotified").asLong()).isZero();
        assertThat(month.get("customersReachedByZaloOrApp").asLong()).isZero();
        assertThat(month.get("reachedByZaloOrAppShare").isNull()).as("no customer to share among").isTrue();
        assertThat(month.get("zaloRegistrationsTarget").isNull()).as("no plan for the month").isTrue();
        assertThat(month.get("zaloRegistrations").isNull()).isTrue();

        JsonNode half = http().get("/api/branches/" + branch + "/notices?period=2021-H1").json();
        assertThat(half.get("zaloRegistrationsTarget").asLong()).isEqualTo(3000);
        assertThat(half.get("zaloRegistrations").asLong()).isZero();
        assertThat(half.get("zaloRegistrationsAchievement").decimalValue()).isEqualByComparingTo("0");
    }

    @Test
    void aBadOrMissingPeriodIsRefused() {
        String branch = branchWith(uniqueCommuneCode());
        for (String period : List.of("2021-13", "2021-Q5", "21", "2021-H1x")) {
            assertProblem(http().get("/api/branches/" + branch + "/notices?period=" + period), 400, "INVALID_VALUE",
                    "period");
        }
        assertProblem(http().get("/api/branches/" + uniqueBranchCode() + "/notices?period=nope"), 400,
                "INVALID_VALUE", "period");
        Http.Response missing = http().get("/api/branches/" + branch + "/notices");
        assertThat(missing.status()).as(missing.toString()).isEqualTo(400);
    }

    @Test
    void aUserLimitedToABranchReadsOnlyItsOwnBranchesNotices() {
        String bmCustomer = customerOfBranchBm();
        String elsewhere = customerInNewBranch();
        awaitReadModels();
        String otherBranch = http().get("/api/customers/" + elsewhere).json().get("branch").asString();
        Http bmViewer = http().as("bm-viewer", "bm-viewer");

        assertThat(bmViewer.get("/api/customers/" + bmCustomer + "/notices").status()).isEqualTo(200);
        assertThat(bmViewer.get("/api/customers/" + bmCustomer).json().get("phoneStatus").asString())
                .isEqualTo("OK");
        assertThat(bmViewer.get("/api/branches/BM/unreachable-phones").status()).isEqualTo(200);
        assertThat(bmViewer.get("/api/branches/BM/notices?period=2021").status()).isEqualTo(200);
        assertProblem(bmViewer.get("/api/customers/" + elsewhere + "/notices"), 403, "ACCESS_DENIED", "branch");
        assertProblem(bmViewer.get("/api/branches/" + otherBranch + "/unreachable-phones"), 403, "ACCESS_DENIED",
                "branch");
        assertProblem(bmViewer.get("/api/branches/" + otherBranch + "/notices?period=2021"), 403, "ACCESS_DENIED",
                "branch");
        // every reader role reads them; a provider's account and an anonymous client do not
        for (String reader : List.of("viewer", "planner", "auditor", "operator")) {
            assertThat(http().as(reader, reader).get("/api/branches/" + otherBranch + "/notices?period=2021")
                    .status()).as(reader).isEqualTo(200);
        }
        assertThat(http().as("momo", "momo").get("/api/branches/" + otherBranch + "/notices?period=2021").status())
                .isEqualTo(403);
        assertThat(http().as("momo", "momo").get("/api/customers/" + elsewhere + "/notices").status())
                .isEqualTo(403);
        assertThat(http().anonymous().get("/api/branches/" + otherBranch + "/unreachable-phones").status())
                .isEqualTo(401);
    }

    /** What the notice dispatcher records when a notice failed on every channel to the customer's phone. */
    private static void assertProblem(Http.Response response, int status, String code, String field) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("code").asString()).as(response.toString()).isEqualTo(code);
        assertThat(response.json().get("field").asString()).as(response.toString()).isEqualTo(field);
    }
}
