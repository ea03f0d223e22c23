package org.mburoja.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mburoja.identity.Users;
import org.mburoja.kernel.Actor;
import org.mburoja.kernel.Role;
import org.mburoja.testing.Accounts;
import org.mburoja.testing.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.test.web.servlet.MockMvc;

/** The administrator's pages: the audit log with filters and paging, and user management. */
@IntegrationTest
class AdminPagesIT {

    @Autowired
    MockMvc mvc;
    @Autowired
    ApplicationContext ctx;
    @Autowired
    AuditLog audit;
    @Autowired
    Users users;

    Accounts accounts;
    Accounts.Account admin;

    @BeforeEach
    void setUp() {
        accounts = new Accounts(ctx);
        admin = accounts.ready(Role.ADMIN, accounts.authority().id());
    }

    private String page(String path) throws Exception {
        return mvc.perform(get(path).session(accounts.sessionOf(admin))).andReturn().getResponse()
                .getContentAsString();
    }

    @Test
    void filtersTheAuditLogByActorAndActionAndPages() throws Exception {
        String actor = Accounts.unique("pager");
        Actor a = new Actor(null, actor, null, org.mburoja.kernel.OrganisationKind.OPERATOR, java.util.Set.of(), null);
        for (int i = 0; i < 55; i++) {
            audit.append(a, i % 2 == 0 ? "test.even" : "test.odd", "thing", "t-" + i, null, Map.of("i", i));
        }
        String first = page("/audit?actor=" + actor);
        assertThat(first).contains("55 entries").contains("Page 1 of 2").contains("t-54").doesNotContain(">t-4<");
        String second = page("/audit?actor=" + actor + "&page=1");
        assertThat(second).contains("Page 2 of 2").contains("t-4");
        assertThat(page("/audit?actor=" + actor + "&page=999")).contains("Page 2 of 2");
        assertThat(page("/audit?actor=" + actor + "&page=-3")).contains("Page 1 of 2");
        assertThat(page("/audit?actor=" + actor + "&action=test.odd")).contains("27 entries");
        assertThat(page("/audit?actor=" + actor + "&objectType=thing&objectId=t-7")).contains("1 entries");
        assertThat(page("/audit?actor=" + actor + "&from=2999-01-01")).contains("0 entries");
    }

    @Test
    void hostileFilterValuesAreHarmless() throws Exception {
        String bad = page("/audit?from=yesterday&to=2026-02-30&action=%25%27%20OR%201%3D1--&actor="
                + "x".repeat(5000));
        assertThat(bad).contains("is not a valid date").contains("0 entries");
    }

    @Test
    void verifyButtonReportsAnIntactChain() throws Exception {
        String html = mvc.perform(post("/audit/verify").session(accounts.sessionOf(admin)).with(csrf())).andReturn()
                .getResponse().getContentAsString();
        assertThat(html).contains("id=\"chain-status\"").contains("intact");
    }

    @Test
    void adminCreatesAUserOnTheUsersPageAndSeesItsPasswordOnce() throws Exception {
        String username = Accounts.unique("paged");
        String html = mvc.perform(post("/admin/users").param("username", username).param("displayName", "Paged User")
                .param("organisation", accounts.authority().id().toString()).param("role", "ANALYST")
                .session(accounts.sessionOf(admin)).with(csrf())).andReturn().getResponse().getContentAsString();
        assertThat(html).contains("id=\"issued-password-value\"");
        assertThat(users.findByUsername(username)).isPresent();
        assertThat(page("/admin/users")).contains(username).doesNotContain("issued-password-value");

        String refused = mvc.perform(post("/admin/users").param("username", username)
                .param("organisation", accounts.authority().id().toString()).param("role", "OPERATOR")
                .session(accounts.sessionOf(admin)).with(csrf())).andReturn().getResponse().getContentAsString();
        assertThat(refused).contains("exists already");
    }

    @Test
    void adminCannotDisableItself() throws Exception {
        String html = mvc.perform(post("/admin/users/" + admin.user().id() + "/disable")
                .session(accounts.sessionOf(admin)).with(csrf())).andReturn().getResponse().getContentAsString();
        assertThat(html).contains("cannot disable your own account");
        assertThat(users.find(admin.user().id()).orElseThrow().enabled()).isTrue();
    }
}
