package org.mburoja.intel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mburoja.audit.AuditFilter;
import org.mburoja.audit.AuditLog;
import org.mburoja.intel.internal.StixJson;
import org.mburoja.identity.ApiTokens;
import org.mburoja.identity.TokenScope;
import org.mburoja.kernel.Actor;
import org.mburoja.kernel.Role;
import org.mburoja.testing.Accounts;
import org.mburoja.testing.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The peers API: admin-only, audited, the token never comes back, bad configuration refused with the field. */
@IntegrationTest
class FederationPeerApiIT {

    @Autowired
    MockMvc mvc;
    @Autowired
    ApplicationContext ctx;
    @Autowired
    AuditLog audit;
    @LocalServerPort
    int port;

    @Autowired
    ApiTokens tokens;

    RequestPostProcessor admin;
    RequestPostProcessor analyst;
    String analystName;
    String name;

    @BeforeEach
    void accounts() {
        Accounts accounts = new Accounts(ctx);
        admin = bearer(accounts.ready(Role.ADMIN, accounts.authority().id()).actor());
        Actor a = accounts.ready(Role.ANALYST, accounts.authority().id()).actor();
        analystName = a.username();
        analyst = bearer(a);
        name = Accounts.unique("peer");
    }

    /** Scripts call with scoped API tokens (stateless, no CSRF), as in IntelApiIT. */
    private RequestPostProcessor bearer(Actor actor) {
        String token = tokens.create(actor, "peers-test", Set.of(TokenScope.parse("intel:write")),
                Instant.now().plus(Duration.ofHours(1))).secret();
        return r -> {
            r.addHeader("Authorization", "Bearer " + token);
            return r;
        };
    }

    private String peerJson() {
        return IntelWorld.fixture(getClass(), "/org/mburoja/intel/peers/valid-peer.json").replace("{name}", name)
                .replace("{port}", String.valueOf(port));
    }

    private String create(String json) throws Exception {
        String body = mvc.perform(post("/api/v1/intel/peers").with(admin)
                        .contentType(MediaType.APPLICATION_JSON).content(json))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        assertThat(body).doesNotContain("mbj_not_a_valid_token_on_this_node");
        return StixJson.MAPPER.readTree(body).get("id").asString();
    }

    @Test
    void createsAnAuditedPeerWhoseTokenIsNeverReturned() throws Exception {
        String id = create(peerJson());

        String list = mvc.perform(get("/api/v1/intel/peers").with(admin))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(list).contains(name).doesNotContain("mbj_not_a_valid_token_on_this_node");
        mvc.perform(get("/api/v1/intel/peers/" + id).with(admin)).andExpect(status().isOk())
                .andExpect(jsonPath("$.allowedTlp.length()").value(3));
        assertThat(audit.search(new AuditFilter(null, "intel.peer.create", "intel-peer", id, null, null), 0, 5))
                .hasSize(1).allSatisfy(e -> assertThat(e.toString())
                        .doesNotContain("mbj_not_a_valid_token_on_this_node"));

        mvc.perform(put("/api/v1/intel/peers/" + id + "/enabled").with(admin)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"enabled\": false}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.enabled").value(false));
    }

    @Test
    void recordsAFailedSyncWithTheRemoteErrorAndWithoutRetryingA401() throws Exception {
        String id = create(peerJson());

        mvc.perform(post("/api/v1/intel/peers/" + id + "/sync").with(admin))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.received").value(0))
                .andExpect(jsonPath("$.error").value(org.hamcrest.Matchers.containsString("HTTP 401")));
        mvc.perform(get("/api/v1/intel/peers/" + id + "/runs").with(admin))
                .andExpect(status().isOk()).andExpect(jsonPath("$.length()").value(1))
                .andExpect(jsonPath("$[0].finished").exists());
    }

    @Test
    void refusesAnalystsAndAuditsTheDenial() throws Exception {
        String id = create(peerJson());

        mvc.perform(post("/api/v1/intel/peers/" + id + "/sync").with(analyst))
                .andExpect(status().isForbidden());
        assertThat(audit.search(new AuditFilter(analystName, "access.denied", "intel-peer", id, null, null),
                0, 5)).hasSize(1);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "apiRoot|ftp://127.0.0.1/taxii2/|apiRoot",
            "apiRoot|not a url|apiRoot",
            "authKind|NTLM|authKind",
            "secret||secret",
            "interval|PT5S|interval",
            "interval|every day|interval"})
    void refusesBadConfigurationNamingTheField(String field, String value, String expected) throws Exception {
        ObjectNode peer = (ObjectNode) StixJson.MAPPER.readTree(peerJson());
        if (value == null) {
            peer.putNull(field);
        } else {
            peer.put(field, value);
        }
        var result = mvc.perform(post("/api/v1/intel/peers").with(admin)
                .contentType(MediaType.APPLICATION_JSON).content(peer.toString())).andReturn().getResponse();
        assertThat(result.getStatus()).isEqualTo(400);
        JsonNode error = StixJson.MAPPER.readTree(result.getContentAsString());
        assertThat(error.get("message").asString()).startsWith(expected + ":");
    }

    @Test
    void refusesUnknownTlpOversizedNamesDuplicatesAndUnknownLocalCollections() throws Exception {
        create(peerJson());
        String duplicate = peerJson();
        String unknownTlp = peerJson().replace("\"TLP:AMBER\"", "\"TLP:PURPLE\"");
        String longName = peerJson().replace(name, "n".repeat(5000));
        String unknownLocal = peerJson().replace("\"localCollection\": \"9d0f0b43-5c1a-4a53-9a43-0e4a6f1c0002\"",
                "\"localCollection\": \"00000000-0000-0000-0000-000000000000\"");
        for (String[] c : new String[][]{{duplicate, "name:"}, {unknownTlp.replace(name, name + "-t"), "allowedTlp:"},
                {longName, "name:"}, {unknownLocal.replace(name, name + "-l"), "mappings[0]:"}}) {
            String body = mvc.perform(post("/api/v1/intel/peers").with(admin)
                            .contentType(MediaType.APPLICATION_JSON).content(c[0]))
                    .andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString();
            assertThat(StixJson.MAPPER.readTree(body).get("message").asString()).startsWith(c[1]);
        }
    }
}
