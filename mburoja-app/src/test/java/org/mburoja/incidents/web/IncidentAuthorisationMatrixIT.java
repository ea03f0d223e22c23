package org.mburoja.incidents.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mburoja.incidents.web.IncidentApiFixtures.as;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.mburoja.identity.Organisation;
import org.mburoja.identity.Organisations;
import org.mburoja.kernel.Actor;
import org.mburoja.kernel.Role;
import org.mburoja.testing.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.json.JsonMapper;

/**
 * The incidents rows of the authorisation matrix ({@code authorisation-matrix.csv}): every endpoint, for every kind
 * of user, answers the listed status. An endpoint under {@code /api/v1/incidents} without a row fails the test.
 */
@IntegrationTest
class IncidentAuthorisationMatrixIT {

    static final List<String> WHO = List.of("anonymous", "partner", "other", "viewer", "own", "analyst");

    @Autowired MockMvc mvc;
    @Autowired org.springframework.context.ApplicationContext ctx;
    @Autowired Organisations organisations;
    @Autowired JsonMapper json;
    @Autowired @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mappings;

    record Row(String method, String path, Map<String, Integer> expected) {
    }

    static List<Row> rows() throws Exception {
        List<Row> rows = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                IncidentAuthorisationMatrixIT.class.getResourceAsStream("authorisation-matrix.csv"), StandardCharsets.UTF_8))) {
            String line;
            boolean header = true;
            while ((line = r.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                if (header) {
                    header = false;
                    continue;
                }
                String[] f = line.split(",");
                Map<String, Integer> exp = new LinkedHashMap<>();
                for (int i = 0; i < WHO.size(); i++) {
                    exp.put(WHO.get(i), Integer.valueOf(f[2 + i]));
                }
                rows.add(new Row(f[0], f[1], exp));
            }
        }
        return rows;
    }

    static String shape(String method, String path) {
        return ("MULTIPART".equals(method) ? "POST" : method) + " " + path.replaceAll("\\{[^}]+}", "{}");
    }

    @org.junit.jupiter.api.BeforeEach
    void setUp() {
        IncidentApiFixtures.init(ctx);
    }

    @Test
    void everyIncidentsEndpointHasARow() throws Exception {
        Set<String> served = new TreeSet<>();
        mappings.getHandlerMethods().keySet().forEach(info -> info.getPatternValues().stream()
                .filter(p -> p.startsWith("/api/v1/incidents"))
                .forEach(p -> info.getMethodsCondition().getMethods().forEach(m -> served.add(shape(m.name(), p)))));
        Set<String> listed = new TreeSet<>();
        rows().forEach(r -> listed.add(shape(r.method(), r.path())));
        assertThat(listed).as("rows of authorisation-matrix.csv").isEqualTo(served);
    }

    @Test
    void everyUserGetsTheListedStatus() throws Exception {
        Organisation opA = IncidentApiFixtures.operator(organisations, "Matrix A");
        Organisation opB = IncidentApiFixtures.operator(organisations, "Matrix B");
        Map<String, Actor> actors = new LinkedHashMap<>();
        actors.put("anonymous", null);
        actors.put("partner", IncidentApiFixtures.user(IncidentApiFixtures.partner(organisations), Role.PARTNER));
        actors.put("other", IncidentApiFixtures.user(opB, Role.OPERATOR));
        actors.put("viewer", IncidentApiFixtures.user(opA, Role.VIEWER));
        actors.put("own", IncidentApiFixtures.user(opA, Role.OPERATOR));
        actors.put("analyst", IncidentApiFixtures.analyst());
        Actor own = actors.get("own");
        Actor analyst = actors.get("analyst");

        List<String> mismatches = new ArrayList<>();
        for (Row row : rows()) {
            String report = created(own, "/api/v1/incidents/reports", IncidentApiFixtures.newReport(opA.id().value(), Instant.now().minusSeconds(60), "OTHER"));
            String other = created(own, "/api/v1/incidents/reports", IncidentApiFixtures.newReport(opA.id().value(), Instant.now().minusSeconds(60), "OTHER"));
            String kase = created(analyst, "/api/v1/incidents/reports/" + other + "/case", "");
            String task = created(analyst, "/api/v1/incidents/cases/" + kase + "/tasks", "{\"title\":\"t\"}");
            String evidence = json.readTree(mvc.perform(multipart("/api/v1/incidents/cases/{id}/evidence", kase)
                    .file(new MockMultipartFile("file", "note.txt", "text/plain", "hello".getBytes()))
                    .with(as(analyst)).with(csrf())).andReturn().getResponse().getContentAsString()).get("id").asString();
            String path = row.path().replace("{report}", report).replace("{case}", kase).replace("{task}", task)
                    .replace("{evidence}", evidence);
            for (String who : WHO) {
                int status = perform(row.method(), path, actors.get(who));
                if (status != row.expected().get(who)) {
                    mismatches.add(row.method() + " " + row.path() + " as " + who + ": expected " + row.expected().get(who) + " got " + status);
                }
            }
        }
        assertThat(mismatches).isEmpty();
    }

    private String created(Actor who, String url, String body) throws Exception {
        String out = mvc.perform(request(HttpMethod.POST, url).with(as(who)).with(csrf())
                .contentType(MediaType.APPLICATION_JSON).content(body)).andReturn().getResponse().getContentAsString();
        return json.readTree(out).get("id").asString();
    }

    private int perform(String method, String path, Actor who) throws Exception {
        org.springframework.test.web.servlet.request.AbstractMockHttpServletRequestBuilder<?> req;
        if ("MULTIPART".equals(method)) {
            req = multipart(path).file(new MockMultipartFile("file", "note.txt", "text/plain", "hello".getBytes()));
        } else {
            MockHttpServletRequestBuilder plain = request(HttpMethod.valueOf(method), path);
            if (!"GET".equals(method)) {
                plain = plain.contentType(MediaType.APPLICATION_JSON).content("{}");
            }
            req = plain;
        }
        req.with(csrf()).accept(MediaType.APPLICATION_JSON, MediaType.APPLICATION_PDF);
        if (who != null) {
            req.with(as(who));
        }
        return mvc.perform(req).andReturn().getResponse().getStatus();
    }
}
