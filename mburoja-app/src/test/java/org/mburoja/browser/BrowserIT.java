package org.mburoja.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.mburoja.kernel.Role;
import org.mburoja.testing.Accounts;
import org.mburoja.testing.Browser;
import org.mburoja.testing.IntegrationTest;
import org.mburoja.testing.TestDatabase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The foundation's journey in a real browser (headless Chromium): a new analyst created by an administrator logs in
 * with its one-time password, enrols TOTP from the secret shown on the page, chooses its password and reaches the
 * dashboard; registers an operator with an IP range through the form and finds it through the constituency lookup;
 * an administrator (the audit log is admin-only) then finds the analyst's steps, the operator's creation among them,
 * in the audit log. Runs once, on the H2 pass.
 */
@IntegrationTest
class BrowserIT {

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext ctx;

    @Test
    void newAnalystEnrolsTotpAndReachesTheDashboardAndAdminSeesItInTheAuditLog() throws Exception {
        if (TestDatabase.postgres()) {
            return; // the browser journey does not depend on the database; once per build is enough
        }
        Accounts accounts = new Accounts(ctx);
        Accounts.Account analyst = accounts.fresh(Role.ANALYST, accounts.authority().id());
        Accounts.Account admin = accounts.ready(Role.ADMIN, accounts.authority().id());
        String test = "analyst-journey";
        try (Browser b = Browser.open(port)) {
            b.login(analyst.username(), analyst.password());
            b.waitForPath("/login/mfa/enrol");
            assertThat(b.find("#otpauth-link").getAttribute("href")).startsWith("otpauth://totp/");
            b.screenshot(test, "mfa-enrol");
            b.enrolTotp();
            b.waitForPath("/account/password");
            b.screenshot(test, "forced-password-change");
            b.changePassword(analyst.password(), "analyst passphrase for the browser");
            b.waitForPath("/");
            assertThat(b.find("h1").getText()).isEqualTo("Dashboard");
            assertThat(b.text()).contains("Organisations by kind").contains("National authority");
            b.find(".card .chart svg");
            b.screenshot(test, "dashboard");

            // register an operator with an IP range, then find it through the constituency lookup
            String name = "Elektro Shpërndarja " + Accounts.unique("browser");
            int octet = java.util.concurrent.ThreadLocalRandom.current().nextInt(1, 255);
            b.go("/operators/new");
            b.type("#name", name);
            b.type("#nipt", org.mburoja.operators.internal.TestNipts.next());
            b.type("#address", "Bulevardi Gjergj Fishta, Tiranë");
            new Select(b.find("#sector")).selectByValue("energy");
            new Select(b.find("#subSector")).selectByValue("energy.electricity");
            new Select(b.find("#entityClass")).selectByValue("ESSENTIAL");
            b.type("#securityEmail", "cert@oshee-browser.al");
            b.type("#securityPhone", "+355 4 222 2222");
            b.type("#emergencyName", "Duty officer");
            b.type("#emergencyPhone", "069 123 4567");
            b.type("#ipRanges", "172.30." + octet + ".0/24");
            b.screenshot(test, "operator-form");
            b.submit("#save-operator");
            assertThat(b.path()).startsWith("/operators/");
            assertThat(b.text()).contains(name).contains("172.30." + octet + ".0/24");
            b.go("/operators/lookup");
            b.type("#lookup-q", "172.30." + octet + ".77");
            b.find("#lookup-submit").click(); // htmx swaps the result in place, or the page reloads without script
            new WebDriverWait(b.driver(), Duration.ofSeconds(20))
                    .ignoring(StaleElementReferenceException.class) // the swap replaces the element mid-read
                    .until(d -> d.findElement(By.cssSelector("#lookup-result")).getText().contains(name));
            b.screenshot(test, "constituency-lookup");

            b.go("/audit");
            assertThat(b.text()).contains("403");
            b.go("/?lang=sq");
            assertThat(b.find("h1").getText()).isEqualTo("Paneli");
            b.go("/?lang=en");
            b.logout();
            b.waitForPath("/login");

            b.login(admin.username(), admin.password());
            b.waitForPath("/login/mfa");
            b.enterTotp(admin.totpSecret(), Instant.now());
            b.waitForPath("/");
            b.go("/audit?actor=" + analyst.username());
            String log = b.find("#audit-table").getText();
            assertThat(log).contains("mfa.enrol").contains("user.password.change").contains("operator.create")
                    .contains("access.denied");
            b.screenshot(test, "audit-log");
            b.submit("#verify-chain");
            assertThat(b.find("#chain-status").getText()).contains("intact");
        }
    }
}
