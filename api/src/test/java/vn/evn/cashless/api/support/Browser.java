package vn.evn.cashless.api.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real headless browser: Debian's {@code chromium} driven through Debian's {@code chromedriver}, both named by
 * path, so that Selenium never looks for (or downloads) a browser or driver of its own. Without them the test fails
 * and says how to install them.
 */
public final class Browser implements AutoCloseable {

    public static final Path CHROMIUM = Path.of(System.getProperty("browser.chromium", "/usr/bin/chromium"));
    public static final Path CHROMEDRIVER = Path.of(System.getProperty("browser.chromedriver",
            "/usr/bin/chromedriver"));

    private static final int WIDTH = 1360;

    private final ChromeDriver driver;
    private final Path profile;
    private final String base;

    private Browser(ChromeDriver driver, Path profile, String base) {
        this.driver = driver;
        this.profile = profile;
        this.base = base;
    }

    /** Starts the browser for the application at {@code base} (e.g. {@code http://localhost:8080}). */
    public static Browser open(String base) {
        installIfMissing();
        for (Path binary : new Path[]{CHROMIUM, CHROMEDRIVER}) {
            if (!Files.isExecutable(binary)) {
                throw new AssertionError(binary + " is missing: the dashboard's browser test needs Debian's chromium"
                        + " and chromedriver. Install them with: apt-get update && apt-get install -y chromium"
                        + " chromium-driver (.ci/run does this when they are missing)");
            }
        }
        // Selenium Manager is only asked when a path is missing; both are given, and this says so once more.
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        try {
            Path profile = Files.createTempDirectory("chromium-profile-");
            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM.toFile());
            options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--window-size=" + WIDTH + ",1600",
                    "--lang=vi-VN");
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
            return new Browser(new ChromeDriver(service, options), profile, base);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * On a fresh Debian machine, installs Debian's packages where they are looked for by default, as {@code .ci/run}
     * does, so that the README's test command needs nothing but a JDK there too. Only as root or with
     * password-less sudo; otherwise the test fails below and says what to install.
     */
    private static void installIfMissing() {
        boolean defaults = CHROMIUM.equals(Path.of("/usr/bin/chromium"))
                && CHROMEDRIVER.equals(Path.of("/usr/bin/chromedriver"));
        if (Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER) || !defaults
                || !Files.isExecutable(Path.of("/usr/bin/apt-get"))) {
            return;
        }
        String sudo = "0".equals(output("id", "-u")) ? "" : "sudo -n ";
        System.out.println("Installing Debian's chromium and chromium-driver for the browser test");
        System.out.println(output("sh", "-c", sudo + "apt-get update -q && DEBIAN_FRONTEND=noninteractive " + sudo
                + "apt-get install -y -q chromium chromium-driver"));
    }

    /** What a command printed, trimmed; empty if it could not run. */
    private static String output(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String printed = new String(process.getInputStream().readAllBytes()).trim();
            process.waitFor();
            return printed;
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    public ChromeDriver driver() {
        return driver;
    }

    public void go(String path) {
        driver.get(base + path);
    }

    public WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    public String text(String css) {
        return find(css).getText();
    }

    /**
     * Polls, with a deadline, until the condition holds; fails with what it last saw. An element the page replaced
     * while the condition read it (the dashboard renders again) is read again at the next poll.
     */
    public void await(String what, java.util.function.Predicate<ChromeDriver> condition) {
        new WebDriverWait(driver, Duration.ofSeconds(60), Duration.ofMillis(100))
                .ignoring(StaleElementReferenceException.class)
                .withMessage(() -> what + "; the page was " + driver.getCurrentUrl() + ": "
                        + driver.findElement(By.tagName("body")).getText())
                .until(driver -> condition.test(this.driver));
    }

    /** The whole page as a PNG: the window is made as tall as the page first. */
    public Path screenshot(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            long height = (Long) driver.executeScript("return document.documentElement.scrollHeight"
                    + " + window.outerHeight - window.innerHeight;");
            driver.manage().window().setSize(new Dimension(WIDTH, (int) Math.max(800, height)));
            File shot = driver.getScreenshotAs(OutputType.FILE);
            Files.copy(shot.toPath(), file, StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (IOException e) {
                // a temporary profile left behind harms no one
            }
        }
    }
}
