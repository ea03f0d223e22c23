package org.mburoja.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mburoja.audit.AuditFilter;
import org.mburoja.audit.AuditLog;
import org.mburoja.kernel.Actor;
import org.mburoja.kernel.OrganisationKind;
import org.mburoja.kernel.Role;
import org.mburoja.testing.Accounts;
import org.mburoja.testing.Accounts.Account;
import org.mburoja.testing.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/** The login journey through the real filter chain: password, TOTP, forced change, lockout, session ends. */
@IntegrationTest
class LoginFlowIT {

    @Autowired
    MockMvc mvc;
    @Autowired
    ApplicationContext ctx;
    @Autowired
    Users users;
    @Autowired
    AuditLog audit;

    Accounts accounts;

    @BeforeEach
    void setUp() {
        accounts = new Accounts(ctx);
    }

    private MvcResult login(String username, String password) throws Exception {
        return mvc.perform(post("/login").param("username", username).param("password", password).with(csrf()))
                .andReturn();
    }

    private static MockHttpSession session(MvcResult r) {
        return (MockHttpSession) r.getRequest().getSession(false);
    }

    @Test
    void newAnalystEnrolsTotpThenChangesPasswordThenReachesTheDashboard() throws Exception {
        Account a = accounts.fresh(Role.ANALYST, accounts.authority().id());
        MvcResult r = login(a.username(), a.password());
        assertThat(r.getResponse().getRedirectedUrl()).isEqualTo("/login/mfa/enrol");
        MockHttpSession s = session(r);

        // in the middle of the login nothing else is reachable
        assertThat(mvc.perform(get("/").session(s)).andReturn().getResponse().getRedirectedUrl())
                .isEqualTo("/login/mfa/enrol");
        assertThat(mvc.perform(get("/api/v1/me").session(s)).andReturn().getResponse().getStatus()).isEqualTo(403);

        MvcResult page = mvc.perform(get("/login/mfa/enrol").session(s)).andReturn();
        String html = page.getResponse().getContentAsString();
        String secret = html.replaceAll("(?s).*id=\"totp-secret\"[^>]*>([A-Z2-7 ]+)<.*", "$1").replace(" ", "");
        assertThat(secret).matches("[A-Z2-7]{32}");
        assertThat(html).contains("otpauth://totp/Mburoja:" + a.username() + "?secret=" + secret);

        MvcResult wrong = mvc.perform(post("/login/mfa/enrol").param("code", "000000").session(s).with(csrf()))
                .andReturn();
        assertThat(wrong.getResponse().getStatus()).isEqualTo(200);

        MvcResult enrolled = mvc.perform(post("/login/mfa/enrol").param("code", Accounts.totp(secret, Instant.now()))
                .session(s).with(csrf())).andReturn();
        assertThat(enrolled.getResponse().getRedirectedUrl()).isEqualTo("/account/password");
        assertThat(mvc.perform(get("/").session(s)).andReturn().getResponse().getRedirectedUrl())
                .isEqualTo("/account/password");

        MvcResult weak = mvc.perform(post("/account/password").param("currentPassword", a.password())
                .param("newPassword", "short").param("confirmPassword", "short").session(s).with(csrf())).andReturn();
        assertThat(weak.getResponse().getContentAsString()).contains("shorter than 12");

        String chosen = "a long passphrase for the analyst";
        MvcResult changed = mvc.perform(post("/account/password").param("currentPassword", a.password())
                .param("newPassword", chosen).param("confirmPassword", chosen).session(s).with(csrf())).andReturn();
        assertThat(changed.getResponse().getRedirectedUrl()).isEqualTo("/?passwordChanged");
        assertThat(mvc.perform(get("/").session(s)).andReturn().getResponse().getStatus()).isEqualTo(200);
        assertThat(users.find(a.user().id()).orElseThrow()).satisfies(u -> {
            assertThat(u.mfaEnrolled()).isTrue();
            assertThat(u.mustChangePassword()).isFalse();
        });
        assertThat(actions(a.username())).contains("login.password", "mfa.enrol", "user.password.change");
    }

    @Test
    void enrolledAdminMustEnterItsCodeAndACodeWorksOnlyOnce() throws Exception {
        Account a = accounts.ready(Role.ADMIN, accounts.authority().id());
        MvcResult r = login(a.username(), a.password());
        assertThat(r.getResponse().getRedirectedUrl()).isEqualTo("/login/mfa");
        MockHttpSession s = session(r);
        String code = Accounts.totp(a.totpSecret(), Instant.now());
        MvcResult ok = mvc.perform(post("/login/mfa").param("code", code).session(s).with(csrf())).andReturn();
        assertThat(ok.getResponse().getRedirectedUrl()).isEqualTo("/");
        assertThat(mvc.perform(get("/admin/users").session(s)).andReturn().getResponse().getStatus()).isEqualTo(200);

        MockHttpSession second = session(login(a.username(), a.password()));
        MvcResult replay = mvc.perform(post("/login/mfa").param("code", code).session(second).with(csrf()))
                .andReturn();
        assertThat(replay.getResponse().getStatus()).isEqualTo(200);
        assertThat(replay.getResponse().getContentAsString()).contains("not valid");
        assertThat(actions(a.username())).contains("mfa.success", "mfa.failure");
    }

    @Test
    void viewerWithoutMfaGoesStraightToTheDashboard() throws Exception {
        var org = accounts.organisation(OrganisationKind.OPERATOR, "viewer-org");
        Account a = accounts.ready(Role.VIEWER, org.id());
        MvcResult r = login(a.username(), a.password());
        assertThat(r.getResponse().getRedirectedUrl()).isEqualTo("/");
        assertThat(actions(a.username())).contains("login.success");
    }

    @Test
    void operatorMayEnrolTotpFromItsAccountAndIsAskedForItAfterwards() throws Exception {
        var org = accounts.organisation(OrganisationKind.OPERATOR, "optional-mfa");
        Account a = accounts.ready(Role.OPERATOR, org.id());
        MockHttpSession s = session(login(a.username(), a.password()));
        String html = mvc.perform(get("/account/mfa").session(s)).andReturn().getResponse().getContentAsString();
        String secret = html.replaceAll("(?s).*id=\"totp-secret\"[^>]*>([A-Z2-7 ]+)<.*", "$1").replace(" ", "");
        MvcResult enrolled = mvc.perform(post("/account/mfa").param("code", Accounts.totp(secret, Instant.now()))
                .session(s).with(csrf())).andReturn();
        assertThat(enrolled.getResponse().getRedirectedUrl()).isEqualTo("/account?mfaEnrolled");
        assertThat(users.find(a.user().id()).orElseThrow().needsSecondFactor()).isTrue();
        assertThat(login(a.username(), a.password()).getResponse().getRedirectedUrl()).isEqualTo("/login/mfa");
    }

    @Test
    void fiveWrongPasswordsLockTheAccountEvenAgainstTheRightOne() throws Exception {
        Account a = accounts.ready(Role.VIEWER, accounts.authority().id());
        for (int i = 0; i < 5; i++) {
            assertThat(login(a.username(), "wrong password " + i).getResponse().getRedirectedUrl())
                    .isEqualTo("/login?error");
        }
        assertThat(users.find(a.user().id()).orElseThrow().lockedUntil()).isAfter(Instant.now());
        assertThat(login(a.username(), a.password()).getResponse().getRedirectedUrl()).isEqualTo("/login?error");
        assertThat(actions(a.username())).contains("user.locked");
        assertThat(audit.search(new AuditFilter(a.username(), "login.failure", null, null, null, null), 0, 1)
                .getFirst().after()).contains("account locked");

        users.resetPassword(Actor.system("test"), a.user().id());
        assertThat(users.find(a.user().id()).orElseThrow().lockedUntil()).isNull();
    }

    @Test
    void unknownUserAndWrongPasswordGetTheSameAnswer() throws Exception {
        Account a = accounts.ready(Role.VIEWER, accounts.authority().id());
        String unknown = login("nobody-" + a.username(), "whatever it is").getResponse().getRedirectedUrl();
        String wrong = login(a.username(), "whatever it is").getResponse().getRedirectedUrl();
        assertThat(unknown).isEqualTo(wrong).isEqualTo("/login?error");
    }

    @Test
    void oversizedAndHostileCredentialsAreRefusedLikeAnyOther() throws Exception {
        Account a = accounts.ready(Role.VIEWER, accounts.authority().id());
        assertThat(login(a.username(), "p".repeat(200_000)).getResponse().getRedirectedUrl()).isEqualTo("/login?error");
        assertThat(login("u".repeat(10_000), a.password()).getResponse().getRedirectedUrl()).isEqualTo("/login?error");
        assertThat(login("' OR '1'='1", "' OR '1'='1").getResponse().getRedirectedUrl()).isEqualTo("/login?error");
        String withNul = a.username().substring(0, 3) + "\u0000" + a.username().substring(3);
        assertThat(login(withNul, a.password()).getResponse().getRedirectedUrl())
                .isEqualTo("/login?error");
        assertThat(login(a.username(), a.password()).getResponse().getRedirectedUrl()).isEqualTo("/");
    }

    @Test
    void loginWithoutCsrfTokenIsRefused() throws Exception {
        Account a = accounts.ready(Role.VIEWER, accounts.authority().id());
        MvcResult r = mvc.perform(post("/login").param("username", a.username()).param("password", a.password()))
                .andReturn();
        assertThat(r.getResponse().getStatus()).isEqualTo(403);
    }

    @Test
    void logoutEndsTheSession() throws Exception {
        Account a = accounts.ready(Role.VIEWER, accounts.authority().id());
        MockHttpSession s = session(login(a.username(), a.password()));
        assertThat(mvc.perform(get("/").session(s)).andReturn().getResponse().getStatus()).isEqualTo(200);
        MvcResult out = mvc.perform(post("/logout").session(s).with(csrf())).andReturn();
        assertThat(out.getResponse().getRedirectedUrl()).isEqualTo("/login?logout");
        assertThat(s.isInvalid()).isTrue();
        assertThat(actions(a.username())).contains("logout");
    }

    @Test
    void disablingAUserEndsItsSessions() throws Exception {
        Account a = accounts.ready(Role.VIEWER, accounts.authority().id());
        MockHttpSession s = session(login(a.username(), a.password()));
        assertThat(mvc.perform(get("/").session(s)).andReturn().getResponse().getStatus()).isEqualTo(200);
        users.setEnabled(Actor.system("test"), a.user().id(), false);
        MvcResult after = mvc.perform(get("/").session(s)).andReturn();
        assertThat(after.getResponse().getRedirectedUrl()).endsWith("/login");
        assertThat(s.isInvalid()).isTrue();
        assertThat(login(a.username(), a.password()).getResponse().getRedirectedUrl()).isEqualTo("/login?error");
    }

    @Test
    void sessionEndsAfterItsAbsoluteLifetimeEvenWhenActive() throws Exception {
        Account a = accounts.ready(Role.VIEWER, accounts.authority().id());
        MockHttpSession s = session(login(a.username(), a.password()));
        s.setAttribute("mburoja.login.at", Instant.now().minus(13, ChronoUnit.HOURS));
        MvcResult after = mvc.perform(get("/").session(s)).andReturn();
        assertThat(after.getResponse().getRedirectedUrl()).endsWith("/login");
        assertThat(s.isInvalid()).isTrue();
    }

    private java.util.List<String> actions(String username) {
        return audit.search(new AuditFilter(username, null, null, null, null, null), 0, 100).stream()
                .map(e -> e.action()).toList();
    }
}
