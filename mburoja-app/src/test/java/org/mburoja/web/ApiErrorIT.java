package org.mburoja.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.mburoja.kernel.Role;
import org.mburoja.testing.Accounts;
import org.mburoja.testing.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Bad input to the API gets a 400 with field-level errors; unknown endpoints and callers get JSON too. */
@IntegrationTest
class ApiErrorIT {

    @Autowired
    MockMvc mvc;
    @Autowired
    ApplicationContext ctx;

    Accounts.Account admin;
    final JsonMapper json = JsonMapper.builder().build();

    Accounts accounts;

    @BeforeEach
    void setUp() {
        accounts = new Accounts(ctx);
        admin = accounts.ready(Role.ADMIN, accounts.authority().id());
    }

    private static String fixture(String name) throws IOException {
        try (InputStream in = ApiErrorIT.class.getResourceAsStream("api-error/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private JsonNode postOrganisation(String body, int expectedStatus) throws Exception {
        MvcResult r = mvc.perform(post("/api/v1/organisations").contentType(MediaType.APPLICATION_JSON).content(body)
                .session(accounts.sessionOf(admin))
                .with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf()))
                .andReturn();
        assertThat(r.getResponse().getStatus()).as(r.getResponse().getContentAsString()).isEqualTo(expectedStatus);
        assertThat(r.getResponse().getContentType()).startsWith("application/json");
        return json.readTree(r.getResponse().getContentAsString());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            malformed.json        | body
            empty-object.json     | kind
            empty-object.json     | name
            bad-country.json      | country
            unknown-kind.json     | body
            oversized-name.json   | name
            wrong-types.json      | body
            """)
    void rejectsBadOrganisationBodiesWithFieldErrors(String fixture, String field) throws Exception {
        JsonNode e = postOrganisation(fixture(fixture), 400);
        assertThat(e.get("error").asString()).isEqualTo("invalid_input");
        assertThat(e.get("path").asString()).isEqualTo("/api/v1/organisations");
        assertThat(e.get("fields").valueStream().map(f -> f.get("field").asString())).contains(field);
    }

    @Test
    void duplicateNameIsAFieldError() throws Exception {
        String body = "{\"kind\":\"PARTNER\",\"name\":\"" + Accounts.unique("dup") + "\",\"country\":\"IT\"}";
        postOrganisation(body, 201);
        JsonNode e = postOrganisation(body, 400);
        assertThat(e.get("fields").get(0).get("field").asString()).isEqualTo("name");
    }

    @Test
    void rejectedValuesAreShortened() throws Exception {
        JsonNode e = postOrganisation(fixture("oversized-name.json"), 400);
        assertThat(e.get("fields").get(0).get("rejected").asString().length()).isLessThanOrEqualTo(203);
    }

    @Test
    void anonymousApiCallGetsJson401() throws Exception {
        MvcResult r = mvc.perform(get("/api/v1/organisations")).andReturn();
        assertThat(r.getResponse().getStatus()).isEqualTo(401);
        assertThat(json.readTree(r.getResponse().getContentAsString()).get("error").asString())
                .isEqualTo("unauthenticated");
    }

    @Test
    void unknownApiPathGetsJson404() throws Exception {
        MvcResult r = mvc.perform(get("/api/v1/no-such-thing").session(accounts.sessionOf(admin)))
                .andReturn();
        assertThat(r.getResponse().getStatus()).isEqualTo(404);
        assertThat(json.readTree(r.getResponse().getContentAsString()).get("error").asString())
                .isEqualTo("not_found");
    }

    /**
     * A refusal of each module's API is the platform's {@link ApiError}, labelled JSON even when the request accepts
     * only the endpoint's own type (a PDF, JSON lines): content negotiation made those two a 500 without a body.
     */
    @ParameterizedTest(name = "{0}: {1} {2}")
    @CsvSource(delimiter = '|', textBlock = """
            intel     | POST | /api/v1/intel/collections/{id}/bundles  | application/json     | {"type":"bundle","objects":[]} | 404 | not_found
            intel     | GET  | /api/v1/intel/objects?limit=0           | application/json     |                                | 400 | invalid_input
            intel     | GET  | /api/v1/intel/peers/{id}                | application/json     |                                | 404 | not_found
            operators | GET  | /api/v1/operators/{id}                  | application/json     |                                | 404 | not_found
            operators | GET  | /api/v1/constituency?ip=1.2.3.4&asn=5   | application/json     |                                | 400 | invalid_input
            incidents | GET  | /api/v1/incidents/cases/{id}/report.pdf | application/pdf      |                                | 404 | not_found
            leaks     | POST | /api/v1/leaks/scans/{id}/values         | application/x-ndjson | {"reason":"x"}                 | 400 | invalid_input
            """)
    void everyModuleAnswersTheSameErrorBody(String module, String method, String path, String accept, String body,
                                            int status, String code) throws Exception {
        String id = UUID.randomUUID().toString();
        MockHttpServletRequestBuilder request = MockMvcRequestBuilders.request(HttpMethod.valueOf(method), path, id)
                .accept(accept).session(accounts.sessionOf(admin))
                .with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf());
        if (body != null) {
            request.contentType(MediaType.APPLICATION_JSON).content(body);
        }
        MvcResult r = mvc.perform(request).andReturn();
        String answer = r.getResponse().getContentAsString();

        assertThat(r.getResponse().getStatus()).as(answer).isEqualTo(status);
        assertThat(r.getResponse().getContentType()).as(module).startsWith("application/json");
        assertThat(json.readValue(answer, LinkedHashMap.class).keySet()).as(answer)
                .containsExactly("timestamp", "status", "error", "message", "path", "fields");
        JsonNode e = json.readTree(answer);
        assertThat(e.get("status").asInt()).isEqualTo(status);
        assertThat(e.get("error").asString()).isEqualTo(code);
        assertThat(e.get("message").asString()).isNotBlank();
        assertThat(e.get("path").asString()).isEqualTo(path.replace("{id}", id).replaceFirst("\\?.*", ""));
        assertThat(Instant.parse(e.get("timestamp").asString())).isBefore(Instant.now().plusSeconds(1));
        assertThat(e.get("fields").isArray()).isTrue();
    }
}
