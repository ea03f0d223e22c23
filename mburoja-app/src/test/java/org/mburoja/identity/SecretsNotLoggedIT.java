package org.mburoja.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mburoja.kernel.Role;
import org.mburoja.testing.Accounts;
import org.mburoja.testing.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationContext;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Passwords, TOTP secrets and codes, and API tokens never reach the log, even with Mburoja and Spring Security
 * logging at DEBUG while a user logs in, fails, enrols, changes its password and creates a token.
 */
@IntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class SecretsNotLoggedIT {

    @Autowired
    MockMvc mvc;
    @Autowired
    ApplicationContext ctx;

    @Test
    void loginAndTokenCreationLeaveNoSecretInTheLog(CapturedOutput output) throws Exception {
        LoggingSystem logging = LoggingSystem.get(getClass().getClassLoader());
        String[] loggers = {"org.mburoja", "org.springframework.security", "org.springframework.web"};
        for (String l : loggers) {
            logging.setLogLevel(l, LogLevel.DEBUG);
        }
        try {
            Accounts accounts = new Accounts(ctx);
            Accounts.Account a = accounts.fresh(Role.ANALYST, accounts.authority().id());
            mvc.perform(post("/login").param("username", a.username()).param("password", "wrong " + a.password())
                    .with(csrf()));
            var r = mvc.perform(post("/login").param("username", a.username()).param("password", a.password())
                    .with(csrf())).andReturn();
            var s = (org.springframework.mock.web.MockHttpSession) r.getRequest().getSession(false);
            String html = mvc.perform(get("/login/mfa/enrol").session(s)).andReturn().getResponse()
                    .getContentAsString();
            String secret = html.replaceAll("(?s).*id=\"totp-secret\"[^>]*>([A-Z2-7 ]+)<.*", "$1").replace(" ", "");
            String code = Accounts.totp(secret, Instant.now());
            mvc.perform(post("/login/mfa/enrol").param("code", code).session(s).with(csrf()));
            String chosen = "never log this passphrase 42";
            mvc.perform(post("/account/password").param("currentPassword", a.password())
                    .param("newPassword", chosen).param("confirmPassword", chosen).session(s).with(csrf()));
            String tokenPage = mvc.perform(post("/account/tokens").param("name", "logtest")
                    .param("scope", "organisations:read").param("days", "1")
                    .session(s).with(csrf())).andReturn().getResponse()
                    .getContentAsString();
            String token = tokenPage.replaceAll("(?s).*id=\"token-secret\"[^>]*>(mbj_[A-Za-z0-9_-]+)<.*", "$1");
            mvc.perform(get("/api/v1/me").header("Authorization", "Bearer " + token));
            assertThat(token).startsWith("mbj_");

            String log = output.getAll();
            assertThat(log).as("the test must have produced log output").contains("DEBUG");
            assertThat(log).doesNotContain(a.password()).doesNotContain(chosen).doesNotContain(secret)
                    .doesNotContain(token).doesNotContain(token.substring(12));
        } finally {
            for (String l : loggers) {
                logging.setLogLevel(l, null);
            }
        }
    }
}
