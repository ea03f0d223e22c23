package org.mburoja.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mburoja.Mburoja;
import org.mburoja.audit.AuditEntry;
import org.mburoja.audit.AuditFilter;
import org.mburoja.audit.AuditLog;
import org.mburoja.identity.User;
import org.mburoja.identity.Users;
import org.mburoja.identity.internal.Credentials;
import org.mburoja.testing.Accounts;
import org.mburoja.testing.IntegrationTest;
import org.mburoja.testing.TestDatabase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The admin CLI. Most tests run the real picocli commands against the test's running context (through
 * {@link ToolContext#openWith}); one starts the commands exactly as a shell would, on an embedded database in a
 * temporary data directory.
 */
@IntegrationTest
class AdminCliIT {

    @Autowired
    ApplicationContext ctx;
    @Autowired
    AuditLog audit;
    @Autowired
    Users users;
    @Autowired
    Credentials credentials;
    @Autowired
    MockMvc mvc;

    Function<DatabaseOptions, ToolContext> previous;
    final String cliActor = "cli:" + System.getProperty("user.name");

    /** Output, error output and exit code of one command. */
    record Run(int code, String out, String err) {
        List<String> lines() {
            return out.lines().toList();
        }
    }

    @BeforeEach
    void useTestContext() {
        previous = ToolContext.openWith(db -> new ToolContext(ctx, () -> { }));
    }

    @AfterEach
    void restore() {
        ToolContext.openWith(previous);
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var cl = Mburoja.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    private AuditEntry lastBy(String action) {
        return audit.search(new AuditFilter(cliActor, action, null, null, null, null), 0, 1).getFirst();
    }

    @Test
    void createsOrganisationUserAndTokenAndAuditsEachAsTheCli() throws Exception {
        String org = Accounts.unique("CLI Operator");
        Run o = run("admin", "org", "create", "--name", org, "--kind", "operator");
        assertThat(o.code()).as(o.err()).isZero();
        assertThat(o.out()).contains("organisation created: " + org);
        assertThat(lastBy("organisation.create").after()).contains(org);

        String username = Accounts.unique("cli-user");
        Run u = run("admin", "user", "create", "--username", username, "--role", "operator", "--org", org,
                "--email", username + "@example.al");
        assertThat(u.code()).as(u.err()).isZero();
        String password = u.lines().stream().filter(l -> l.startsWith("one-time password: ")).findFirst()
                .orElseThrow().substring("one-time password: ".length());
        assertThat(credentials.checkPassword(username, password)).isInstanceOf(Credentials.PasswordCheck.Accepted.class);
        assertThat(lastBy("user.create").objectType()).isEqualTo("user");
        assertThat(users.findByUsername(username).orElseThrow().mustChangePassword()).isTrue();

        Run t = run("admin", "token", "create", "--user", username, "--scope", "organisations:read,me:read",
                "--expires", "30d", "--name", "automation");
        assertThat(t.code()).as(t.err()).isZero();
        String token = t.lines().getLast();
        assertThat(token).startsWith("mbj_");
        assertThat(lastBy("token.create").after()).contains(username).doesNotContain(token.substring(12));
        assertThat(mvc.perform(get("/api/v1/organisations").header("Authorization", "Bearer " + token))
                .andReturn().getResponse().getStatus()).isEqualTo(200);
    }

    @Test
    void resetPasswordPrintsANewOneTimePasswordAndClearsTheLock() {
        String username = Accounts.unique("cli-reset");
        Run u = run("admin", "user", "create", "--username", username, "--role", "viewer");
        assertThat(u.code()).as(u.err()).isZero();
        User user = users.findByUsername(username).orElseThrow();
        for (int i = 0; i < 5; i++) {
            credentials.checkPassword(username, "wrong wrong wrong " + i);
        }
        assertThat(users.find(user.id()).orElseThrow().lockedUntil()).isNotNull();

        Run r = run("admin", "user", "reset-password", "--username", username, "--reset-mfa");
        assertThat(r.code()).as(r.err()).isZero();
        String password = r.lines().stream().filter(l -> l.startsWith("one-time password: ")).findFirst()
                .orElseThrow().substring("one-time password: ".length());
        assertThat(credentials.checkPassword(username, password)).isInstanceOf(Credentials.PasswordCheck.Accepted.class);
        assertThat(lastBy("user.password.reset").objectId()).isEqualTo(user.id().toString());
        assertThat(lastBy("user.mfa.reset").objectId()).isEqualTo(user.id().toString());
    }

    @Test
    void reportsBadInputWithAClearMessageAndExitCode() {
        Run noOrg = run("admin", "user", "create", "--username", Accounts.unique("x"), "--role", "operator",
                "--org", "No Such Org");
        assertThat(noOrg.code()).isEqualTo(1);
        assertThat(noOrg.err()).contains("no organisation named 'No Such Org'");

        Run wrongKind = run("admin", "user", "create", "--username", Accounts.unique("x"), "--role", "operator");
        assertThat(wrongKind.code()).isEqualTo(1);
        assertThat(wrongKind.err()).contains("role").contains("not allowed");

        Run badName = run("admin", "user", "create", "--username", "Bad Name!", "--role", "viewer");
        assertThat(badName.code()).isEqualTo(1);
        assertThat(badName.err()).contains("username");

        Run badScope = run("admin", "token", "create", "--user", "admin", "--scope", "everything");
        assertThat(badScope.code()).isEqualTo(1);
        assertThat(badScope.err()).contains("<area>:read");

        Run noScope = run("admin", "token", "create", "--user", "admin");
        assertThat(noScope.code()).isEqualTo(1);
        assertThat(noScope.err()).contains("scope");

        Run unknownUser = run("admin", "token", "create", "--user", "ghost-" + Accounts.unique("u"), "--scope",
                "operators:read");
        assertThat(unknownUser.code()).isEqualTo(1);
        assertThat(unknownUser.err()).contains("no user named");

        String org = Accounts.unique("Dup Org");
        assertThat(run("admin", "org", "create", "--name", org, "--kind", "partner", "--country", "IT").code())
                .isZero();
        Run dup = run("admin", "org", "create", "--name", org.toUpperCase(), "--kind", "partner");
        assertThat(dup.code()).isEqualTo(1);
        assertThat(dup.err()).contains("exists already");
    }

    @Test
    void worksOnTheEmbeddedDatabaseOfADataDirectory() throws Exception {
        if (TestDatabase.postgres()) {
            return; // the embedded database is H2 whatever the test database is; once is enough
        }
        ToolContext.openWith(previous);
        Path home = Files.createTempDirectory("mburoja-cli-home");
        Run o = run("admin", "org", "create", "--name", "Embedded Operator", "--kind", "operator", "--embedded",
                "--home", home.toString());
        assertThat(o.code()).as(o.err()).isZero();
        assertThat(o.out()).contains("organisation created: Embedded Operator");
        Run v = run("audit", "verify", "--embedded", "--home", home.toString());
        assertThat(v.code()).isZero();
        assertThat(Files.exists(home.resolve("db/mburoja.mv.db"))).isTrue();
    }
}
