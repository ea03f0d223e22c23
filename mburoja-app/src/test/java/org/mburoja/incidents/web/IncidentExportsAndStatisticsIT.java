package org.mburoja.incidents.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mburoja.incidents.web.IncidentApiFixtures.as;
import static org.mburoja.incidents.web.IncidentApiFixtures.fixture;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.mburoja.identity.Organisation;
import org.mburoja.identity.Organisations;
import org.mburoja.kernel.Actor;
import org.mburoja.kernel.Role;
import org.mburoja.testing.IntegrationTest;
import org.mburoja.testing.PdfTexts;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@IntegrationTest
class IncidentExportsAndStatisticsIT {

    @Autowired MockMvc mvc;
    @Autowired org.springframework.context.ApplicationContext ctx;
    @Autowired Organisations organisations;
    @Autowired JsonMapper json;

    Actor analyst;

    @org.junit.jupiter.api.BeforeEach
    void setUp() {
        IncidentApiFixtures.init(ctx);
        analyst = IncidentApiFixtures.analyst();
    }

    JsonNode read(ResultActions r) throws Exception {
        return json.readTree(r.andReturn().getResponse().getContentAsString());
    }

    ResultActions postJson(Actor who, String url, String body, Object... vars) throws Exception {
        return mvc.perform(post(url, vars).with(as(who)).with(csrf()).contentType(MediaType.APPLICATION_JSON).content(body));
    }

    String report(Actor reporter, Organisation owner, String sector, Instant aware) throws Exception {
        String body = IncidentApiFixtures.newReport(owner.id().value(), aware, "OTHER").replace("energy/electricity", sector);
        return read(postJson(reporter, "/api/v1/incidents/reports", body).andExpect(status().isCreated())).get("id").asString();
    }

    String workedCase(Actor reporter, Organisation owner) throws Exception {
        String reportId = report(reporter, owner, "health", Instant.now().minus(Duration.ofHours(5)));
        String caseId = read(postJson(analyst, "/api/v1/incidents/reports/{id}/case", "", reportId)).get("id").asString();
        postJson(analyst, "/api/v1/incidents/cases/{id}/observables", "{\"kind\":\"IP\",\"value\":\"203.0.113.7\"}", caseId).andExpect(status().isCreated());
        postJson(analyst, "/api/v1/incidents/cases/{id}/observables", "{\"kind\":\"HASH\",\"value\":\"" + "a".repeat(64) + "\"}", caseId).andExpect(status().isCreated());
        postJson(analyst, "/api/v1/incidents/cases/{id}/observables", "{\"kind\":\"OTHER\",\"value\":\"mutex Global\\\\x\"}", caseId).andExpect(status().isCreated());
        postJson(analyst, "/api/v1/incidents/cases/{id}/tasks", "{\"title\":\"Reimage the billing servers\"}", caseId).andExpect(status().isCreated());
        postJson(analyst, "/api/v1/incidents/cases/{id}/status", "{\"status\":\"TRIAGE\"}", caseId).andExpect(status().isOk());
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch("/api/v1/incidents/cases/{id}", caseId)
                .with(as(analyst)).with(csrf()).contentType(MediaType.APPLICATION_JSON)
                .content("{\"rsitClass\":\"malicious-code\",\"rsitType\":\"infected-system\",\"attackTechniques\":[\"T1486\"],\"tlp\":\"AMBER+STRICT\",\"description\":\"Shkëputje e shërbimit të faturimit.\"}"))
                .andExpect(status().isOk());
        return caseId;
    }

    @Test
    void caseExportsAsStix21IncidentWithRelatedObservablesAndTlp20Marking() throws Exception {
        Organisation op = IncidentApiFixtures.operator(organisations, "Hospital");
        String caseId = workedCase(IncidentApiFixtures.user(op, Role.OPERATOR), op);
        JsonNode bundle = read(mvc.perform(get("/api/v1/incidents/cases/{id}/stix", caseId).with(as(analyst))).andExpect(status().isOk()));
        assertThat(bundle.get("type").asString()).isEqualTo("bundle");
        JsonNode objects = bundle.get("objects");
        assertThat(objects.findValuesAsString("type")).containsExactlyInAnyOrder("marking-definition", "identity", "incident",
                "ipv4-addr", "relationship", "file", "relationship");
        JsonNode incident = objects.valueStream().filter(o -> o.get("type").asString().equals("incident")).findFirst().orElseThrow();
        assertThat(incident.get("id").asString()).isEqualTo("incident--" + caseId);
        assertThat(incident.get("spec_version").asString()).isEqualTo("2.1");
        assertThat(incident.get("object_marking_refs").get(0).asString()).isEqualTo("marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003");
        assertThat(incident.get("labels").get(0).asString()).isEqualTo("rsit:malicious-code=\"infected-system\"");
        assertThat(incident.get("external_references").findValuesAsString("external_id")).contains("T1486");
        assertThat(incident.get("x_mburoja_unexported_observables").asInt()).isEqualTo(1);
        assertThat(objects.findValuesAsString("id")).contains("ipv4-addr--9ddd739e-87b1-587d-83f2-62ef1130af2f",
                "file--75cb38d5-2055-5354-b75a-8299a2d670b5");
        // operators may not export for sharing
        Actor reporter = IncidentApiFixtures.user(op, Role.OPERATOR);
        mvc.perform(get("/api/v1/incidents/cases/{id}/stix", caseId).with(as(reporter))).andExpect(status().isForbidden());
    }

    @Test
    void caseReportPdfCarriesSummaryTimelineObservablesAndActions() throws Exception {
        Organisation op = IncidentApiFixtures.operator(organisations, "Clinic");
        Actor reporter = IncidentApiFixtures.user(op, Role.OPERATOR);
        String caseId = workedCase(reporter, op);
        // a look-alike domain with a Cyrillic "а" (Helvetica dropped the letter: "pple-login.al") and a partner's note
        postJson(analyst, "/api/v1/incidents/cases/{id}/observables",
                "{\"kind\":\"OTHER\",\"value\":\"\u0430pple-login.al\",\"note\":\"Агенција: ličnih podataka\"}", caseId)
                .andExpect(status().isCreated());
        // the same trick as a domain: kept in its wire form, shown with its letters and the mixed word
        postJson(analyst, "/api/v1/incidents/cases/{id}/observables",
                "{\"kind\":\"DOMAIN\",\"value\":\"bank\u0430-kombetare.al\"}", caseId)
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.value").value("xn--bank-kombetare-ytl.al"));
        String page = mvc.perform(get("/incidents/cases/{id}", caseId).param("tab", "observables").with(as(analyst)))
                .andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(page).contains("Mixed scripts in one word, &quot;bank\u0430&quot; (Latin + Cyrillic)",
                "Reads as bank\u0430-kombetare.al; on the wire xn--bank-kombetare-ytl.al",
                "Mixed scripts in one word, &quot;\u0430pple&quot; (Cyrillic + Latin)");
        assertThat(page.split("class=\"lookalike\"", -1)).as("the two look-alikes only, not the IP address")
                .hasSize(3);
        assertThat(mvc.perform(get("/incidents/cases/{id}", caseId).param("tab", "observables").param("lang", "sq")
                        .with(as(analyst))).andReturn().getResponse()
                .getContentAsString(java.nio.charset.StandardCharsets.UTF_8))
                .contains("Alfabete të përziera në një fjalë, &quot;bank\u0430&quot; (latin + cirilik)",
                        "Lexohet bank\u0430-kombetare.al; në rrjet");
        byte[] pdf = mvc.perform(get("/api/v1/incidents/cases/{id}/report.pdf", caseId).with(as(reporter)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
        assertThat(new String(pdf, 0, 5, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        String text = PdfTexts.of(pdf);
        assertThat(text).contains("TLP:AMBER+STRICT", "Case report CASE-", "Timeline", "status NEW -> TRIAGE",
                "Observables", "203.0.113.7", "Actions", "Reimage the billing servers", "T1486", op.name().substring(0, 10),
                "Shkëputje e shërbimit", "\u0430pple-login.al", "Агенција: ličnih podataka",
                "Mixed scripts in one word", "xn--bank-kombetare-ytl.al", "xn--pple-login-yqi.al");
        renderWithPdftoppmWhenAvailable(pdf);
        mvc.perform(get("/api/v1/incidents/cases/{id}/report.pdf", caseId)
                .with(as(IncidentApiFixtures.user(IncidentApiFixtures.operator(organisations, "Other"), Role.OPERATOR))))
                .andExpect(status().isNotFound());
    }

    /** Renders page 1 to PNG with poppler's pdftoppm when installed, and checks an image of A4 proportions results. */
    private static void renderWithPdftoppmWhenAvailable(byte[] pdf) throws Exception {
        Path exe = Path.of("/usr/bin/pdftoppm");
        if (!Files.isExecutable(exe)) {
            return;
        }
        Path dir = Files.createTempDirectory("case-pdf");
        Path in = dir.resolve("case.pdf");
        Files.write(in, pdf);
        Process p = new ProcessBuilder(exe.toString(), "-png", "-r", "50", "-f", "1", "-l", "1", in.toString(), dir.resolve("page").toString())
                .redirectErrorStream(true).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
        try (var files = Files.list(dir)) {
            Path png = files.filter(f -> f.toString().endsWith(".png")).findFirst().orElseThrow();
            java.awt.image.BufferedImage img = javax.imageio.ImageIO.read(png.toFile());
            assertThat((double) img.getHeight() / img.getWidth()).isBetween(1.40, 1.43);
        }
    }

    @Test
    void statisticsCountByCategoryAndOperatorsSeeOnlyTheirOwn() throws Exception {
        Organisation opA = IncidentApiFixtures.operator(organisations, "Stats A");
        Organisation opB = IncidentApiFixtures.operator(organisations, "Stats B");
        Actor a = IncidentApiFixtures.user(opA, Role.OPERATOR);
        Actor b = IncidentApiFixtures.user(opB, Role.OPERATOR);
        String sectorA = "sector-a-" + UUID.randomUUID();
        Instant aware = Instant.now().minus(Duration.ofHours(30));
        String r1 = report(a, opA, sectorA, aware);
        report(a, opA, sectorA, Instant.now().minus(Duration.ofHours(2)));
        report(b, opB, "sector-b-" + UUID.randomUUID(), Instant.now().minus(Duration.ofHours(1)));
        postJson(a, "/api/v1/incidents/reports/{id}/submissions", fixture("early-warning.json"), r1).andExpect(status().isCreated());

        JsonNode own = read(mvc.perform(get("/api/v1/incidents/statistics").with(as(a))).andExpect(status().isOk()));
        assertThat(own.get("reports").asInt()).isEqualTo(2);
        assertThat(own.get("reportsBySector").get(sectorA).asInt()).isEqualTo(2);
        assertThat(own.get("reportsBySector").size()).isEqualTo(1);
        // the early warning of r1 came 30 h after awareness: late; the other report's is still open
        assertThat(own.get("deadlines").get("EARLY_WARNING").get("late").asInt()).isEqualTo(1);
        assertThat(own.get("deadlines").get("EARLY_WARNING").get("met").asInt()).isZero();
        assertThat(own.get("deadlines").get("EARLY_WARNING").get("shareMet").asDouble()).isZero();
        assertThat(own.get("medianHoursToStage").get("EARLY_WARNING").asDouble()).isBetween(29.9, 30.2);

        JsonNode all = read(mvc.perform(get("/api/v1/incidents/statistics").with(as(analyst))).andExpect(status().isOk()));
        assertThat(all.get("reportsBySector").get(sectorA).asInt()).isEqualTo(2);
        assertThat(all.get("reports").asInt()).isGreaterThanOrEqualTo(3);
        assertThat(all.get("reportsByEntityClass").get("ESSENTIAL").asInt()).isGreaterThanOrEqualTo(3);

        Actor partner = IncidentApiFixtures.user(IncidentApiFixtures.partner(organisations), Role.PARTNER);
        mvc.perform(get("/api/v1/incidents/statistics").with(as(partner))).andExpect(status().isForbidden());
        mvc.perform(get("/api/v1/incidents/statistics").param("from", "yesterday").with(as(analyst))).andExpect(status().isBadRequest());
        mvc.perform(get("/api/v1/incidents/statistics").param("from", "2026-12-01T00:00:00Z").param("to", "2026-01-01T00:00:00Z")
                .with(as(analyst))).andExpect(status().isBadRequest());
    }
}
