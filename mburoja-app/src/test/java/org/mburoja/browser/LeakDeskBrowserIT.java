package org.mburoja.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mburoja.audit.AuditFilter;
import org.mburoja.audit.AuditLog;
import org.mburoja.kernel.Role;
import org.mburoja.leaks.LeakScanJobs;
import org.mburoja.testing.Accounts;
import org.mburoja.testing.Browser;
import org.mburoja.testing.IntegrationTest;
import org.mburoja.testing.TestDatabase;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.chromium.ChromiumDriver;
import org.openqa.selenium.chromium.ChromiumNetworkConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * The breach desk in a real browser (headless Chromium): an analyst is told at once that a file is over the upload
 * limit, uploads a dump to keep (the page's script streams it to the scans API), watches the scan's progress until
 * the page reloads itself with the results (htmx polling), sees the charts drawn, reads the page in Albanian, and
 * downloads the unmasked values with a reason, which the audit log keeps; an upload after the session ended is told
 * so. Runs once, on the H2 pass.
 */
@IntegrationTest
class LeakDeskBrowserIT {

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext ctx;
    @Autowired
    AuditLog audit;
    @Autowired
    LeakScanJobs scans;
    @Value("${mburoja.leaks.work-dir}")
    Path workDir;
    @TempDir
    Path tmp;

    /** The server's encrypted upload files. */
    private Set<Path> workFiles() {
        try (Stream<Path> files = Files.list(workDir)) {
            return files.collect(Collectors.toSet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void analystUploadsADumpSeesItsResultsAndDownloadsItsValuesWithAReason() throws Exception {
        if (TestDatabase.postgres()) {
            return; // the pages do not depend on the database; once per build is enough
        }
        Accounts accounts = new Accounts(ctx);
        Accounts.Account analyst = accounts.ready(Role.ANALYST, accounts.authority().id());
        Path dump = tmp.resolve("voters.csv");
        try (InputStream in = LeakDeskBrowserIT.class.getResourceAsStream("/org/mburoja/leaks/voters.csv")) {
            Files.copy(in, dump);
        }
        String test = "leak-desk";
        try (Browser b = Browser.open(port)) {
            b.login(analyst.username(), analyst.password());
            b.waitForPath("/login/mfa");
            b.enterTotp(analyst.totpSecret(), Instant.now());
            b.waitForPath("/");

            // a file over the upload limit (1 MiB in tests) is refused by the page before a byte is sent
            Path huge = tmp.resolve("huge.csv");
            Files.write(huge, new byte[1024 * 1024 + 1]);
            b.go("/leaks");
            b.find("#file").sendKeys(huge.toString());
            b.find("#upload-submit").click();
            new WebDriverWait(b.driver(), Duration.ofSeconds(10)).until(d -> d.findElement(By.id("upload-error"))
                    .isDisplayed());
            assertThat(b.find("#upload-error").getText()).contains("larger than the upload limit (1.0 MB)");
            assertThat(b.path()).isEqualTo("/leaks");

            // an upload shows the bytes sent and can be cancelled; the server then keeps nothing of it
            Path slow = tmp.resolve("slow.csv");
            Files.write(slow, new byte[900 * 1024]);
            int jobs = scans.list(analyst.actor(), 1000).size();
            Set<Path> before = workFiles();
            var throttled = new ChromiumNetworkConditions();
            throttled.setUploadThroughput(64 * 1024); // bytes a second: about 14 s for the file
            ((ChromiumDriver) b.driver()).setNetworkConditions(throttled);
            try {
                b.go("/leaks");
                b.find("#file").sendKeys(slow.toString());
                b.find("#upload-submit").click();
                new WebDriverWait(b.driver(), Duration.ofSeconds(20)).until(d -> {
                    String f = d.findElement(By.id("upload-figures")).getText();
                    return f.startsWith("Uploading: ") && !f.contains("(0 %)") && !f.contains("(100 %)");
                });
                assertThat(b.find("#upload-figures").getText()).contains(" of 921.6 kB (");
                assertThat(b.find("#upload-submit").isEnabled()).as("one upload at a time").isFalse();
                b.screenshot(test, "uploading");
                b.find("#upload-cancel").click();
                new WebDriverWait(b.driver(), Duration.ofSeconds(10)).until(d -> d.findElement(By.id("upload-error"))
                        .getText().contains("Upload cancelled"));
                assertThat(b.find("#upload-submit").isEnabled()).isTrue();
            } finally {
                ((ChromiumDriver) b.driver()).deleteNetworkConditions();
            }
            new WebDriverWait(b.driver(), Duration.ofSeconds(10)).until(d -> workFiles().stream()
                    .noneMatch(f -> !before.contains(f)));
            assertThat(scans.list(analyst.actor(), 1000)).as("no job for a cancelled upload").hasSize(jobs);

            b.go("/leaks");
            assertThat(b.find("#upload").isDisplayed()).as("the script shows the form").isTrue();
            b.find("#file").sendKeys(dump.toString());
            b.find("#keepDump").click();
            b.screenshot(test, "upload");
            b.submit("#upload-submit");
            assertThat(b.path()).startsWith("/leaks/scans/");
            String scan = b.path().substring("/leaks/scans/".length());
            new WebDriverWait(b.driver(), Duration.ofSeconds(30))
                    .ignoring(StaleElementReferenceException.class)
                    .until(d -> d.findElement(By.cssSelector("#status")).getText().equals("done")
                            && !d.findElements(By.cssSelector("#entities")).isEmpty());
            assertThat(b.find("#persons").getText()).contains("Distinct persons 2");
            b.find("[data-chart] .chart svg");
            assertThat(b.text()).contains("J0****99W").doesNotContain("J00101999W");
            Thread.sleep(1500); // for the screenshot only: the charts' bars grow in for a second
            b.screenshot(test, "results");

            b.go("/leaks/scans/" + scan + "?lang=sq");
            assertThat(b.find("h1").getText()).startsWith("Rezultatet e skanimit");
            assertThat(b.find("#values").getText()).contains("Shkarko vlerat");
            b.go("/leaks/scans/" + scan + "?lang=en");

            String reason = "notify the voters of breach " + Accounts.unique("browser");
            b.type("#reason", reason);
            ((org.openqa.selenium.JavascriptExecutor) b.driver()).executeScript(
                    "document.getElementById('values').scrollIntoView()");
            b.screenshot(test, "values-form");
            b.find("#values-submit").click();
            Path download = b.downloads().resolve("scan-" + scan + "-values.jsonl");
            new WebDriverWait(b.driver(), Duration.ofSeconds(30)).until(d -> Files.isRegularFile(download)
                    && !Files.exists(b.downloads().resolve("scan-" + scan + "-values.jsonl.crdownload")));
            List<String> lines = Files.readAllLines(download);
            assertThat(lines).contains(
                    "{\"file\": \"voters.csv\", \"record\": 1, \"type\": \"nid\", \"value\": \"J00101999W\", \"valid\": true}");
            assertThat(b.path()).as("the page stays").isEqualTo("/leaks/scans/" + scan + "?lang=en");
            assertThat(audit.search(new AuditFilter(analyst.username(), "leaks.values-read", null, null, null, null),
                    0, 10)).anySatisfy(e -> assertThat(e.toString()).contains(reason).contains(scan));

            // the session ends while the page is open: the upload is refused, and the page says why in its language
            b.go("/leaks?lang=sq");
            b.find("#file").sendKeys(dump.toString());
            b.driver().manage().deleteCookieNamed("JSESSIONID");
            b.find("#upload-submit").click();
            new WebDriverWait(b.driver(), Duration.ofSeconds(10)).until(d -> d.findElement(By.id("upload-error"))
                    .isDisplayed());
            assertThat(b.find("#upload-error").getText()).startsWith("Seanca juaj ka mbaruar");
        }
    }
}
