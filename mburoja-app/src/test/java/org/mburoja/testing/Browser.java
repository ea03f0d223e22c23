package org.mburoja.testing;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A headless Chromium driven by Selenium against the running test server, with the steps every browser journey
 * needs (log in, enrol or enter TOTP, change the password, open a page) and screenshots to
 * {@code target/screenshots}. Without Chromium the test is skipped with a loud message, except in CI ({@code CI}
 * set), where it fails.
 */
public final class Browser implements AutoCloseable {

    static final String CHROMIUM = env("MBUROJA_CHROMIUM", "/usr/bin/chromium");
    static final String CHROMEDRIVER = env("MBUROJA_CHROMEDRIVER", "/usr/bin/chromedriver");

    private final WebDriver driver;
    private final WebDriverWait wait;
    private final String base;
    private final Path profile;
    private final Path screenshots = Path.of("target", "screenshots");
    private int shot;

    private Browser(WebDriver driver, String base, Path profile) {
        this.driver = driver;
        this.base = base;
        this.profile = profile;
        this.wait = new WebDriverWait(driver, Duration.ofSeconds(20));
    }

    /** Starts Chromium, or skips (fails in CI) when it is not installed. */
    public static Browser open(int port) throws IOException {
        boolean present = new File(CHROMIUM).canExecute() && new File(CHROMEDRIVER).canExecute();
        if (!present) {
            String msg = "Chromium or chromedriver not found (" + CHROMIUM + ", " + CHROMEDRIVER
                    + "); install the Debian packages chromium and chromium-driver, or run .ci/run";
            if (System.getenv("CI") != null) {
                throw new IllegalStateException("CI must run the browser test: " + msg);
            }
            System.err.println("\n!!!!!!!!!! SKIPPING browser test: " + msg + " !!!!!!!!!!\n");
            Assumptions.abort("SKIPPED: " + msg);
        }
        Path profile = Files.createTempDirectory("mburoja-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--window-size=1280,900", "--lang=en-GB", "--user-data-dir=" + profile);
        // downloads go into the profile, which close() deletes, and never ask where
        options.setExperimentalOption("prefs", java.util.Map.of(
                "download.default_directory", profile.resolve("downloads").toString(),
                "download.prompt_for_download", false));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
        return new Browser(new ChromeDriver(service, options), "http://localhost:" + port, profile);
    }

    /** Where the browser saves downloads (inside its profile, deleted with it). */
    public Path downloads() {
        return profile.resolve("downloads");
    }

    public WebDriver driver() {
        return driver;
    }

    public void go(String path) {
        driver.get(base + path);
    }

    public String path() {
        return driver.getCurrentUrl().substring(base.length());
    }

    public WebElement find(String css) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
    }

    public void type(String css, String text) {
        WebElement e = find(css);
        e.clear();
        e.sendKeys(text);
    }

    /** Clicks and waits until the page behind the element has been replaced. */
    public void submit(String css) {
        WebElement e = find(css);
        e.click();
        wait.until(d -> gone(e));
    }

    /**
     * Whether the element has left the document. Besides the stale-element answer, chromedriver sometimes answers a
     * page change with an inspector error ("Node with given id does not belong to the document"); that means the
     * same thing and must not fail the journey.
     */
    private static boolean gone(WebElement e) {
        try {
            e.isEnabled();
            return false;
        } catch (org.openqa.selenium.StaleElementReferenceException | org.openqa.selenium.NoSuchElementException ex) {
            return true;
        } catch (org.openqa.selenium.WebDriverException ex) {
            if (ex.getMessage() != null && ex.getMessage().contains("does not belong to the document")) {
                return true;
            }
            throw ex;
        }
    }

    public void waitForPath(String path) {
        wait.until(d -> path().equals(path) || path().startsWith(path + "?"));
    }

    public void login(String username, String password) {
        go("/login");
        type("#username", username);
        type("#password", password);
        submit("#login-submit");
    }

    /** On the enrolment page: reads the secret shown as text, types the current code; returns the secret. */
    public String enrolTotp() {
        String secret = find("#totp-secret").getText().replace(" ", "");
        type("#code", Accounts.totp(secret, Instant.now()));
        submit("#mfa-submit");
        return secret;
    }

    /** On the code page: types the code of the current (or, after a use in this step, the next) period. */
    public void enterTotp(String secret, Instant at) {
        type("#code", Accounts.totp(secret, at));
        submit("#mfa-submit");
    }

    public void changePassword(String current, String next) {
        type("#currentPassword", current);
        type("#newPassword", next);
        type("#confirmPassword", next);
        submit("#password-submit");
    }

    public void logout() {
        submit("#logout");
    }

    public String text() {
        return driver.findElement(By.tagName("body")).getText();
    }

    /** Saves a screenshot as {@code target/screenshots/<test>-<n>-<name>.png}. */
    public Path screenshot(String test, String name) throws IOException {
        Files.createDirectories(screenshots);
        File f = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        Path target = screenshots.resolve(String.format("%s-%02d-%s.png", test, ++shot, name));
        Files.copy(f.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
        return target;
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                System.err.println("could not delete the browser profile " + profile + ": " + e.getMessage());
            }
        }
    }

    private static String env(String name, String dflt) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? dflt : v;
    }
}
