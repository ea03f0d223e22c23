package org.mburoja.incidents.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mburoja.incidents.web.IncidentApiFixtures.as;
import static org.mburoja.incidents.web.IncidentApiFixtures.fixture;
import static org.mburoja.incidents.web.IncidentApiFixtures.newReport;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mburoja.audit.AuditFilter;
import org.mburoja.audit.AuditLog;
import org.mburoja.identity.Organisation;
import org.mburoja.identity.Organisations;
import org.mburoja.kernel.Actor;
import org.mburoja.kernel.Role;
import org.mburoja.testing.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@IntegrationTest
class IncidentReportApiIT {

    @Autowired MockMvc mvc;
    @Autowired org.springframework.context.ApplicationContext ctx;
    @Autowired Organisations organisations;
    @Autowired JdbcClient jdbc;
    @Autowired AuditLog audit;
    @Autowired JsonMapper json;

    Organisation opA;
    Organisation opB;
    Actor reporterA;
    Actor reporterB;
    Actor analyst;

    @BeforeEach
    void setUp() {
        IncidentApiFixtures.init(ctx);
        opA = IncidentApiFixtures.operator(organisations, "Operator A");
        opB = IncidentApiFixtures.operator(organisations, "Operator B");
        reporterA = IncidentApiFixtures.user(opA, Role.OPERATOR);
        reporterB = IncidentApiFixtures.user(opB, Role.OPERATOR);
        analyst = IncidentApiFixtures.analyst();
    }

    JsonNode openReport(Actor who, Organisation org, Instant awareAt) throws Exception {
        String body = mvc.perform(post("/api/v1/incidents/reports").with(as(who)).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON).content(newReport(org.id().value(), awareAt, "OTHER")))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        return json.readTree(body);
    }

    JsonNode submit(Actor who, String reportId, String fixtureName, int expectedStatus) throws Exception {
        String body = mvc.perform(post("/api/v1/incidents/reports/{id}/submissions", reportId).with(as(who)).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON).content(fixture(fixtureName)))
                .andExpect(status().is(expectedStatus)).andReturn().getResponse().getContentAsString();
        return json.readTree(body);
    }

    @Test
    void operatorFilesEarlyWarningAndGetsAReceiptAndTheClocks() throws Exception {
        Instant aware = Instant.now().minus(Duration.ofHours(2)).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        JsonNode report = openReport(reporterA, opA, aware);
        String id = report.get("id").asString();
        assertThat(report.get("significance").get("significant").asBoolean()).isTrue();
        assertThat(report.get("significance").get("met").get(0).get("reference").asString()).isEqualTo("NIS2 Art. 23(3)(a)");
        assertThat(report.get("deadlines").get(0).get("stage").asString()).isEqualTo("EARLY_WARNING");
        assertThat(Instant.parse(report.get("deadlines").get(0).get("dueAt").asString())).isEqualTo(aware.plus(Duration.ofHours(24)));
        assertThat(report.get("deadlines").get(0).get("state").asString()).isEqualTo("OPEN");

        JsonNode receipt = submit(reporterA, id, "early-warning.json", 201);
        assertThat(receipt.get("receipt").asString()).isEqualTo(report.get("number").asString() + "-EW-v1");
        assertThat(receipt.get("contentSha256").asString()).hasSize(64);

        mvc.perform(get("/api/v1/incidents/reports/{id}", id).with(as(reporterA)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.deadlines[?(@.stage=='EARLY_WARNING')].state").value("MET"))
                .andExpect(jsonPath("$.deadlines[?(@.stage=='INITIAL_FEEDBACK')].state").value("OPEN"))
                .andExpect(jsonPath("$.submissions.length()").value(1));
        assertThat(audit.count(new AuditFilter(null, "incident.report.submit", "incident-report", id, null, null))).isEqualTo(1);
    }

    @Test
    void correctionIsANewVersionAndTheFirstStaysUnchanged() throws Exception {
        String id = openReport(reporterA, opA, Instant.now().minusSeconds(600)).get("id").asString();
        JsonNode v1 = submit(reporterA, id, "early-warning.json", 201);
        JsonNode v2 = submit(reporterA, id, "early-warning-correction.json", 201);
        assertThat(v2.get("version").asInt()).isEqualTo(2);
        assertThat(v2.get("receipt").asString()).endsWith("-EW-v2");
        mvc.perform(get("/api/v1/incidents/reports/{id}", id).with(as(reporterA)))
                .andExpect(jsonPath("$.submissions[0].content.summary").value("Ransomware note on two file servers; billing offline."))
                .andExpect(jsonPath("$.submissions[0].contentSha256").value(v1.get("contentSha256").asString()))
                .andExpect(jsonPath("$.submissions[1].content.crossBorder").value(true))
                // the clock counts the first submission, the correction does not move it
                .andExpect(jsonPath("$.deadlines[?(@.stage=='EARLY_WARNING')].submittedAt").value(v1.get("submittedAt").asString()));
        assertThat(audit.count(new AuditFilter(null, "incident.report.correct", "incident-report", id, null, null))).isEqualTo(1);
    }

    @Test
    void malformedSubmissionIsRefusedWithFieldErrorsAndNothingIsSaved() throws Exception {
        String id = openReport(reporterA, opA, Instant.now().minusSeconds(600)).get("id").asString();
        JsonNode err = submit(reporterA, id, "submission-malformed.json", 400);
        assertThat(err.get("fields").findValuesAsString("field"))
                .containsExactlyInAnyOrder("content.colour", "content.summary", "content.suspectedMalicious");
        submit(reporterA, id, "submission-unknown-stage.json", 400);
        JsonNode broken = submit(reporterA, id, "not-json.txt", 400);
        assertThat(broken.get("fields").get(0).get("field").asString()).isIn("body", "content.summary");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM incident_submissions WHERE report_id = ?").param(UUID.fromString(id))
                .query(Integer.class).single()).isZero();
    }

    @Test
    void invalidReportListsEveryFieldAndCreatesNothing() throws Exception {
        long before = jdbc.sql("SELECT COUNT(*) FROM incident_reports").query(Long.class).single();
        mvc.perform(post("/api/v1/incidents/reports").with(as(reporterA)).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON).content(fixture("report-invalid.json")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.fields[*].field").value(org.hamcrest.Matchers.containsInAnyOrder(
                        "sector", "entityClass", "contactEmail", "awareAt", "significance")));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM incident_reports").query(Long.class).single()).isEqualTo(before);
    }

    @Test
    void operatorCannotReadOrSubmitToAnotherOperatorsReport() throws Exception {
        String id = openReport(reporterA, opA, Instant.now().minusSeconds(60)).get("id").asString();
        mvc.perform(get("/api/v1/incidents/reports/{id}", id).with(as(reporterB))).andExpect(status().isNotFound());
        submit(reporterB, id, "early-warning.json", 404);
        mvc.perform(get("/api/v1/incidents/reports").with(as(reporterB)))
                .andExpect(jsonPath("$[?(@.id=='" + id + "')]").isEmpty());
        // nor file in the other operator's name
        mvc.perform(post("/api/v1/incidents/reports").with(as(reporterB)).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON).content(newReport(opA.id().value(), Instant.now(), "OTHER")))
                .andExpect(status().isForbidden());
    }

    @Test
    void partnersAndViewersOfOtherOrganisationsSeeNoReports() throws Exception {
        String id = openReport(reporterA, opA, Instant.now().minusSeconds(60)).get("id").asString();
        Actor partner = IncidentApiFixtures.user(IncidentApiFixtures.partner(organisations), Role.PARTNER);
        mvc.perform(get("/api/v1/incidents/reports").with(as(partner))).andExpect(jsonPath("$.length()").value(0));
        mvc.perform(get("/api/v1/incidents/reports/{id}", id).with(as(partner))).andExpect(status().isNotFound());
        Actor viewerA = IncidentApiFixtures.user(opA, Role.VIEWER);
        mvc.perform(get("/api/v1/incidents/reports/{id}", id).with(as(viewerA))).andExpect(status().isOk());
        submit(viewerA, id, "early-warning.json", 403);
    }

    @Test
    void unauthenticatedRequestsAreRefused() throws Exception {
        mvc.perform(get("/api/v1/incidents/reports")).andExpect(status().is4xxClientError());
    }

    @Test
    void analystRequestsIntermediateReportAndGivesFeedbackOperatorSeesBoth() throws Exception {
        String id = openReport(reporterA, opA, Instant.now().minusSeconds(3600)).get("id").asString();
        submit(reporterA, id, "early-warning.json", 201);
        Instant due = Instant.now().plus(Duration.ofDays(3)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        mvc.perform(post("/api/v1/incidents/reports/{id}/intermediate-request", id).with(as(analyst)).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"dueAt\":\"" + due + "\",\"text\":\"Send the list of affected hosts\"}"))
                .andExpect(status().isOk());
        mvc.perform(post("/api/v1/incidents/reports/{id}/feedback", id).with(as(analyst)).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"text\":\"Isolate the file servers; do not pay.\"}"))
                .andExpect(status().isCreated()).andExpect(jsonPath("$.stage").value("INITIAL_FEEDBACK"));
        mvc.perform(get("/api/v1/incidents/reports/{id}", id).with(as(reporterA)))
                .andExpect(jsonPath("$.intermediateRequest").value("Send the list of affected hosts"))
                .andExpect(jsonPath("$.deadlines[?(@.stage=='INTERMEDIATE')].dueAt").value(due.toString()))
                .andExpect(jsonPath("$.deadlines[?(@.stage=='INITIAL_FEEDBACK')].state").value("MET"))
                .andExpect(jsonPath("$.submissions[?(@.stage=='INITIAL_FEEDBACK')].content.text").value("Isolate the file servers; do not pay."));
        // operators may not give feedback or request reports
        mvc.perform(post("/api/v1/incidents/reports/{id}/feedback", id).with(as(reporterA)).with(csrf())
                .contentType(MediaType.APPLICATION_JSON).content("{\"text\":\"x\"}")).andExpect(status().isForbidden());
    }

    @Test
    void intermediateReportWithoutRequestIsRefused() throws Exception {
        String id = openReport(reporterA, opA, Instant.now().minusSeconds(60)).get("id").asString();
        mvc.perform(post("/api/v1/incidents/reports/{id}/submissions", id).with(as(reporterA)).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"stage\":\"INTERMEDIATE\",\"content\":{\"summary\":\"s\"}}"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.fields[0].field").value("stage"));
    }

    @Test
    void lateAwarenessShowsTheEarlyWarningOverdueAtOnce() throws Exception {
        JsonNode r = openReport(reporterA, opA, Instant.now().minus(Duration.ofHours(30)));
        assertThat(r.get("deadlines").get(0).get("state").asString()).isEqualTo("OVERDUE");
        assertThat(r.get("deadlines").get(1).get("state").asString()).isEqualTo("OPEN");
    }

    @Test
    void submissionsCannotBeChangedInPostgres() throws Exception {
        if (!org.mburoja.testing.TestDatabase.postgres()) {
            return; // the trigger exists on PostgreSQL only
        }
        String id = openReport(reporterA, opA, Instant.now().minusSeconds(60)).get("id").asString();
        submit(reporterA, id, "early-warning.json", 201);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> jdbc.sql("UPDATE incident_submissions SET content_json = '{}' WHERE report_id = ?")
                .param(UUID.fromString(id)).update()).hasMessageContaining("immutable");
    }
}
