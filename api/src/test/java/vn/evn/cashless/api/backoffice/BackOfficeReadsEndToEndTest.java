package vn.evn.cashless.api.backoffice;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import vn.evn.cashless.api.support.EndToEndTest;
import vn.evn.cashless.api.support.Http;
import vn.evn.cashless.api.support.Reads;
import vn.evn.cashless.domain.organisation.BranchCreated;

/** The reads back-office applications make: lists with totals, search, a bill, a plan's revisions, a company. */
class BackOfficeReadsEndToEndTest extends EndToEndTest {

    @Autowired
    private JdbcTemplate jdbc;

    @Test
    void branchesShowTheirCompanyCodeGivenOrDerivedAndAreListedPageByPage() {
        String given = branchOf("PC Hà Giang", "EVNHG" + ThreadLocalRandom.current().nextInt(1000, 9999));
        String derived = uniqueBranchCode();
        assertThat(http().post("/api/branches", Map.of("code", derived, "name", "Điện lực " + derived,
                "company", "PC Điện Biên")).json().get("companyCode").asString()).isEqualTo("PCDIENBIEN");
        awaitReadModels();

        assertThat(http().get("/api/branches/" + given).json().get("companyCode").asString()).startsWith("EVNHG");
        assertThat(http().get("/api/branches/" + derived).json().get("companyCode").asString())
                .isEqualTo("PCDIENBIEN");

        JsonNode first = http().get("/api/branches?size=2").json();
        long total = first.get("total").asLong();
        assertThat(total).isGreaterThanOrEqualTo(2);
        assertThat(first.get("branches")).hasSize(2);
        assertThat(first.get("page").asInt()).isZero();
        assertThat(first.get("size").asInt()).isEqualTo(2);
        List<String> codes = new ArrayList<>();
        for (int page = 0; page * 2L < total; page++) {
            http().get("/api/branches?size=2&page=" + page).json().get("branches")
                    .forEach(b -> codes.add(b.get("code").asString()));
        }
        assertThat(codes).hasSize((int) total).doesNotHaveDuplicates().contains(given, derived).isSorted();
        assertThat(http().get("/api/branches?size=2&page=" + (total / 2 + 1)).json().get("branches")).isEmpty();
    }

    @Test
    void aBranchWhoseCompanyNameGivesNoCodeIsCreatedWithoutOne() {
        String code = uniqueBranchCode();
        Http.Response created = http().post("/api/branches", Map.of("code", code, "name", "Điện lực " + code,
                "company", "Đ"));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().path("companyCode").isNull()).isTrue();
        awaitReadModels();

        JsonNode stored = http().get("/api/branches/" + code).json();
        assertThat(stored.get("company").asString()).isEqualTo("Đ");
        assertThat(stored.path("companyCode").isNull()).isTrue();
    }

    @Test
    void aBranchsCommunesArePagedByCode() {
        String c1 = uniqueCommuneCode();
        String c2 = uniqueCommuneCode();
        String c3 = uniqueCommuneCode();
        String branch = branchWith(c3, c1, c2);
        awaitReadModels();

        JsonNode first = http().get("/api/branches/" + branch + "/communes?size=2").json();
        assertThat(first.get("total").asLong()).isEqualTo(3);
        assertThat(first.get("communes").findValuesAsString("code")).containsExactly(c1, c2);
        JsonNode second = http().get("/api/branches/" + branch + "/communes?size=2&page=1").json();
        assertThat(second.get("communes").findValuesAsString("code")).containsExactly(c3);
        assertThat(second.get("communes").get(0).get("kind").asString()).isEqualTo("COMMUNE");
    }

    @Test
    void customersAreFoundByCodeNameOrPhoneWithoutRegardToCaseOrDiacritics() {
        String commune = uniqueCommuneCode();
        String other = uniqueCommuneCode();
        String branch = branchWith(commune, other);
        String phone = "09" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
        String an = register(branch, commune, "Nguyễn Văn An", phone);
        String school = register(branch, commune, "Trường THCS Bắc Mê", null);
        String bich = register(branch, other, "Lê Thị Bích", "0311111111");
        awaitReadModels();

        assertThat(codes("/api/customers?q=" + an)).containsExactly(an);
        assertThat(codes("/api/customers?q=" + an.substring(0, 9).toLowerCase() + "&branch=" + branch))
                .contains(an, school, bich);
        assertThat(codes("/api/customers?branch=" + branch + "&q=bac%20me")).containsExactly(school);
        assertThat(codes("/api/customers?branch=" + branch + "&q=B%E1%BA%AEC")).containsExactly(school); // "BẮC"
        assertThat(codes("/api/customers?branch=" + branch + "&q=van%20a")).containsExactly(an);
        assertThat(codes("/api/customers?branch=" + branch + "&q=nguy%E1%BB%85n")).containsExactly(an); // "nguyễn"
        assertThat(codes("/api/customers?q=" + phone.substring(0, 8))).contains(an);
        assertThat(codes("/api/customers?q=" + phone)).containsExactly(an);
        assertThat(codes("/api/customers?branch=" + branch + "&q=zzz")).isEmpty();

        JsonNode page = http().get("/api/customers?branch=" + branch + "&size=2").json();
        assertThat(page.get("total").asLong()).isEqualTo(3);
        assertThat(page.get("customers")).hasSize(2);
        assertThat(http().get("/api/customers?branch=" + branch + "&size=2&page=1").json().get("customers"))
                .hasSize(1);
        JsonNode inCommune = http().get("/api/customers?branch=" + branch + "&commune=" + other).json();
        assertThat(inCommune.get("total").asLong()).isEqualTo(1);
        assertThat(inCommune.get("customers").get(0).get("name").asString()).isEqualTo("Lê Thị Bích");
        // a viewer sees phones masked here as on the customer's page
        JsonNode masked = http().as("viewer", "viewer").get("/api/customers?q=" + an).json();
        assertThat(masked.get("customers").get(0).get("phone").asString()).isEqualTo(
                phone.substring(0, 4) + "***" + phone.substring(phone.length() - 3));
    }

    @Test
    void aCustomersPaymentsArePagedWithATotalAndKeepTheirFields() {
        String customer = customerInNewBranch();
        for (int month = 1; month <= 3; month++) {
            paidBill(customer, "2021-0" + month, 100_000 + month, "BANK", "Agribank",
                    "2021-0" + month + "-10T03:00:00Z");
        }
        awaitReadModels();

        JsonNode all = http().get("/api/customers/" + customer + "/payments").json();
        assertThat(all.get("customer").asString()).isEqualTo(customer);
        assertThat(all.get("payments")).hasSize(3);
        assertThat(all.get("total").asLong()).isEqualTo(3);
        JsonNode second = http().get("/api/customers/" + customer + "/payments?size=2&page=1").json();
        assertThat(second.get("payments")).hasSize(1);
        assertThat(second.get("total").asLong()).isEqualTo(3);
        assertThat(second.get("payments").get(0).get("period").asString()).isEqualTo("2021-01");
    }

    @Test
    void aBillShowsWhatIsPaidOutstandingAndReversed() {
        String customer = customerInNewBranch();
        bill(customer, "2021-05", 300_000);
        Http.Response first = pay(customer, "2021-05", 100_000, "BANK", "Agribank", "BILL-" + UUID.randomUUID(),
                "2021-05-20T03:00:00Z");
        Http.Response second = pay(customer, "2021-05", 50_000, "E_WALLET", "MoMo", "BILL-" + UUID.randomUUID(),
                "2021-05-21T03:00:00Z");
        String reversedId = first.json().get("id").asString();
        assertThat(http().post("/api/payments/" + reversedId + "/reversal",
                Map.of("reason", "Ngân hàng báo trùng giao dịch", "reversedAt", "2021-05-22T09:00:00+07:00"))
                .status()).isEqualTo(200);
        awaitReadModels();

        JsonNode bill = http().get("/api/bills/" + customer + "-2021-05").json();
        assertThat(bill.get("id").asString()).isEqualTo(customer + "-2021-05");
        assertThat(bill.get("amount").asLong()).isEqualTo(300_000);
        assertThat(bill.get("dueDate").asString()).isEqualTo("2021-05-25");
        assertThat(bill.get("paid").asLong()).isEqualTo(50_000);
        assertThat(bill.get("outstanding").asLong()).isEqualTo(250_000);
        assertThat(bill.get("reversed").asLong()).isEqualTo(100_000);
        assertThat(bill.get("paymentsTotal").asLong()).isEqualTo(2);
        assertThat(bill.get("payments").findValuesAsString("id"))
                .containsExactly(reversedId, second.json().get("id").asString());
        assertThat(bill.get("payments").get(0).get("reversed").asBoolean()).isTrue();
        assertThat(bill.get("reversalsTotal").asLong()).isEqualTo(1);
        JsonNode reversal = bill.get("reversals").get(0);
        assertThat(reversal.get("payment").asString()).isEqualTo(reversedId);
        assertThat(reversal.get("amount").asLong()).isEqualTo(100_000);
        assertThat(reversal.get("reason").asString()).isEqualTo("Ngân hàng báo trùng giao dịch");
        assertThat(reversal.get("reversedAt").asString()).isEqualTo("2021-05-22T09:00:00+07:00");
    }

    @Test
    void aPlanAssignedTwiceShowsBothRevisionsWithWhoAndWhen() {
        String branch = branchWith(uniqueCommuneCode());
        Http.Response one = http().put("/api/plans/" + branch + "/2021-H1", Map.of(
                "targets", Map.of("cashlessAmountRatio", 77.83)));
        Http.Response two = http().as("planner", "planner").put("/api/plans/" + branch + "/2021-H1", Map.of(
                "targets", Map.of("cashlessAmountRatio", 80, "zaloRegistrations", 3000),
                "cashlessKinds", List.of("BANK", "E_WALLET", "INTERMEDIARY")));
        // the same plan again changes nothing: no event, the revision in force is answered
        Http.Response same = http().as("planner", "planner").put("/api/plans/" + branch + "/2021-H1", Map.of(
                "targets", Map.of("cashlessAmountRatio", 80.00, "zaloRegistrations", 3000),
                "cashlessKinds", List.of("INTERMEDIARY", "BANK", "E_WALLET")));
        assertThat(one.json().get("revision").asInt()).isEqualTo(1);
        assertThat(two.json().get("revision").asInt()).isEqualTo(2);
        assertThat(same.status()).isEqualTo(200);
        assertThat(same.json().get("revision").asInt()).isEqualTo(2);
        awaitReadModels();

        JsonNode plan = http().as("viewer", "viewer").get("/api/plans/" + branch + "/2021-H1").json();
        assertThat(plan.get("revision").asInt()).isEqualTo(2);
        assertThat(plan.get("assignedBy").asString()).isEqualTo("planner");
        assertThat(plan.get("targets").get("cashlessAmountRatio").decimalValue()).isEqualByComparingTo("80");
        assertThat(plan.get("cashlessKinds").toString()).isEqualTo("[\"BANK\",\"E_WALLET\",\"INTERMEDIARY\"]");
        assertThat(plan.get("total").asLong()).isEqualTo(2);
        JsonNode revisions = plan.get("revisions");
        assertThat(revisions).hasSize(2);
        assertThat(revisions.get(0).get("revision").asInt()).isEqualTo(1);
        assertThat(revisions.get(0).get("assignedBy").asString()).isEqualTo("tester");
        assertThat(revisions.get(0).get("targets").get("zaloRegistrations").isNull()).isTrue();
        assertThat(revisions.get(0).get("cashlessKinds").toString()).isEqualTo("[\"BANK\",\"E_WALLET\"]");
        assertThat(revisions.get(1).get("assignedBy").asString()).isEqualTo("planner");
        assertThat(revisions.get(1).get("cashlessKinds").toString())
                .isEqualTo("[\"BANK\",\"E_WALLET\",\"INTERMEDIARY\"]");
        OffsetDateTime firstAt = OffsetDateTime.parse(revisions.get(0).get("assignedAt").asString());
        OffsetDateTime secondAt = OffsetDateTime.parse(revisions.get(1).get("assignedAt").asString());
        assertThat(firstAt.getOffset().getTotalSeconds()).isEqualTo(7 * 3600);
        assertThat(secondAt).isAfterOrEqualTo(firstAt);
        assertThat(revisions.get(1).get("correlationId").asString()).isNotBlank();

        JsonNode paged = http().get("/api/plans/" + branch + "/2021-H1?size=1&page=1").json();
        assertThat(paged.get("revisions")).hasSize(1);
        assertThat(paged.get("revisions").get(0).get("revision").asInt()).isEqualTo(2);
    }

    @Test
    void aCompanysProgressSumsItsBranchesAndComputesItsRatiosFromTheSums() {
        String company = "TC" + ThreadLocalRandom.current().nextInt(100_000, 999_999);
        String a1 = uniqueCommuneCode();
        String a2 = uniqueCommuneCode();
        String a3 = uniqueCommuneCode();
        String a = branchOf("Công ty thử", company, a1, a2, a3);
        String b1 = uniqueCommuneCode();
        String b = branchOf("Công ty thử", company, b1);
        plan(a, "2021-H1", List.of("BANK", "E_WALLET"));
        // branch A: 300,000 by bank (cashless) and 700,000 at the counter: 30 % of the amount, 1 of 2 payments
        paidBill(customer(a, a1), "2021-03", 300_000, "BANK", "Agribank", "2021-03-10T03:00:00Z");
        paidBill(customer(a, a2), "2021-03", 700_000, "COUNTER", "Quầy Bắc Mê", "2021-03-11T03:00:00Z");
        // branch B: 90,000 by e-wallet: 100 %, 1 of 1
        paidBill(customer(b, b1), "2021-04", 90_000, "E_WALLET", "MoMo", "2021-04-10T03:00:00Z");
        awaitReadModels();

        Http.Response response = http().as("viewer", "viewer").get("/api/companies/" + company
                + "/progress?period=2021-H1");
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        JsonNode progress = response.json();
        assertThat(progress.get("company").asString()).isEqualTo(company);
        assertThat(progress.get("name").asString()).isEqualTo("Công ty thử");
        JsonNode totals = progress.get("totals");
        assertThat(totals.get("payments").asLong()).isEqualTo(3);
        assertThat(totals.get("cashlessPayments").asLong()).isEqualTo(2);
        assertThat(totals.get("amount").asLong()).isEqualTo(1_090_000);
        assertThat(totals.get("cashlessAmount").asLong()).isEqualTo(390_000);
        assertThat(totals.get("cashlessCustomers").asLong()).isEqualTo(2);
        // 390,000 / 1,090,000 = 35.7798…%, not the mean of the branches' 30 % and 100 % (65 %)
        assertThat(totals.get("cashlessAmountRatio").decimalValue()).isEqualByComparingTo("35.78");
        // 2 / 3 = 66.666…%, not the mean of 50 % and 100 % (75 %)
        assertThat(totals.get("cashlessPaymentRatio").decimalValue()).isEqualByComparingTo("66.67");
        assertThat(progress.get("coveredCommunes").asLong()).isEqualTo(2);
        assertThat(progress.get("totalCommunes").asLong()).isEqualTo(4);
        assertThat(progress.get("coverageRatio").decimalValue()).isEqualByComparingTo("50.00");
        assertThat(progress.get("total").asLong()).isEqualTo(2);

        JsonNode branches = progress.get("branches");
        assertThat(branches.findValuesAsString("branch")).containsExactly(a, b);
        JsonNode branchA = branches.get(0);
        assertThat(branchA.get("totals").get("cashlessAmountRatio").decimalValue()).isEqualByComparingTo("30.00");
        assertThat(branchA.get("coverageRatio").decimalValue()).isEqualByComparingTo("33.33");
        assertThat(branchA.get("plan").get("revision").asInt()).isEqualTo(1);
        assertThat(Reads.indicator(branchA.get("plan"), "cashlessAmountRatio").get("actual").decimalValue())
                .isEqualByComparingTo("30.00");
        assertThat(branches.get(1).get("plan").isNull()).isTrue();
        assertThat(branches.get(1).get("totals").get("cashlessAmountRatio").decimalValue())
                .isEqualByComparingTo("100.00");

        JsonNode secondPage = http().get("/api/companies/" + company + "/progress?period=2021-H1&size=1&page=1")
                .json();
        assertThat(secondPage.get("branches").findValuesAsString("branch")).containsExactly(b);
        assertThat(secondPage.get("totals").get("amount").asLong()).isEqualTo(1_090_000);
    }

    @Test
    void unknownBranchesBillsPlansAndCompaniesAreNotFound() {
        String branch = branchWith(uniqueCommuneCode());
        awaitReadModels();
        assertProblem(http().get("/api/branches/NOPE9/communes"), 404, "BRANCH_NOT_FOUND", "branch");
        assertProblem(http().get("/api/customers?branch=NOPE9"), 404, "BRANCH_NOT_FOUND", "branch");
        assertProblem(http().get("/api/bills/" + uniqueCustomerCode() + "-2021-06"), 404, "BILL_NOT_FOUND", "id");
        assertProblem(http().get("/api/plans/" + branch + "/2021-H1"), 404, "PLAN_NOT_FOUND", "period");
        assertProblem(http().get("/api/plans/NOPE9/2021-H1"), 404, "BRANCH_NOT_FOUND", "branch");
        assertProblem(http().get("/api/companies/NOSUCHCOMPANY/progress?period=2021"), 404, "COMPANY_NOT_FOUND",
                "company");
    }

    @Test
    void badPagesSizesSearchesAndCodesAreRefusedNamingTheParameter() {
        assertProblem(http().get("/api/branches?size=0"), 400, "INVALID_VALUE", "size");
        assertProblem(http().get("/api/branches?size=501"), 400, "INVALID_VALUE", "size");
        assertProblem(http().get("/api/customers?size=ten"), 400, "INVALID_VALUE", "size");
        assertProblem(http().get("/api/customers?page=-1"), 400, "INVALID_VALUE", "page");
        assertProblem(http().get("/api/bills/PA20BM0000001-2021-06?page=1.5"), 400, "INVALID_VALUE", "page");
        assertProblem(http().get("/api/customers?q=%20%20"), 400, "INVALID_VALUE", "q");
        assertProblem(http().get("/api/customers?q=!!!"), 400, "INVALID_VALUE", "q");
        assertProblem(http().get("/api/customers?q=" + "a".repeat(101)), 400, "INVALID_VALUE", "q");
        assertProblem(http().get("/api/customers?commune=123"), 400, "INVALID_VALUE", "commune");
        assertProblem(http().get("/api/bills/not-a-bill"), 400, "INVALID_VALUE", "id");
        assertProblem(http().get("/api/plans/BM/2021-H3"), 400, "INVALID_VALUE", "period");
        assertProblem(http().get("/api/companies/pc/progress?period=2021"), 400, "INVALID_VALUE", "company");
        assertProblem(http().get("/api/companies/PCHAGIANG/progress"), 400, "INVALID_VALUE", "period");
        assertProblem(http().get("/api/companies/PCHAGIANG/progress?period=2021-13"), 400, "INVALID_VALUE",
                "period");
    }

    @Test
    void aUserLimitedToABranchSeesOnlyItsBranchAndIsRefusedTheCompanyView() {
        String bmCustomer = customerOfBranchBm();
        String elsewhere = customerInNewBranch();
        bill(elsewhere, "2021-06", 100_000);
        awaitReadModels();
        Http bmViewer = http().as("bm-viewer", "bm-viewer");

        JsonNode branches = bmViewer.get("/api/branches").json();
        assertThat(branches.get("total").asLong()).isEqualTo(1);
        assertThat(branches.get("branches").get(0).get("code").asString()).isEqualTo("BM");
        assertThat(codesAs(bmViewer, "/api/customers?q=" + bmCustomer)).containsExactly(bmCustomer);
        assertThat(codesAs(bmViewer, "/api/customers?q=" + elsewhere)).isEmpty();
        String otherBranch = http().get("/api/customers/" + elsewhere).json().get("branch").asString();
        assertProblem(bmViewer.get("/api/customers?branch=" + otherBranch), 403, "ACCESS_DENIED", "branch");
        assertProblem(bmViewer.get("/api/branches/" + otherBranch + "/communes"), 403, "ACCESS_DENIED", "branch");
        assertProblem(bmViewer.get("/api/bills/" + elsewhere + "-2021-06"), 403, "ACCESS_DENIED", "branch");
        assertProblem(bmViewer.get("/api/plans/" + otherBranch + "/2021"), 403, "ACCESS_DENIED", "branch");
        Http.Response company = bmViewer.get("/api/companies/PCHAGIANG/progress?period=2021");
        assertThat(company.status()).as(company.toString()).isEqualTo(403);
        assertThat(company.json().get("code").asString()).isEqualTo("ACCESS_DENIED");
        assertThat(bmViewer.get("/api/branches/BM/communes").status()).isEqualTo(200);
        // whole-company readers of every kind see the company view; a provider's account does not
        for (String reader : List.of("viewer", "planner", "auditor", "operator")) {
            assertThat(http().as(reader, reader).get("/api/companies/PCHAGIANG/progress?period=2021").status())
                    .as(reader).isEqualTo(200);
        }
        assertThat(http().as("momo", "momo").get("/api/companies/PCHAGIANG/progress?period=2021").status())
                .isEqualTo(403);
        assertThat(http().as("momo", "momo").get("/api/customers").status()).isEqualTo(403);
    }

    @Test
    void aBranchCreatedBeforeCompanyCodesIsReadWithTheCodeItsCompanyNameGives() {
        String branch = uniqueBranchCode();
        String payload = "{\"branch\":\"" + branch + "\",\"name\":\"Điện lực " + branch
                + "\",\"company\":\"PC Hà Giang\"}";
        // stored as revision 1 was, without companyCode
        jdbc.update("""
                        INSERT INTO domainevententry (aggregateidentifier, sequencenumber, type, eventidentifier,
                            metadata, payload, payloadrevision, payloadtype, timestamp)
                        VALUES (?, 0, 'Branch', ?, ?, ?, '1', ?, ?)""", branch, UUID.randomUUID().toString(),
                "{\"actor\":\"tester\"}".getBytes(StandardCharsets.UTF_8), payload.getBytes(StandardCharsets.UTF_8),
                BranchCreated.class.getName(), Instant.now().toString());
        // the command side's look-up, which the command would have written in the same transaction
        jdbc.update("INSERT INTO branch_directory (code) VALUES (?)", branch);
        awaitReadModels();

        assertThat(http().get("/api/branches/" + branch).json().get("companyCode").asString())
                .isEqualTo("PCHAGIANG");
        // the command side loads the branch from the same event
        String commune = uniqueCommuneCode();
        assertThat(http().post("/api/branches/" + branch + "/communes", Map.of("code", commune, "name", "Xã mới",
                "kind", "COMMUNE")).status()).isEqualTo(201);
        // the stored event is left as it was written
        assertThat(jdbc.queryForObject("SELECT payloadrevision FROM domainevententry "
                + "WHERE aggregateidentifier = ? AND sequencenumber = 0", String.class, branch)).isEqualTo("1");
    }

    @Test
    void everyKindOfCustomerSearchCanBeAnsweredFromAnIndex() {
        String plans = jdbc.execute((ConnectionCallback<String>) connection -> {
            StringBuilder all = new StringBuilder();
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET enable_seqscan = off");
                for (String search : List.of("code LIKE 'PA20BM%'", "phone LIKE '0912%'")) {
                    all.append(plan(statement, "SELECT code FROM rm_customer WHERE " + search));
                }
                all.append(plan(statement, "SELECT customer FROM rm_customer_name_key WHERE key LIKE 'bac me%'"));
                statement.execute("RESET enable_seqscan");
            }
            return all.toString();
        });
        assertThat(plans).contains("rm_customer_code_prefix", "rm_customer_phone_prefix",
                "rm_customer_name_key_prefix").doesNotContain("Seq Scan");
    }

    private static String plan(Statement statement, String sql) throws java.sql.SQLException {
        StringBuilder plan = new StringBuilder();
        try (ResultSet rows = statement.executeQuery("EXPLAIN " + sql)) {
            while (rows.next()) {
                plan.append(rows.getString(1)).append('\n');
            }
        }
        return plan.toString();
    }

    private String branchOf(String company, String companyCode, String... communes) {
        String branch = uniqueBranchCode();
        Http.Response created = http().post("/api/branches", Map.of("code", branch, "name", "Điện lực " + branch,
                "company", company, "companyCode", companyCode));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().get("companyCode").asString()).isEqualTo(companyCode);
        for (String commune : communes) {
            assertThat(http().post("/api/branches/" + branch + "/communes", Map.of("code", commune, "name",
                    "Xã " + commune, "kind", "COMMUNE")).status()).isEqualTo(201);
        }
        return branch;
    }

    private String register(String branch, String commune, String name, String phone) {
        String code = uniqueCustomerCode();
        Map<String, Object> body = new java.util.HashMap<>(Map.of("code", code, "name", name, "branch", branch,
                "commune", commune, "registeredAt", "2020-01-01T00:00:00Z"));
        if (phone != null) {
            body.put("phone", phone);
        }
        Http.Response registered = http().post("/api/customers", body);
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        return code;
    }

    private List<String> codes(String path) {
        return codesAs(http(), path);
    }

    private static List<String> codesAs(Http http, String path) {
        Http.Response response = http.get(path);
        assertThat(response.status()).as(path + " → " + response).isEqualTo(200);
        JsonNode body = response.json();
        List<String> codes = body.get("customers").findValuesAsString("code");
        assertThat(body.get("total").asLong()).as(path).isGreaterThanOrEqualTo(codes.size());
        return codes;
    }

    private static void assertProblem(Http.Response response, int status, String code, String field) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("code").asString()).as(response.toString()).isEqualTo(code);
        assertThat(response.json().get("field").asString()).as(response.toString()).isEqualTo(field);
    }
}
