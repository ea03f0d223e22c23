package org.mburoja.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;
import org.mburoja.identity.Organisation;
import org.mburoja.kernel.OrganisationKind;
import org.mburoja.kernel.Role;
import org.mburoja.testing.Accounts;
import org.mburoja.testing.Browser;
import org.mburoja.testing.IntegrationTest;
import org.mburoja.testing.TestDatabase;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * An incident's first hours in a real browser: an operator's reporter files an early warning; a duty analyst sees it
 * in the queue with its countdown, answers, opens a case, adds an observable and closes a task; the operator sees
 * the feedback. Screenshots go to {@code target/screenshots/incident-journey}. Runs once, on the H2 pass.
 */
@IntegrationTest
class IncidentJourneyBrowserIT {

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext ctx;

    @Test
    void operatorFilesEarlyWarningAnalystAnswersAndWorksTheCase() throws Exception {
        if (TestDatabase.postgres()) {
            return;
        }
        Accounts accounts = new Accounts(ctx);
        Organisation bank = accounts.organisation(OrganisationKind.OPERATOR, "Banka e Jugut");
        Accounts.Account reporter = accounts.ready(Role.OPERATOR, bank.id());
        Accounts.Account analyst = accounts.ready(Role.ANALYST, accounts.authority().id());
        String test = "incident-journey";
        String aware = LocalDateTime.now(ZoneId.of("Europe/Tirane")).minusHours(1)
                .format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm"));
        try (Browser b = Browser.open(port)) {
            b.login(reporter.username(), reporter.password());
            b.waitForPath("/");
            b.go("/incidents/reports/new");
            b.type("input[name=title]", "Ransomware in the billing system");
            ((JavascriptExecutor) b.driver()).executeScript(
                    "document.querySelector('input[name=awareAt]').value = arguments[0];", aware);
            b.type("input[name=sector]", "banking");
            b.find("input[name=severeOperationalDisruption]").click();
            b.screenshot(test, "1-operator-report-form");
            b.submit("#open-report");
            String reportPath = b.path();
            assertThat(reportPath).startsWith("/incidents/reports/");
            String number = b.find("h1 span").getText();
            b.type("textarea[name=summary]", "Two file servers encrypted; billing offline.");
            b.find("input[name=suspectedMalicious]").click();
            b.submit("#submit-stage");
            assertThat(b.find("#receipt").getText()).contains(number + "-EW-v1");
            b.screenshot(test, "2-operator-early-warning-receipt");
            b.logout();

            b.login(analyst.username(), analyst.password());
            b.waitForPath("/login/mfa");
            b.enterTotp(analyst.totpSecret(), Instant.now());
            b.waitForPath("/");
            b.go("/incidents");
            assertThat(b.find("#queue").getText()).contains(number);
            String countdown = b.driver().findElement(By.xpath("//tr[td/a[text()='" + number + "']]//time")).getText();
            assertThat(countdown).contains("left");
            b.screenshot(test, "3-analyst-queue-with-countdown");
            b.go(reportPath);
            b.type("#feedback-form textarea[name=text]", "Isolate the file servers, keep the logs, do not pay.");
            b.submit("#give-feedback");
            b.submit("#open-case");
            String casePath = b.path();
            assertThat(casePath).startsWith("/incidents/cases/");
            b.go(casePath + "?tab=observables");
            b.type("#observable-value", "203.0.113.9");
            b.submit("#add-observable");
            assertThat(b.find("#observables").getText()).contains("203.0.113.9");
            b.go(casePath + "?tab=tasks");
            b.type("#task-form input[name=title]", "Collect firewall logs");
            b.submit("#add-task");
            b.submit(".close-task");
            assertThat(b.find("#tasks").getText()).contains("Collect firewall logs").contains("yes");
            b.screenshot(test, "4-analyst-case-tasks");
            b.go(casePath + "?tab=timeline");
            b.screenshot(test, "5-analyst-case-timeline");
            b.logout();

            b.login(reporter.username(), reporter.password());
            b.waitForPath("/");
            b.go(reportPath);
            assertThat(b.text()).contains("Isolate the file servers, keep the logs, do not pay.");
            b.screenshot(test, "6-operator-sees-feedback");
        }
    }
}
