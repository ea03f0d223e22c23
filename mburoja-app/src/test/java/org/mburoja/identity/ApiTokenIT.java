package org.mburoja.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mburoja.audit.AuditFilter;
import org.mburoja.audit.AuditLog;
import org.mburoja.kernel.Actor;
import org.mburoja.kernel.Role;
import org.mburoja.testing.Accounts;
import org.mburoja.testing.Accounts.Account;
import org.mburoja.testing.IntegrationTest;
import org.mburoja.web.InvalidInputException;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/** API tokens: shown once, stored hashed, scoped by area and access, expiring, revocable. */
@IntegrationTest
class ApiTokenIT {

    @Autowired
    MockMvc mvc;
    @Autowired
    ApplicationContext ctx;
    @Autowired
    ApiTokens tokens;
    @Autowired
    Users users;
    @Autowired
    AuditLog audit;
    @Autowired
    JdbcClient jdbc;

    Accounts accounts;
    Account admin;

    @BeforeEach
    void setUp() {
        accounts = new Accounts(ctx);
        admin = accounts.ready(Role.ADMIN, accounts.authority().id());
    }

    private IssuedToken token(Account owner, String... scopes) {
        Set<TokenScope> s = new java.util.LinkedHashSet<>();
        for (String x : scopes) {
            s.add(TokenScope.parse(x));
        }
        return tokens.create(owner.actor(), "test", s, Instant.now().plus(Duration.ofDays(1)));
    }

    private int status(String method, String path, String bearer, String body) throws Exception {
        var req = "POST".equals(method) ? post(path).contentType(MediaType.APPLICATION_JSON).content(body) : get(path);
        if (bearer != null) {
            req = req.header("Authorization", "Bearer " + bearer);
        }
        return mvc.perform(req).andReturn().getResponse().getStatus();
    }

    @Test
    void tokenIsStoredOnlyAsAHash() {
        IssuedToken t = token(admin, "organisations:read");
        assertThat(t.secret()).startsWith("mbj_").hasSizeGreaterThan(40);
        assertThat(t.toString()).doesNotContain(t.secret());
        String stored = jdbc.sql("SELECT token_hash || ' ' || prefix || ' ' || scopes FROM api_tokens WHERE id = ?")
                .param(t.token().id()).query(String.class).single();
        assertThat(stored).doesNotContain(t.secret().substring(12));
        assertThat(audit.search(new AuditFilter(null, "token.create", "api_token", t.token().id().toString(), null,
                null), 0, 1).getFirst().after()).doesNotContain(t.secret().substring(12));
    }

    @Test
    void readScopeAllowsReadingButNotWriting() throws Exception {
        IssuedToken t = token(admin, "organisations:read");
        assertThat(status("GET", "/api/v1/organisations", t.secret(), null)).isEqualTo(200);
        String body = "{\"kind\":\"OPERATOR\",\"name\":\"" + Accounts.unique("tok-org") + "\",\"country\":\"AL\"}";
        assertThat(status("POST", "/api/v1/organisations", t.secret(), body)).isEqualTo(403);
        assertThat(audit.search(new AuditFilter(admin.username(), "access.denied", null, null, null, null), 0, 1))
                .first().satisfies(e -> assertThat(e.after()).contains("organisations:write"));
    }

    @Test
    void writeScopeAllowsWritingWithoutCsrf() throws Exception {
        IssuedToken t = token(admin, "organisations:write");
        String body = "{\"kind\":\"OPERATOR\",\"name\":\"" + Accounts.unique("tok-org") + "\",\"country\":\"AL\"}";
        assertThat(status("POST", "/api/v1/organisations", t.secret(), body)).isEqualTo(201);
        assertThat(status("GET", "/api/v1/organisations", t.secret(), null)).isEqualTo(200);
    }

    @Test
    void tokenOfAnotherAreaIsRefused() throws Exception {
        IssuedToken t = token(admin, "incidents:write");
        assertThat(status("GET", "/api/v1/organisations", t.secret(), null)).isEqualTo(403);
        assertThat(status("GET", "/api/v1/me", t.secret(), null)).isEqualTo(200);
    }

    @Test
    void tokenCarriesItsUsersRoleNotMore() throws Exception {
        var viewer = accounts.ready(Role.VIEWER, accounts.authority().id());
        IssuedToken t = token(viewer, "organisations:write");
        String body = "{\"kind\":\"OPERATOR\",\"name\":\"" + Accounts.unique("tok-org") + "\"}";
        assertThat(status("POST", "/api/v1/organisations", t.secret(), body)).isEqualTo(403);
    }

    @Test
    void unknownRevokedAndExpiredTokensGet401() throws Exception {
        assertThat(status("GET", "/api/v1/me", "mbj_" + "A".repeat(43), null)).isEqualTo(401);
        assertThat(status("GET", "/api/v1/me", "not-even-a-token", null)).isEqualTo(401);
        IssuedToken revoked = token(admin, "organisations:read");
        tokens.revoke(admin.actor(), revoked.token().id());
        assertThat(status("GET", "/api/v1/me", revoked.secret(), null)).isEqualTo(401);
        IssuedToken expired = token(admin, "organisations:read");
        jdbc.sql("UPDATE api_tokens SET expires_at = ? WHERE id = ?")
                .params(java.sql.Timestamp.from(Instant.now().minusSeconds(1)), expired.token().id()).update();
        MvcResult r = mvc.perform(get("/api/v1/me").header("Authorization", "Bearer " + expired.secret())).andReturn();
        assertThat(r.getResponse().getStatus()).isEqualTo(401);
        assertThat(r.getResponse().getContentAsString()).contains("\"error\":\"unauthenticated\"");
    }

    @Test
    void disablingTheUserDisablesItsTokens() throws Exception {
        var viewer = accounts.ready(Role.VIEWER, accounts.authority().id());
        IssuedToken t = token(viewer, "organisations:read");
        assertThat(status("GET", "/api/v1/me", t.secret(), null)).isEqualTo(200);
        users.setEnabled(admin.actor(), viewer.user().id(), false);
        assertThat(status("GET", "/api/v1/me", t.secret(), null)).isEqualTo(401);
    }

    @Test
    void aTokenCannotCreateTokens() {
        IssuedToken t = token(admin, "organisations:read");
        Actor byToken = tokens.authenticate(t.secret()).orElseThrow();
        assertThatThrownBy(() -> tokens.create(byToken, "x", Set.of(TokenScope.parse("operators:read")),
                Instant.now().plusSeconds(60))).isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void refusesTokensWithoutScopeOrWithTooLongALife() {
        assertThatThrownBy(() -> tokens.create(admin.actor(), "x", Set.of(), Instant.now().plusSeconds(60)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("scopes");
        assertThatThrownBy(() -> tokens.create(admin.actor(), "x", Set.of(TokenScope.parse("operators:read")),
                Instant.now().plus(Duration.ofDays(400)))).hasMessageContaining("expires");
        assertThatThrownBy(() -> tokens.create(admin.actor(), "", Set.of(TokenScope.parse("operators:read")),
                Instant.now().minusSeconds(1))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("name").hasMessageContaining("expires");
    }

    @Test
    void tokenPageShowsTheSecretOnceAndRevokes() throws Exception {
        MvcResult created = mvc.perform(post("/account/tokens").param("name", "ci")
                .param("scope", "organisations:read").param("days", "30")
                .session(accounts.sessionOf(admin)).with(csrf())).andReturn();
        String html = created.getResponse().getContentAsString();
        String secret = html.replaceAll("(?s).*id=\"token-secret\"[^>]*>(mbj_[A-Za-z0-9_-]+)<.*", "$1");
        assertThat(secret).startsWith("mbj_");
        assertThat(status("GET", "/api/v1/me", secret, null)).isEqualTo(200);
        MvcResult list = mvc.perform(get("/account/tokens").session(accounts.sessionOf(admin))).andReturn();
        assertThat(list.getResponse().getContentAsString()).doesNotContain(secret);
    }

    /** A lifetime is ASCII digits: a sign, other scripts' digits or a fraction issue no token and say why. */
    @Test
    void tokenPageRefusesALifetimeThatIsNotPlainDigits() throws Exception {
        for (String days : new String[] {"+5", "\u0665", "\uFF15", "5.0", "-5", "0", "99999999999999999999"}) {
            MvcResult r = mvc.perform(post("/account/tokens").param("name", "ci")
                    .param("scope", "organisations:read").param("days", days)
                    .session(accounts.sessionOf(admin)).with(csrf())).andReturn();
            assertThat(r.getResponse().getContentAsString()).as(days).doesNotContain("id=\"token-secret\"")
                    .containsAnyOf("a whole number of days is required", "between 1 and");
        }
    }
}
