package org.mburoja.incidents.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mburoja.incidents.web.IncidentApiFixtures.as;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mburoja.identity.Organisation;
import org.mburoja.identity.Organisations;
import org.mburoja.kernel.Actor;
import org.mburoja.kernel.Role;
import org.mburoja.testing.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/** The incident pages, driven through their forms as a browser would (server-rendered, no script needed). */
@IntegrationTest
class IncidentPagesIT {

    @Autowired MockMvc mvc;
    @Autowired ApplicationContext ctx;
    @Autowired Organisations organisations;

    Organisation op;
    Actor reporter;
    Actor analyst;

    @BeforeEach
    void setUp() {
        IncidentApiFixtures.init(ctx);
        op = IncidentApiFixtures.operator(organisations, "Portal bank");
        reporter = IncidentApiFixtures.user(op, Role.OPERATOR);
        analyst = IncidentApiFixtures.analyst();
    }

    String page(Actor who, String url) throws Exception {
        return mvc.perform(get(url).with(as(who))).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    }

    /** Awareness an hour ago on the operator's wall clock, so the 24-hour early warning is still open. */
    private static String anHourAgoInTirana() {
        return java.time.LocalDateTime.now(java.time.ZoneId.of("Europe/Tirane")).minusHours(1)
                .truncatedTo(java.time.temporal.ChronoUnit.MINUTES).toString();
    }

    @Test
    void operatorFilesAnEarlyWarningAnalystAnswersAndWorksTheCaseOperatorSeesTheFeedback() throws Exception {
        assertThat(page(reporter, "/incidents")).contains("id=\"new-report\"");
        assertThat(page(reporter, "/incidents/reports/new")).contains("id=\"report-form\"");

        MvcResult opened = mvc.perform(post("/incidents/reports").with(as(reporter)).with(csrf())
                        .param("title", "Ransomware in billing").param("awareAt", anHourAgoInTirana())
                        .param("sector", "banking").param("entityClass", "ESSENTIAL").param("entityType", "OTHER")
                        .param("severeOperationalDisruption", "on"))
                .andExpect(status().is3xxRedirection()).andReturn();
        String reportUrl = opened.getResponse().getRedirectedUrl();
        assertThat(reportUrl).startsWith("/incidents/reports/");
        String report = page(reporter, reportUrl);
        assertThat(report).contains("id=\"deadlines\"", "data-due=", "Early warning", "NIS2 Art. 23(3)(a)");

        MvcResult submitted = mvc.perform(post(reportUrl + "/submissions").with(as(reporter)).with(csrf())
                        .param("stage", "EARLY_WARNING").param("summary", "Two file servers encrypted")
                        .param("suspectedMalicious", "on"))
                .andExpect(status().is3xxRedirection()).andReturn();
        assertThat(submitted.getResponse().getRedirectedUrl()).contains("receipt=INC-");
        assertThat(page(reporter, reportUrl)).contains("-EW-v1", "state-MET");

        String queue = page(analyst, "/incidents");
        assertThat(queue).contains("id=\"queue\"", "id=\"shortcuts\"", reportUrl);
        mvc.perform(post(reportUrl + "/feedback").with(as(analyst)).with(csrf()).param("text", "Isolate the servers; keep the logs."))
                .andExpect(status().is3xxRedirection());
        String caseUrl = mvc.perform(post(reportUrl + "/case").with(as(analyst)).with(csrf()))
                .andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
        assertThat(caseUrl).startsWith("/incidents/cases/");
        mvc.perform(post(caseUrl + "/observables").with(as(analyst)).with(csrf()).param("kind", "IP").param("value", "203.0.113.9"))
                .andExpect(status().is3xxRedirection());
        mvc.perform(post(caseUrl + "/tasks").with(as(analyst)).with(csrf()).param("title", "Collect firewall logs"))
                .andExpect(status().is3xxRedirection());
        String tasks = page(analyst, caseUrl + "?tab=tasks");
        String taskId = tasks.replaceAll("(?s).*tasks/([0-9a-f-]{36})/done.*", "$1");
        mvc.perform(post(caseUrl + "/tasks/" + taskId + "/done").with(as(analyst)).with(csrf())).andExpect(status().is3xxRedirection());
        for (String tab : new String[] {"summary", "tasks", "observables", "timeline", "evidence", "reports"}) {
            assertThat(page(analyst, caseUrl + "?tab=" + tab)).contains("id=\"panel-" + tab + "\"");
        }
        assertThat(page(analyst, caseUrl + "?tab=observables")).contains("203.0.113.9");
        assertThat(page(analyst, caseUrl + "?tab=timeline")).contains("task done: Collect firewall logs");

        assertThat(page(reporter, reportUrl)).contains("Isolate the servers; keep the logs.", "CSIRT initial feedback");
        assertThat(page(reporter, caseUrl + "?tab=timeline")).contains("id=\"comment-form\"").doesNotContain("id=\"timeline-form\"");
    }

    @Test
    void invalidFormIsShownAgainWithItsErrorsAndTypedValues() throws Exception {
        String body = mvc.perform(post("/incidents/reports").with(as(reporter)).with(csrf())
                        .param("title", "Kept title").param("awareAt", "yesterday").param("entityClass", "ESSENTIAL"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(body).contains("id=\"form-errors\"", "awareAt", "Kept title");
    }

    @Test
    void numericAnswersOfTheFormDecideTheEntitySpecificThresholds() throws Exception {
        assertThat(page(reporter, "/incidents/reports/new")).contains("id=\"q-completeUnavailabilityMinutes\"",
                "id=\"q-recurrencesSameRootCause6Months\"", "id=\"q-affectedDomainNames\"", "name=\"compromiseByMisconfiguration\"");
        String cloudUrl = mvc.perform(post("/incidents/reports").with(as(reporter)).with(csrf())
                        .param("title", "Cloud region down").param("awareAt", anHourAgoInTirana())
                        .param("sector", "digital-infrastructure").param("entityClass", "ESSENTIAL")
                        .param("entityType", "CLOUD_COMPUTING_SERVICE_PROVIDER")
                        .param("completeUnavailabilityMinutes", "31"))
                .andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
        assertThat(page(reporter, cloudUrl)).contains("IR 2024/2690 Art. 7(a)");

        String justUnder = mvc.perform(post("/incidents/reports").with(as(reporter)).with(csrf())
                        .param("title", "Cloud blip").param("awareAt", anHourAgoInTirana())
                        .param("sector", "digital-infrastructure").param("entityClass", "ESSENTIAL")
                        .param("entityType", "CLOUD_COMPUTING_SERVICE_PROVIDER")
                        .param("completeUnavailabilityMinutes", "30"))
                .andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
        assertThat(page(reporter, justUnder)).doesNotContain("IR 2024/2690 Art. 7(a)");

        String recurring = mvc.perform(post("/incidents/reports").with(as(reporter)).with(csrf())
                        .param("title", "Third phishing wave").param("awareAt", anHourAgoInTirana())
                        .param("sector", "digital-infrastructure").param("entityClass", "ESSENTIAL")
                        .param("entityType", "CLOUD_COMPUTING_SERVICE_PROVIDER")
                        .param("recurrencesSameRootCause6Months", "2").param("recurrencesCollectiveLossEur", "600 000"))
                .andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
        assertThat(page(reporter, recurring)).contains("IR 2024/2690 Art. 3(1)(f), Art. 4");
    }

    @Test
    void malformedNumbersAreFieldErrorsAndNothingIsSaved() throws Exception {
        int before = page(reporter, "/incidents").split("/incidents/reports/[0-9a-f-]{36}", -1).length;
        String body = mvc.perform(post("/incidents/reports").with(as(reporter)).with(csrf())
                        .param("title", "Typed badly").param("awareAt", anHourAgoInTirana())
                        .param("sector", "digital-infrastructure").param("entityClass", "ESSENTIAL")
                        .param("entityType", "CLOUD_COMPUTING_SERVICE_PROVIDER")
                        .param("completeUnavailabilityMinutes", "thirty").param("affectedUsers", "-5")
                        .param("degradedMinutes", "9".repeat(40)).param("totalUsers", "1.250")
                        .param("financialLossEur", "1e999999999").param("recurrencesCollectiveLossEur", "12,345,678")
                        .param("dataCompromised", "on"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(body).contains("id=\"form-errors\"", "significance.completeUnavailabilityMinutes: write a whole number",
                "significance.affectedUsers: must not be negative", "significance.degradedMinutes: too long for a number",
                "significance.totalUsers: write a whole number", "significance.financialLossEur: write the amount in digits",
                "significance.recurrencesCollectiveLossEur: write the amount in digits", "value=\"thirty\"", "Typed badly",
                "name=\"dataCompromised\" checked=\"checked\"");
        assertThat(page(reporter, "/incidents").split("/incidents/reports/[0-9a-f-]{36}", -1).length).isEqualTo(before);
    }

    @Test
    void pagesSpeakAlbanian() throws Exception {
        assertThat(page(reporter, "/incidents/reports/new?lang=sq")).contains("Raporto nj\u00eb incident");
    }

    @Test
    void anotherOperatorCannotOpenTheReportPage() throws Exception {
        String url = mvc.perform(post("/incidents/reports").with(as(reporter)).with(csrf())
                        .param("title", "Private").param("awareAt", "2026-11-23T07:40").param("sector", "banking")
                        .param("entityClass", "ESSENTIAL").param("entityType", "OTHER"))
                .andReturn().getResponse().getRedirectedUrl();
        Actor other = IncidentApiFixtures.user(IncidentApiFixtures.operator(organisations, "Other bank"), Role.OPERATOR);
        mvc.perform(get(url).with(as(other))).andExpect(status().isNotFound());
    }
}
