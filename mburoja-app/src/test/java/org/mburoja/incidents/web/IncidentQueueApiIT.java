package org.mburoja.incidents.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mburoja.incidents.web.IncidentApiFixtures.as;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.mburoja.identity.Organisation;
import org.mburoja.identity.Organisations;
import org.mburoja.kernel.Actor;
import org.mburoja.kernel.Role;
import org.mburoja.testing.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@IntegrationTest
class IncidentQueueApiIT {

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

    String report(Actor reporter, Organisation owner, Instant aware) throws Exception {
        return read(postJson(reporter, "/api/v1/incidents/reports",
                IncidentApiFixtures.newReport(owner.id().value(), aware, "OTHER")).andExpect(status().isCreated())).get("id").asString();
    }

    @Test
    void queueSortsOverdueFirstThenByNextDeadlineAndOperatorsSeeOnlyTheirOwn() throws Exception {
        Organisation op = IncidentApiFixtures.operator(organisations, "Queue A");
        Organisation other = IncidentApiFixtures.operator(organisations, "Queue B");
        Actor reporter = IncidentApiFixtures.user(op, Role.OPERATOR);
        String fresh = report(reporter, op, Instant.now().minus(Duration.ofHours(1)));
        String late = report(reporter, op, Instant.now().minus(Duration.ofHours(26)));
        String foreign = report(IncidentApiFixtures.user(other, Role.OPERATOR), other, Instant.now().minus(Duration.ofHours(2)));

        JsonNode all = read(mvc.perform(get("/api/v1/incidents/queue").param("kind", "REPORT").with(as(analyst))).andExpect(status().isOk()));
        List<String> ids = all.findValuesAsString("id");
        assertThat(ids).contains(fresh, late, foreign);
        assertThat(ids.indexOf(late)).isLessThan(ids.indexOf(foreign));
        assertThat(ids.indexOf(foreign)).isLessThan(ids.indexOf(fresh));
        JsonNode lateItem = all.valueStream().filter(i -> i.get("id").asString().equals(late)).findFirst().orElseThrow();
        assertThat(lateItem.get("overdue").asBoolean()).isTrue();
        assertThat(lateItem.get("nextStage").asString()).isEqualTo("EARLY_WARNING");

        JsonNode own = read(mvc.perform(get("/api/v1/incidents/queue").with(as(reporter))).andExpect(status().isOk()));
        assertThat(own.findValuesAsString("id")).containsExactly(late, fresh);
        JsonNode overdue = read(mvc.perform(get("/api/v1/incidents/queue").param("overdue", "true").with(as(reporter))));
        assertThat(overdue.findValuesAsString("id")).containsExactly(late);
        mvc.perform(get("/api/v1/incidents/queue").param("kind", "ALERT").with(as(analyst))).andExpect(status().isBadRequest());
    }

    @Test
    void bulkActionsApplyToAllCasesOrToNone() throws Exception {
        String a = read(postJson(analyst, "/api/v1/incidents/cases", "{\"title\":\"Bulk A " + UUID.randomUUID() + "\",\"severity\":\"LOW\"}")).get("id").asString();
        String b = read(postJson(analyst, "/api/v1/incidents/cases", "{\"title\":\"Bulk B\",\"severity\":\"HIGH\"}")).get("id").asString();
        postJson(analyst, "/api/v1/incidents/cases/bulk", "{\"caseIds\":[\"" + a + "\",\"" + b + "\"],\"action\":\"assign\",\"assignee\":\"erion\"}")
                .andExpect(status().isOk()).andExpect(jsonPath("$[1].assignee").value("erion"));
        postJson(analyst, "/api/v1/incidents/cases/bulk", "{\"caseIds\":[\"" + a + "\",\"" + b + "\"],\"action\":\"tag\",\"tag\":\"Ransomware\"}")
                .andExpect(status().isOk()).andExpect(jsonPath("$[0].tags[0]").value("ransomware"));
        // b cannot jump from NEW to ERADICATED: nothing changes, a stays NEW too
        postJson(analyst, "/api/v1/incidents/cases/{id}/status", "{\"status\":\"TRIAGE\"}", a).andExpect(status().isOk());
        postJson(analyst, "/api/v1/incidents/cases/bulk", "{\"caseIds\":[\"" + a + "\",\"" + b + "\"],\"action\":\"status\",\"status\":\"CONTAINED\"}")
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.fields[0].field").value("caseIds[1].status"));
        mvc.perform(get("/api/v1/incidents/cases/{id}", a).with(as(analyst))).andExpect(jsonPath("$.summary.status").value("TRIAGE"));
        postJson(analyst, "/api/v1/incidents/cases/bulk", "{\"caseIds\":[\"" + UUID.randomUUID() + "\"],\"action\":\"assign\",\"assignee\":\"x\"}")
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.fields[0].field").value("caseIds[0].id"));
        postJson(analyst, "/api/v1/incidents/cases/bulk", "{\"caseIds\":[\"" + a + "\"],\"action\":\"delete\"}")
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.fields[0].field").value("action"));
        postJson(analyst, "/api/v1/incidents/cases/bulk", "{\"caseIds\":[\"" + a + "\"],\"action\":\"tag\",\"tag\":\"<script>\"}")
                .andExpect(status().isBadRequest());
        Actor reporter = IncidentApiFixtures.user(IncidentApiFixtures.operator(organisations, "Bulk op"), Role.OPERATOR);
        postJson(reporter, "/api/v1/incidents/cases/bulk", "{\"caseIds\":[\"" + a + "\"],\"action\":\"assign\",\"assignee\":\"x\"}")
                .andExpect(status().isForbidden());
    }
}
