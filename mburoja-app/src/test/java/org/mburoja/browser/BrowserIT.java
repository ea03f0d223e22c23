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

/**
 * The journey in a real browser (headless Chromium): a new analyst created by an administrator logs in with its
 * one-time password, enrols TOTP from the secret shown on the page, chooses its password and reaches the dashboard;
 * an administrator then finds the analyst's steps in the audit log. Later journeys (the operator registry: create
 * an operator with an IP range, look it up, see the change in the audit log) add steps with the same
 * {@link Browser} helpers. Runs once, on the H2 pass.
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
            assertThat(log).contains("mfa.enrol").contains("user.password.change").contains("access.denied");
            b.screenshot(test, "audit-log");
            b.submit("#verify-chain");
            assertThat(b.find("#chain-status").getText()).contains("intact");
        }
    }
}
