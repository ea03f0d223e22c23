package org.mburoja.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mburoja.audit.AuditFilter;
import org.mburoja.audit.AuditLog;
import org.mburoja.kernel.Role;
import org.mburoja.testing.Accounts;
import org.mburoja.testing.Browser;
import org.mburoja.testing.IntegrationTest;
import org.mburoja.testing.TestDatabase;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * The breach desk in a real browser (headless Chromium): an analyst uploads a dump to keep, watches the scan's
 * progress until the page reloads itself with the results (htmx polling), sees the charts drawn, reads the page in
 * Albanian, and downloads the unmasked values with a reason, which the audit log keeps. Runs once, on the H2 pass.
 */
@IntegrationTest
class LeakDeskBrowserIT {

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext ctx;
    @Autowired
    AuditLog audit;
    @TempDir
    Path tmp;

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

            b.go("/leaks");
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
        }
    }
}
