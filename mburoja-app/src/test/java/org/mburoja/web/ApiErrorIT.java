package org.mburoja.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.mburoja.kernel.Role;
import org.mburoja.testing.Accounts;
import org.mburoja.testing.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
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
}
