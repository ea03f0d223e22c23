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
import org.junit.jupiter.params.provider.ValueSource;
import org.mburoja.audit.AuditFilter;
import org.mburoja.audit.AuditLog;
import org.mburoja.identity.Organisations;
import org.mburoja.identity.ApiTokens;
import org.mburoja.identity.TokenScope;
import org.mburoja.kernel.Role;
import org.mburoja.testing.Accounts;
import org.mburoja.testing.IntegrationTest;
import org.springframework.context.ApplicationContext;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/** The JSON API: bundle upload with per-object results, search, revocation and collection administration. */
@IntegrationTest
class IntelApiIT {

    @Autowired
    MockMvc mvc;
    @Autowired
    IntelCollections collections;
    @Autowired
    Organisations organisations;
    @Autowired
    AuditLog audit;

    @Autowired
    ApplicationContext ctx;
    @Autowired
    ApiTokens tokens;

    IntelWorld world;
    String analyst;
    String admin;
    String partner;

    /** Real accounts in the world's organisations, calling with scoped bearer tokens as scripts do. */
    @BeforeEach
    void world() {
        world = new IntelWorld(organisations, collections);
        Accounts accounts = new Accounts(ctx);
        analyst = token(accounts.ready(Role.ANALYST, world.analyst.organisation()));
        admin = token(accounts.ready(Role.ADMIN, world.admin.organisation()));
        partner = token(accounts.ready(Role.PARTNER, world.partnerInGroup.organisation()));
    }

    private RequestPostProcessor bearer(String token) {
        return r -> {
            r.addHeader("Authorization", "Bearer " + token);
            return r;
        };
    }

    private String token(Accounts.Account a) {
        return tokens.create(a.actor(), "api-test", Set.of(TokenScope.parse("intel:write")),
                Instant.now().plus(Duration.ofHours(1))).secret();
    }

    private String bundles() {
        return "/api/v1/intel/collections/" + world.collection.id() + "/bundles";
    }

    @Test
    void uploadReportsEveryObjectAndStoresTheGoodOnes() throws Exception {
        mvc.perform(post(bundles()).with(bearer(analyst)).contentType(MediaType.APPLICATION_JSON)
                        .content(IntelWorld.fixture(IntelApiIT.class, "indicator-versions.json")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.accepted").value(5))
                .andExpect(jsonPath("$.rejected").value(1))
                .andExpect(jsonPath("$.results[2].status").value("rejected"))
                .andExpect(jsonPath("$.results[2].reason").value(org.hamcrest.Matchers.containsString("created")));
        mvc.perform(get("/api/v1/intel/objects").with(bearer(analyst)).param("value", "203.0.113.45")
                        .param("collection", world.collection.id().toString()))
                .andExpect(status().isOk()).andExpect(jsonPath("$.count").value(1))
                .andExpect(jsonPath("$.objects[0].id").value("indicator--a740531e-63ff-4e49-a9e1-a0a3eed0e3e7"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{not json", "[]", "{\"type\": \"bundle\"}", "{\"type\": \"indicator\", \"objects\": []}"})
    void refusesWhatIsNotABundleWith400(String body) throws Exception {
        mvc.perform(post(bundles()).with(bearer(analyst)).contentType(MediaType.APPLICATION_JSON)
                .content(body)).andExpect(status().isBadRequest()).andExpect(jsonPath("$.message").exists());
    }

    @Test
    void revocationThroughTheApiHidesTheObjectFromSearch() throws Exception {
        mvc.perform(post(bundles()).with(bearer(analyst)).contentType(MediaType.APPLICATION_JSON)
                .content(IntelWorld.fixture(IntelApiIT.class, "indicator-versions.json"))).andExpect(status().isOk());
        mvc.perform(post("/api/v1/intel/collections/" + world.collection.id()
                        + "/objects/malware--c1a6f0d4-2f6e-4a35-9b6e-51f0e2b0a9d2/revoke").with(bearer(analyst))
                ).andExpect(status().isOk()).andExpect(jsonPath("$.accepted").value(1));
        mvc.perform(get("/api/v1/intel/objects").with(bearer(analyst)).param("label", "loader")
                .param("collection", world.collection.id().toString())).andExpect(jsonPath("$.count").value(0));
    }

    @Test
    void onlyAuthorityAdministratorsManageCollectionsAndGrants() throws Exception {
        String body = "{\"alias\": \"x-" + world.collection.alias() + "\", \"title\": \"Energy sector\", "
                + "\"openRead\": false, \"openWrite\": false}";
        mvc.perform(post("/api/v1/intel/collections").with(bearer(partner))
                .contentType(MediaType.APPLICATION_JSON).content(body)).andExpect(status().isForbidden());
        mvc.perform(post("/api/v1/intel/collections").with(bearer(admin))
                .contentType(MediaType.APPLICATION_JSON).content(body)).andExpect(status().isCreated())
                .andExpect(jsonPath("$.title").value("Energy sector"));
        String grant = "/api/v1/intel/collections/" + world.collection.id() + "/grants/"
                + world.stranger.organisation();
        mvc.perform(put(grant).with(bearer(admin)).contentType(MediaType.APPLICATION_JSON)
                .content("{\"read\": true, \"write\": false, \"sharingGroup\": false}")).andExpect(status().isOk());
        assertThat(collections.access(world.stranger, world.collection.id()).canRead()).isTrue();
        assertThat(audit.count(new AuditFilter(null, "intel.grant.set", null,
                world.collection.id().toString(), null, null))).isGreaterThanOrEqualTo(1);
        assertThat(audit.count(new AuditFilter(null, "access.denied", "intel-collection", null, null, null)))
                .isGreaterThanOrEqualTo(1);
    }
}
