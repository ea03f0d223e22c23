package org.mburoja.intel.taxii;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mburoja.audit.AuditFilter;
import org.mburoja.audit.AuditLog;
import org.mburoja.identity.ApiTokens;
import org.mburoja.identity.TokenScope;
import org.mburoja.intel.internal.StixJson;
import org.mburoja.kernel.Role;
import org.mburoja.testing.Accounts;
import org.mburoja.testing.Accounts.Account;
import org.mburoja.testing.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;

/** TAXII clients authenticate with API tokens, as Bearer or as the password of HTTP Basic; scopes limit them. */
@IntegrationTest
class TaxiiAuthenticationIT {

    private static final String PARTNER_SHARING = "/taxii2/intel/collections/9d0f0b43-5c1a-4a53-9a43-0e4a6f1c0002/";

    @Autowired
    MockMvc mvc;
    @Autowired
    ApplicationContext ctx;
    @Autowired
    ApiTokens tokens;
    @Autowired
    AuditLog audit;

    Account analyst;

    @BeforeEach
    void account() {
        Accounts accounts = new Accounts(ctx);
        analyst = accounts.ready(Role.ANALYST, accounts.authority().id());
    }

    private String token(String... scopes) {
        Set<TokenScope> s = new LinkedHashSet<>();
        for (String x : scopes) {
            s.add(TokenScope.parse(x));
        }
        return tokens.create(analyst.actor(), "taxii", s, Instant.now().plus(Duration.ofDays(1))).secret();
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void bearerTokenOpensDiscovery() throws Exception {
        mvc.perform(get("/taxii2/").header("Authorization", "Bearer " + token("intel:read")))
                .andExpect(status().isOk()).andExpect(header().string("Content-Type", TaxiiMedia.TAXII));
    }

    @Test
    void basicWithUserNameAndTokenAsPasswordOpensDiscovery() throws Exception {
        mvc.perform(get("/taxii2/").header("Authorization", basic(analyst.username(), token("intel:read"))))
                .andExpect(status().isOk());
    }

    @Test
    void basicWithTheAccountPasswordOrAnotherUserNameIsRefused() throws Exception {
        mvc.perform(get("/taxii2/").header("Authorization", basic(analyst.username(), analyst.password())))
                .andExpect(status().isUnauthorized());
        mvc.perform(get("/taxii2/").header("Authorization", basic("someone-else", token("intel:read"))))
                .andExpect(status().isUnauthorized());
    }

    @Test
    void missingOrUnknownCredentialsGetATaxiiErrorAndFailuresAreAudited() throws Exception {
        mvc.perform(get("/taxii2/")).andExpect(status().isUnauthorized())
                .andExpect(header().string("Content-Type", TaxiiMedia.TAXII))
                .andExpect(header().exists("WWW-Authenticate"));
        long before = audit.count(new AuditFilter(null, "taxii.authentication.failure", null, null, null, null));
        mvc.perform(get("/taxii2/").header("Authorization", "Bearer mbj_notatokenatallnotatokenatall"))
                .andExpect(status().isUnauthorized()).andExpect(header().string("Content-Type", TaxiiMedia.TAXII));
        mvc.perform(get("/taxii2/").header("Authorization", "Basic %%%not-base64"))
                .andExpect(status().isUnauthorized());
        assertThat(audit.count(new AuditFilter(null, "taxii.authentication.failure", null, null, null, null)))
                .isEqualTo(before + 2);
    }

    @Test
    void aReadScopedTokenReadsButCannotPublish() throws Exception {
        String read = "Bearer " + token("intel:read");
        JsonNode c = StixJson.MAPPER.readTree(mvc.perform(get(PARTNER_SHARING).header("Authorization", read))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray());
        assertThat(c.get("can_read").booleanValue()).isTrue();
        assertThat(c.get("can_write").booleanValue()).isFalse();
        mvc.perform(post(PARTNER_SHARING + "objects/").header("Authorization", read)
                .contentType(TaxiiMedia.TAXII).content("{\"objects\":[]}")).andExpect(status().isForbidden());
    }

    @Test
    void aWriteScopedTokenPublishesWithoutCsrfOrSession() throws Exception {
        String write = "Bearer " + token("intel:write");
        String bundle = new String(TaxiiAuthenticationIT.class
                .getResourceAsStream("/org/mburoja/intel/indicator-versions.json").readAllBytes(), StandardCharsets.UTF_8);
        mvc.perform(post(PARTNER_SHARING + "objects/").header("Authorization", write)
                .contentType(TaxiiMedia.TAXII).content(bundle)).andExpect(status().isAccepted())
                .andExpect(header().doesNotExist("Set-Cookie"));
    }
}
