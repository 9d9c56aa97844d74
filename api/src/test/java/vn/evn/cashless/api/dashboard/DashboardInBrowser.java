package vn.evn.cashless.api.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.text.NumberFormat;
import java.util.Locale;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;
import tools.jackson.databind.JsonNode;
import vn.evn.cashless.api.support.Browser;
import vn.evn.cashless.api.support.Http;
import vn.evn.cashless.api.support.Reads;

/**
 * The dashboard of the Bắc Mê demo, first half of 2021, in a real browser: signed in through the sign-in page, the
 * article's figures read off the page, the language switched, another period chosen, and screenshots left in
 * {@code api/target/} to look at. Run by {@code DemoDataEndToEndTest} on the application it has loaded the demo into.
 */
public final class DashboardInBrowser {

    public static final Path SCREENSHOT = Path.of("target", "dashboard.png");
    public static final Path SCREENSHOT_ENGLISH = Path.of("target", "dashboard-en.png");
    public static final Path SCREENSHOT_SIGN_IN = Path.of("target", "dashboard-sign-in.png");

    private DashboardInBrowser() {
    }

    /** {@code http} is any client of the application; the browser signs in as the demo's viewer. */
    public static void check(Http http) {
        Http viewer = http.as("viewer", "viewer");
        try (Browser browser = Browser.open(http.base())) {
            browser.go("/?branch=BM&period=2021-H1");
            browser.await("the sign-in page", driver -> driver.getCurrentUrl().contains("/login")
                    && browser.find("#submit").isEnabled());
            assertThat(browser.text("h1")).isEqualTo("Đăng nhập");
            browser.find("#username").sendKeys("viewer");
            browser.find("#password").sendKeys("wrong");
            browser.find("#submit").click();
            browser.await("the refusal", driver -> driver.getCurrentUrl().contains("error")
                    && browser.find("#error").isDisplayed() && browser.find("#submit").isEnabled());
            assertThat(browser.text("#error")).isEqualTo("Sai tên đăng nhập hoặc mật khẩu.");
            browser.screenshot(SCREENSHOT_SIGN_IN);

            browser.go("/?branch=BM&period=2021-H1");
            browser.await("the sign-in page again", driver -> browser.find("#submit").isEnabled());
            browser.find("#username").sendKeys("viewer");
            browser.find("#password").sendKeys("viewer");
            browser.find("#submit").click();
            awaitShown(browser, "Bắc Mê");
            assertThat(browser.driver().getCurrentUrl()).contains("branch=BM").contains("period=2021-H1");

            // The article's figures, written the Vietnamese way.
            assertThat(browser.text("#heading")).isEqualTo("Điện lực Bắc Mê (BM) · 6 tháng đầu năm 2021");
            assertThat(browser.text("#indicator-cashlessAmountRatio .actual")).isEqualTo("82,27%");
            assertThat(browser.text("#indicator-cashlessAmountRatio .target")).isEqualTo("77,83%");
            assertThat(browser.text("#indicator-cashlessAmountRatio .achievement")).startsWith("đạt 105,7");
            assertThat(browser.text("#indicator-cashlessPaymentRatio .actual")).isEqualTo("22,79%");
            assertThat(browser.text("#coverage")).contains("13/13");
            // a met target is a green bar, a missed one is not
            assertThat(browser.find("#indicator-cashlessAmountRatio").getAttribute("class")).contains("met");
            assertThat(browser.find("#indicator-communeCoverage").getAttribute("class")).contains("met");
            assertThat(browser.find("#indicator-cashlessPaymentRatio").getAttribute("class")).doesNotContain("met");
            assertThat(browser.find("#indicator-zaloRegistrations").getAttribute("class")).doesNotContain("met");
            assertThat(browser.find("#indicator-cashlessAmountRatio .fill").getCssValue("background-color"))
                    .isEqualTo("rgba(46, 133, 64, 1)");

            JsonNode progress = viewer.get("/api/plans/BM/2021-H1/progress").json();
            long amount = progress.get("totals").get("amount").asLong();
            assertThat(browser.text("#total-amount .value")).isEqualTo(vnd(amount));
            assertThat(vnd(amount)).matches("35\\.3\\d\\d\\.\\d{3}\\.\\d{3} ₫");
            assertThat(browser.driver().findElements(By.cssSelector("#communes tbody tr"))).hasSize(13);
            assertThat(browser.driver().findElements(By.cssSelector("#communes .badge.covered"))).hasSize(13);
            assertThat(browser.text("#communes tbody")).contains("Thị trấn Yên Phú").contains("Phiêng Luông");
            JsonNode channels = viewer.get("/api/branches/BM/channels?period=2021-H1").json();
            assertThat(browser.driver().findElements(By.cssSelector("#channels tbody tr")))
                    .hasSize(channels.get("channels").size());
            assertThat(browser.driver().executeScript(
                    "const c = Chart.getChart('channels-chart'); return c ? c.data.labels.length : -1;"))
                    .isEqualTo((long) channels.get("channels").size());
            assertThat(browser.find("#channels-chart").getSize().getHeight()).isGreaterThan(100);
            // The company view: its table when the server has the report, else a short message, never both.
            boolean companyTable = browser.find("#company").isDisplayed();
            boolean companyMessage = browser.find("#company-message").isDisplayed();
            assertThat(companyTable).as("the company table or its message").isNotEqualTo(companyMessage);
            assertThat(browser.find("#download").getAttribute("href"))
                    .endsWith("/api/branches/BM/report.xlsx?period=2021-H1");
            // The demo's bills were all due before it was loaded, so none was noticed: the section says so, and
            // still shows the plan's Zalo target.
            JsonNode notices = viewer.get("/api/branches/BM/notices?period=2021-H1").json();
            assertThat(notices.get("customersNotified").asLong()).isZero();
            assertThat(browser.text("#notices-message")).isEqualTo("Chưa có thông báo nào cho hóa đơn của kỳ này.");
            assertThat(browser.find("#notices").isDisplayed()).isFalse();
            assertThat(browser.text("#notices-zalo")).startsWith("Khách hàng đăng ký nhận thông báo qua Zalo: ")
                    .contains("kế hoạch ").doesNotContain("chưa giao");
            browser.screenshot(SCREENSHOT);

            browser.find("#lang-en").click();
            browser.await("English", driver -> browser.text("#heading").equals("Điện lực Bắc Mê (BM) · H1 2021"));
            assertThat(browser.text("#progress-section h2")).isEqualTo("Progress against the plan");
            assertThat(browser.text("#indicator-cashlessAmountRatio .name"))
                    .isEqualTo("Cashless share of the amount collected");
            assertThat(browser.text("#indicator-cashlessAmountRatio .actual")).isEqualTo("82,27%");
            assertThat(browser.text("#coverage")).contains("13/13").contains("communes");
            assertThat(browser.text("#communes tbody")).contains("Covered");
            assertThat(browser.text("#notices-section h2")).isEqualTo("Bill notices");
            assertThat(browser.text("#notices-message")).isEqualTo("No notices for the bills of this period yet.");
            assertThat(browser.driver().getCurrentUrl()).contains("lang=en");
            browser.screenshot(SCREENSHOT_ENGLISH);

            // Another period: the second quarter. Its figures are the API's for that quarter.
            new Select(browser.find("#period-kind")).selectByValue("quarter");
            new Select(browser.find("#period-part")).selectByValue("2");
            browser.find("#show").click();
            awaitShown(browser, "Q2 2021");
            assertThat(browser.driver().getCurrentUrl()).contains("period=2021-Q2");
            JsonNode quarter = viewer.get("/api/branches/BM/coverage?period=2021-Q2").json();
            assertThat(browser.text("#coverage")).contains(quarter.get("coveredCommunes").asLong() + "/"
                    + quarter.get("totalCommunes").asLong());
            Http.Response quarterPlan = viewer.get("/api/plans/BM/2021-Q2/progress");
            if (quarterPlan.status() == 200) {
                assertThat(browser.text("#indicator-cashlessAmountRatio .actual")).isEqualTo(percent(
                        Reads.indicator(quarterPlan.json(), "cashlessAmountRatio").get("actual").decimalValue()));
            } else {
                assertThat(quarterPlan.status()).isEqualTo(404);
                assertThat(browser.text("#progress-message")).isEqualTo("No plan has been assigned for this period.");
            }
            long quarterAmount = quarter.get("totals").get("amount").asLong();
            assertThat(browser.text("#communes tbody")).isNotEmpty();
            assertThat(quarterAmount).isLessThan(amount);

            // Back to Vietnamese, and sign out.
            browser.find("#lang-vi").click();
            browser.await("Vietnamese", driver -> browser.text("#heading").endsWith("Quý 2/2021"));
            browser.find("#sign-out button").click();
            browser.await("signed out", driver -> driver.getCurrentUrl().contains("/login?logout"));
            assertThat(browser.text("#signed-out")).isEqualTo("Bạn đã đăng xuất.");
            browser.go("/?branch=BM&period=2021-H1");
            browser.await("the sign-in page after signing out", driver -> driver.getCurrentUrl().contains("/login"));
        }
    }

    private static void awaitShown(Browser browser, String heading) {
        browser.await("the dashboard showing " + heading, driver ->
                "shown".equals(browser.find("body").getAttribute("data-state"))
                        && browser.text("#heading").contains(heading));
    }

    private static String vnd(long amount) {
        return NumberFormat.getIntegerInstance(Locale.forLanguageTag("vi-VN")).format(amount) + " ₫";
    }

    private static String percent(java.math.BigDecimal points) {
        return points.toPlainString().replace('.', ',') + "%";
    }
}
