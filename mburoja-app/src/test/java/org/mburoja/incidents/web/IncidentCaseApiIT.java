package org.mburoja.incidents.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mburoja.incidents.web.IncidentApiFixtures.as;
import static org.mburoja.incidents.web.IncidentApiFixtures.newReport;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.InputStream;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mburoja.audit.AuditLog;
import org.mburoja.identity.Organisation;
import org.mburoja.identity.Organisations;
import org.mburoja.kernel.Actor;
import org.mburoja.kernel.Role;
import org.mburoja.testing.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@IntegrationTest
class IncidentCaseApiIT {

    @Autowired MockMvc mvc;
    @Autowired org.springframework.context.ApplicationContext ctx;
    @Autowired Organisations organisations;
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
        opA = IncidentApiFixtures.operator(organisations, "Bank A");
        opB = IncidentApiFixtures.operator(organisations, "Bank B");
        reporterA = IncidentApiFixtures.user(opA, Role.OPERATOR);
        reporterB = IncidentApiFixtures.user(opB, Role.OPERATOR);
        analyst = IncidentApiFixtures.analyst();
    }

    JsonNode read(ResultActions r) throws Exception {
        return json.readTree(r.andReturn().getResponse().getContentAsString());
    }

    ResultActions postJson(Actor who, String url, String body, Object... vars) throws Exception {
        return mvc.perform(post(url, vars).with(as(who)).with(csrf()).contentType(MediaType.APPLICATION_JSON).content(body));
    }

    String caseFromReport() throws Exception {
        String reportId = read(postJson(reporterA, "/api/v1/incidents/reports",
                newReport(opA.id().value(), Instant.now().minusSeconds(3600), "OTHER")).andExpect(status().isCreated()))
                .get("id").asString();
        return read(postJson(analyst, "/api/v1/incidents/reports/{id}/case", "", reportId).andExpect(status().isCreated()))
                .get("id").asString();
    }

    @Test
    void analystWorksACaseFromAReportAndTheOperatorSeesItButNotAnotherOperator() throws Exception {
        String caseId = caseFromReport();
        postJson(analyst, "/api/v1/incidents/cases/{id}/observables", "{\"kind\":\"IP\",\"value\":\"203.0.113.7\"}", caseId)
                .andExpect(status().isCreated());
        postJson(analyst, "/api/v1/incidents/cases/{id}/observables", "{\"kind\":\"DOMAIN\",\"value\":\"Bad.Example.\"}", caseId)
                .andExpect(status().isCreated()).andExpect(jsonPath("$.value").value("bad.example"));
        postJson(analyst, "/api/v1/incidents/cases/{id}/observables", "{\"kind\":\"IP\",\"value\":\"999.1.1.1\"}", caseId)
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.fields[0].field").value("value"));
        String taskId = read(postJson(analyst, "/api/v1/incidents/cases/{id}/tasks",
                "{\"title\":\"Collect firewall logs\",\"dueAt\":\"2026-12-01T10:00:00Z\"}", caseId).andExpect(status().isCreated()))
                .get("id").asString();
        mvc.perform(patch("/api/v1/incidents/cases/{id}/tasks/{t}", caseId, taskId).with(as(analyst)).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"done\":true}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.done").value(true));
        postJson(analyst, "/api/v1/incidents/cases/{id}/status", "{\"status\":\"TRIAGE\"}", caseId).andExpect(status().isOk());
        postJson(analyst, "/api/v1/incidents/cases/{id}/status", "{\"status\":\"RECOVERED\"}", caseId)
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.fields[0].reason").value(
                        org.hamcrest.Matchers.containsString("cannot go from TRIAGE to RECOVERED")));
        mvc.perform(patch("/api/v1/incidents/cases/{id}", caseId).with(as(analyst)).with(csrf()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"rsitClass\":\"malicious-code\",\"rsitType\":\"infected-system\",\"attackTechniques\":[\"T1486\"],\"tlp\":\"AMBER+STRICT\"}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.tlp").value("AMBER_STRICT"));
        mvc.perform(patch("/api/v1/incidents/cases/{id}", caseId).with(as(analyst)).with(csrf()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"rsitClass\":\"malicious-code\",\"rsitType\":\"phishing\",\"attackTechniques\":[\"X1\"]}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.fields[*].field").value(org.hamcrest.Matchers.containsInAnyOrder("rsitType", "attackTechniques[0]")));
        postJson(reporterA, "/api/v1/incidents/cases/{id}/comments", "{\"text\":\"Servers isolated at 10:40.\"}", caseId)
                .andExpect(status().isCreated());

        JsonNode detail = read(mvc.perform(get("/api/v1/incidents/cases/{id}", caseId).with(as(reporterA))).andExpect(status().isOk()));
        assertThat(detail.get("summary").get("status").asString()).isEqualTo("TRIAGE");
        assertThat(detail.get("observables")).hasSize(2);
        assertThat(detail.get("tasks").get(0).get("done").asBoolean()).isTrue();
        assertThat(detail.get("comments").get(0).get("author").asString()).isEqualTo(reporterA.username());
        assertThat(detail.get("timeline").findValuesAsString("text")).contains("status NEW -> TRIAGE",
                "task done: Collect firewall logs", "observable added: IP 203.0.113.7");
        assertThat(detail.get("timeline").findValues("automatic")).allSatisfy(n -> assertThat(n.asBoolean()).isTrue());

        mvc.perform(get("/api/v1/incidents/cases/{id}", caseId).with(as(reporterB))).andExpect(status().isNotFound());
        postJson(reporterB, "/api/v1/incidents/cases/{id}/comments", "{\"text\":\"x\"}", caseId).andExpect(status().isNotFound());
        postJson(reporterA, "/api/v1/incidents/cases/{id}/status", "{\"status\":\"CLOSED\",\"closureReason\":\"RESOLVED\"}", caseId)
                .andExpect(status().isForbidden());
        mvc.perform(get("/api/v1/incidents/cases").with(as(reporterB)))
                .andExpect(jsonPath("$[?(@.id=='" + caseId + "')]").isEmpty());
    }

    @Test
    void partnerSeesACaseOnlyAfterItIsShared() throws Exception {
        String caseId = read(postJson(analyst, "/api/v1/incidents/cases",
                "{\"title\":\"Cross-border DDoS\",\"severity\":\"HIGH\",\"crossBorder\":true,\"rsitClass\":\"availability\",\"rsitType\":\"ddos\"}")
                .andExpect(status().isCreated())).get("id").asString();
        Organisation partnerOrg = IncidentApiFixtures.partner(organisations);
        Actor partner = IncidentApiFixtures.user(partnerOrg, Role.PARTNER);
        mvc.perform(get("/api/v1/incidents/cases/{id}", caseId).with(as(partner))).andExpect(status().isNotFound());
        postJson(analyst, "/api/v1/incidents/cases/{id}/shares", "{\"organisationId\":\"" + partnerOrg.id() + "\"}", caseId)
                .andExpect(status().isOk());
        mvc.perform(get("/api/v1/incidents/cases/{id}", caseId).with(as(partner))).andExpect(status().isOk());
        mvc.perform(get("/api/v1/incidents/cases").with(as(partner))).andExpect(jsonPath("$.length()").value(1));
    }

    @Test
    void evidenceKeepsItsHashAndChainOfCustodyAndDisguisedExecutablesAreRefused() throws Exception {
        String caseId = caseFromReport();
        byte[] pdf = bytes("evidence-sample.pdf");
        JsonNode added = read(mvc.perform(multipart("/api/v1/incidents/cases/{id}/evidence", caseId)
                .file(new MockMultipartFile("file", "memo.pdf", "application/pdf", pdf)).param("description", "ransom note")
                .with(as(analyst)).with(csrf())).andExpect(status().isCreated()));
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(pdf));
        assertThat(added.get("sha256").asString()).isEqualTo(sha);
        assertThat(added.get("custody").get(0).get("action").asString()).isEqualTo("ADDED");

        byte[] got = mvc.perform(get("/api/v1/incidents/cases/evidence/{e}", added.get("id").asString()).with(as(reporterA)))
                .andExpect(status().isOk()).andExpect(header().string("X-Evidence-SHA256", sha))
                .andExpect(header().string("X-Evidence-Intact", "true")).andReturn().getResponse().getContentAsByteArray();
        assertThat(got).isEqualTo(pdf);
        JsonNode detail = read(mvc.perform(get("/api/v1/incidents/cases/{id}", caseId).with(as(analyst))));
        assertThat(detail.get("evidence").get(0).get("custody").findValuesAsString("action")).containsExactly("ADDED", "DOWNLOADED");
        mvc.perform(get("/api/v1/incidents/cases/evidence/{e}", added.get("id").asString()).with(as(reporterB)))
                .andExpect(status().isNotFound());

        mvc.perform(multipart("/api/v1/incidents/cases/{id}/evidence", caseId)
                        .file(new MockMultipartFile("file", "invoice.pdf", "application/pdf", bytes("evidence-disguised-exe.pdf")))
                        .with(as(analyst)).with(csrf()))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.fields[0].field").value("file.contentType"));
        mvc.perform(multipart("/api/v1/incidents/cases/{id}/evidence", caseId)
                        .file(new MockMultipartFile("file", "log.csv", "application/x-msdownload", bytes("evidence-firewall.csv")))
                        .with(as(analyst)).with(csrf()))
                .andExpect(status().isBadRequest());
        mvc.perform(multipart("/api/v1/incidents/cases/{id}/evidence", caseId)
                        .file(new MockMultipartFile("file", "../../etc/passwd", "text/plain", "x".getBytes()))
                        .with(as(analyst)).with(csrf()))
                .andExpect(status().isBadRequest());
    }

    @Test
    void mergingADuplicateMovesItsWorkAndClosesIt() throws Exception {
        String survivor = caseFromReport();
        String dup = caseFromReport();
        postJson(analyst, "/api/v1/incidents/cases/{id}/observables", "{\"kind\":\"HASH\",\"value\":\"" + "a".repeat(64) + "\"}", dup)
                .andExpect(status().isCreated());
        postJson(analyst, "/api/v1/incidents/cases/{id}/links", "{\"otherCaseId\":\"" + survivor + "\",\"relation\":\"duplicate\"}", dup)
                .andExpect(status().isCreated());
        postJson(analyst, "/api/v1/incidents/cases/{id}/merge", "{\"intoCaseId\":\"" + survivor + "\"}", dup).andExpect(status().isOk());
        JsonNode s = read(mvc.perform(get("/api/v1/incidents/cases/{id}", survivor).with(as(analyst))));
        assertThat(s.get("observables").findValuesAsString("value")).contains("a".repeat(64));
        assertThat(s.get("links").get(0).get("otherCaseId").asString()).isEqualTo(dup);
        JsonNode d = read(mvc.perform(get("/api/v1/incidents/cases/{id}", dup).with(as(analyst))));
        assertThat(d.get("summary").get("status").asString()).isEqualTo("CLOSED");
        assertThat(d.get("summary").get("closureReason").asString()).isEqualTo("DUPLICATE");
        assertThat(d.get("summary").get("mergedInto").asString()).isEqualTo(survivor);
        postJson(analyst, "/api/v1/incidents/cases/{id}/merge", "{\"intoCaseId\":\"" + dup + "\"}", dup).andExpect(status().isBadRequest());
        assertThat(audit.verify().intact()).isTrue();
    }

    @Test
    void invalidCaseIsRefusedWithEveryFieldNamed() throws Exception {
        postJson(analyst, "/api/v1/incidents/cases", "{\"title\":\"\",\"severity\":\"APOCALYPTIC\",\"tlp\":\"PURPLE\",\"rsitClass\":\"nope\"}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.fields[*].field").value(org.hamcrest.Matchers.containsInAnyOrder("title", "severity", "tlp", "rsitClass")));
        postJson(analyst, "/api/v1/incidents/cases", "[1,2").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.fields[0].field").value("body"));
        postJson(reporterA, "/api/v1/incidents/cases", "{\"title\":\"t\",\"severity\":\"LOW\"}").andExpect(status().isForbidden());
    }

    private static byte[] bytes(String name) throws Exception {
        try (InputStream in = IncidentCaseApiIT.class.getResourceAsStream(name)) {
            return in.readAllBytes();
        }
    }
}
