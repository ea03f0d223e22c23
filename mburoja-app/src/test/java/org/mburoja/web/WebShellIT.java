package org.mburoja.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mburoja.identity.ApiTokens;
import org.mburoja.identity.TokenScope;
import org.mburoja.kernel.Role;
import org.mburoja.testing.Accounts;
import org.mburoja.testing.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/** Security headers, languages, the dashboard, actuator and OpenAPI exposure. */
@IntegrationTest
class WebShellIT {

    @Autowired
    MockMvc mvc;
    @Autowired
    ApplicationContext ctx;
    @Autowired
    ApiTokens tokens;

    Accounts.Account analyst;

    Accounts accounts;

    @BeforeEach
    void setUp() {
        accounts = new Accounts(ctx);
        analyst = accounts.ready(Role.ANALYST, accounts.authority().id());
    }

    @Test
    void pagesSendAStrictContentSecurityPolicyAndDenyFraming() throws Exception {
        MvcResult r = mvc.perform(get("/login")).andReturn();
        String csp = r.getResponse().getHeader("Content-Security-Policy");
        assertThat(csp).contains("script-src 'self'").contains("style-src 'self'").contains("frame-ancestors 'none'")
                .doesNotContain("unsafe-inline").doesNotContain("unsafe-eval");
        assertThat(r.getResponse().getHeader("X-Frame-Options")).isEqualTo("DENY");
        assertThat(r.getResponse().getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
    }

    @Test
    void templatesContainNoInlineScriptOrStyle() throws Exception {
        try (var files = java.nio.file.Files.walk(java.nio.file.Path.of("src/main/resources/templates"))) {
            for (var f : files.filter(p -> p.toString().endsWith(".html")).toList()) {
                String html = java.nio.file.Files.readString(f);
                assertThat(html).as(f.toString()).doesNotContainPattern("<script(?![^>]*src=)[^>]*>")
                        .doesNotContain("<style").doesNotContainPattern("\\sstyle=\"").doesNotContainPattern(
                                "\\son[a-z]+=\"");
            }
        }
    }

    @Test
    void browserLanguageIsTheDefaultAndTheSwitchWins() throws Exception {
        assertThat(mvc.perform(get("/login").header("Accept-Language", "sq-AL,sq;q=0.9")).andReturn().getResponse()
                .getContentAsString()).contains("Fjalëkalimi");
        assertThat(mvc.perform(get("/login").header("Accept-Language", "de-DE")).andReturn().getResponse()
                .getContentAsString()).contains("Password");
        MvcResult switched = mvc.perform(get("/login").param("lang", "sq").header("Accept-Language", "en")).andReturn();
        assertThat(switched.getResponse().getContentAsString()).contains("Fjalëkalimi");
        assertThat(switched.getResponse().getCookie("mburoja-lang")).isNotNull();
    }

    @Test
    void dashboardShowsOrganisationsByKindInBothLanguages() throws Exception {
        String en = mvc.perform(get("/").session(accounts.sessionOf(analyst))).andReturn().getResponse()
                .getContentAsString();
        assertThat(en).contains("Organisations by kind").contains("National authority").contains("data-value=\"");
        String sq = mvc.perform(get("/").param("lang", "sq").session(accounts.sessionOf(analyst)))
                .andReturn().getResponse().getContentAsString();
        assertThat(sq).contains("Organizatat sipas llojit");
    }

    @Test
    void htmxAndEchartsComeFromWebjars() throws Exception {
        assertThat(mvc.perform(get("/webjars/htmx.org/dist/htmx.min.js")).andReturn().getResponse().getStatus())
                .isEqualTo(200);
        assertThat(mvc.perform(get("/webjars/echarts/dist/echarts.min.js")).andReturn().getResponse().getStatus())
                .isEqualTo(200);
        assertThat(mvc.perform(get("/js/mburoja.js")).andReturn().getResponse().getContentAsString())
                .contains("htmx:configRequest");
    }

    @Test
    void healthIsPublicWithItsStatusOnlyAndShowsTheDatabaseToLoggedInUsers() throws Exception {
        MvcResult anonymous = mvc.perform(get("/actuator/health")).andReturn();
        assertThat(anonymous.getResponse().getStatus()).isEqualTo(200);
        assertThat(anonymous.getResponse().getContentAsString()).contains("UP").doesNotContain("\"db\"")
                .doesNotContain("components");
        MvcResult analystView = mvc.perform(get("/actuator/health").session(accounts.sessionOf(analyst))).andReturn();
        assertThat(analystView.getResponse().getContentAsString()).contains("\"db\"").contains("UP")
                .doesNotContain("details");
        assertThat(mvc.perform(get("/actuator/health/liveness")).andReturn().getResponse().getStatus())
                .isEqualTo(200);
    }

    @Test
    void prometheusNeedsAnAdministratorsMetricsTokenAndOtherActuatorEndpointsAreClosed() throws Exception {
        Accounts.Account admin = accounts.ready(Role.ADMIN, accounts.authority().id());
        Instant expiry = Instant.now().plus(Duration.ofDays(1));
        String metrics = tokens.create(admin.actor(), "scraper", Set.of(TokenScope.parse("metrics:read")), expiry)
                .secret();
        String otherScope = tokens.create(admin.actor(), "other", Set.of(TokenScope.parse("operators:read")), expiry)
                .secret();
        String analysts = tokens.create(analyst.actor(), "scraper", Set.of(TokenScope.parse("metrics:read")), expiry)
                .secret();

        MvcResult scraped = mvc.perform(get("/actuator/prometheus").header("Authorization", "Bearer " + metrics))
                .andReturn();
        assertThat(scraped.getResponse().getStatus()).isEqualTo(200);
        assertThat(scraped.getResponse().getContentAsString()).contains("jvm_memory")
                .contains("mburoja_intel_index_indicators");
        assertThat(scraped.getResponse().getCookies()).as("no session for a scraper").isEmpty();

        MvcResult anonymous = mvc.perform(get("/actuator/prometheus")).andReturn();
        assertThat(anonymous.getResponse().getStatus()).isEqualTo(401);
        assertThat(anonymous.getResponse().getContentAsString()).contains("metrics:read")
                .doesNotContain("jvm_memory");
        assertThat(status(get("/actuator/prometheus").header("Authorization", "Bearer " + otherScope)))
                .as("an administrator's token without the scope").isEqualTo(403);
        assertThat(status(get("/actuator/prometheus").header("Authorization", "Bearer " + analysts)))
                .as("an analyst's token with the scope").isEqualTo(403);
        assertThat(status(get("/actuator/prometheus").header("Authorization", "Bearer mbt_not-a-token-at-all")))
                .isEqualTo(401);
        assertThat(status(get("/actuator/prometheus").session(accounts.sessionOf(admin))))
                .as("a browser session, even an administrator's").isEqualTo(401);
        for (String p : new String[] {"/actuator/env", "/actuator/beans", "/actuator", "/actuator/heapdump"}) {
            int s = mvc.perform(get(p).session(accounts.sessionOf(analyst))).andReturn().getResponse()
                    .getStatus();
            assertThat(s).as(p).isIn(403, 404);
        }
    }

    private int status(org.springframework.test.web.servlet.RequestBuilder request) throws Exception {
        return mvc.perform(request).andReturn().getResponse().getStatus();
    }

    @Test
    void openApiIsForLoggedInUsersOnly() throws Exception {
        assertThat(mvc.perform(get("/v3/api-docs")).andReturn().getResponse().getRedirectedUrl()).endsWith("/login");
        MvcResult docs = mvc.perform(get("/v3/api-docs").session(accounts.sessionOf(analyst))).andReturn();
        assertThat(docs.getResponse().getStatus()).isEqualTo(200);
        assertThat(docs.getResponse().getContentAsString()).contains("/api/v1/organisations")
                .contains("/api/v1/intel/match").contains("Match events against the live indicator index");
        assertThat(mvc.perform(get("/swagger-ui/index.html")).andReturn().getResponse().getStatus()).isEqualTo(302);
        assertThat(mvc.perform(get("/swagger-ui/index.html").session(accounts.sessionOf(analyst)))
                .andReturn().getResponse().getStatus()).isEqualTo(200);
    }
}
