package org.mburoja.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import org.mburoja.identity.ApiTokens;
import org.mburoja.identity.IssuedPassword;
import org.mburoja.identity.IssuedToken;
import org.mburoja.identity.NewUser;
import org.mburoja.identity.Organisation;
import org.mburoja.identity.Organisations;
import org.mburoja.identity.TokenScope;
import org.mburoja.identity.User;
import org.mburoja.identity.Users;
import org.mburoja.kernel.Actor;
import org.mburoja.kernel.OrganisationKind;
import org.mburoja.kernel.Role;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code mburoja admin ...}: administration for automation and recovery, on the configured database (or the
 * embedded one with {@code --embedded}), also while the server runs. Each action goes through the same services as
 * the UI and is audited the same way, with actor {@code cli:<os user>} and source {@code cli}. Generated passwords
 * and tokens are printed once on standard output, never logged.
 */
@Command(name = "admin", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Administration: organisations, users, tokens.",
        subcommands = {AdminCommand.Org.class, AdminCommand.UserCmd.class, AdminCommand.Token.class})
public final class AdminCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The actor of CLI actions: an administrator of the national authority named after the OS user. */
    static Actor cliActor(ToolContext ctx) {
        Organisations orgs = ctx.bean(Organisations.class);
        String who = System.getProperty("user.name", "unknown");
        return new Actor(null, "cli:" + who, orgs.nationalAuthority().map(Organisation::id).orElse(null),
                OrganisationKind.NATIONAL_AUTHORITY, Set.of(Role.ADMIN), null);
    }

    /** Runs an action in a tool context and turns failures into a message and an exit code. */
    static int run(CommandSpec spec, DatabaseOptions db, Action action) {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (ToolContext ctx = ToolContext.open(db)) {
            action.run(ctx, cliActor(ctx), out);
            out.flush();
            return 0;
        } catch (RuntimeException e) {
            return report(e, err);
        }
    }

    private static int report(RuntimeException e, PrintWriter err) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root
                && !(root instanceof ServerLauncher.DatabaseNotConfiguredException)) {
            root = root.getCause();
        }
        if (root instanceof ServerLauncher.DatabaseNotConfiguredException) {
            err.println("mburoja: " + root.getMessage() + " Admin tools on the start-dev database: add --embedded.");
            err.flush();
            return 2;
        }
        err.println("mburoja: " + (root.getMessage() == null ? root.toString() : root.getMessage()));
        err.flush();
        return 1;
    }

    /** One admin action. */
    @FunctionalInterface
    interface Action {
        void run(ToolContext ctx, Actor actor, PrintWriter out);
    }

    /** {@code admin org ...}. */
    @Command(name = "org", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
            description = "Organisations.",
            subcommands = Org.Create.class)
    static final class Org implements Runnable {
        @Spec
        CommandSpec spec;

        @Override
        public void run() {
            spec.commandLine().usage(spec.commandLine().getOut());
        }

        @Command(name = "create", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
                description = "Create an organisation.")
        static final class Create implements Callable<Integer> {
            @Spec
            CommandSpec spec;
            @Mixin
            DatabaseOptions db;
            @Option(names = "--name", required = true, description = "Name (unique, case-insensitive).")
            String name;
            @Option(names = "--kind", required = true,
                    description = "national_authority, operator or partner.")
            OrganisationKind kind;
            @Option(names = "--country", description = "ISO 3166-1 alpha-2 code (default AL).", defaultValue = "AL")
            String country;

            @Override
            public Integer call() {
                return AdminCommand.run(spec, db, (ctx, actor, out) -> {
                    Organisation o = ctx.bean(Organisations.class).create(actor, kind, name, country);
                    out.printf("organisation created: %s (%s, %s) id %s%n", o.name(),
                            o.kind().name().toLowerCase(Locale.ROOT), o.country(), o.id());
                });
            }
        }
    }

    /** {@code admin user ...}. */
    @Command(name = "user", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
            description = "Users.",
            subcommands = {UserCmd.Create.class, UserCmd.ResetPassword.class})
    static final class UserCmd implements Runnable {
        @Spec
        CommandSpec spec;

        @Override
        public void run() {
            spec.commandLine().usage(spec.commandLine().getOut());
        }

        @Command(name = "create", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
                description = "Create a user; prints its one-time password (to be changed at first login).")
        static final class Create implements Callable<Integer> {
            @Spec
            CommandSpec spec;
            @Mixin
            DatabaseOptions db;
            @Option(names = "--username", required = true)
            String username;
            @Option(names = "--role", required = true, description = "admin, analyst, operator, partner or viewer.")
            Role role;
            @Option(names = "--org", description = "Organisation name (default: the national authority).")
            String org;
            @Option(names = "--display-name")
            String displayName;
            @Option(names = "--email")
            String email;

            @Override
            public Integer call() {
                return AdminCommand.run(spec, db, (ctx, actor, out) -> {
                    Organisations orgs = ctx.bean(Organisations.class);
                    Organisation o = (org == null ? orgs.nationalAuthority() : orgs.findByName(org))
                            .orElseThrow(() -> new IllegalArgumentException(org == null
                                    ? "there is no national authority yet: give --org"
                                    : "no organisation named '" + org + "'"));
                    IssuedPassword p = ctx.bean(Users.class).create(actor,
                            new NewUser(username, displayName, email, o.id(), role));
                    out.printf("user created: %s (%s, %s)%n", p.user().username(),
                            p.user().role().name().toLowerCase(Locale.ROOT), o.name());
                    out.printf("one-time password: %s%n", p.password());
                    out.println("It must be changed at the first login.");
                });
            }
        }

        @Command(name = "reset-password", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
                description = "Set a new one-time password, clear a lockout and end the user's sessions.")
        static final class ResetPassword implements Callable<Integer> {
            @Spec
            CommandSpec spec;
            @Mixin
            DatabaseOptions db;
            @Option(names = "--username", required = true)
            String username;
            @Option(names = "--reset-mfa", description = "Also remove the TOTP enrolment (lost phone).")
            boolean resetMfa;

            @Override
            public Integer call() {
                return AdminCommand.run(spec, db, (ctx, actor, out) -> {
                    Users users = ctx.bean(Users.class);
                    User u = users.findByUsername(username)
                            .orElseThrow(() -> new IllegalArgumentException("no user named '" + username + "'"));
                    IssuedPassword p = users.resetPassword(actor, u.id());
                    if (resetMfa) {
                        users.resetMfa(actor, u.id());
                    }
                    out.printf("password reset for %s%s%n", u.username(), resetMfa ? " (TOTP enrolment removed)" : "");
                    out.printf("one-time password: %s%n", p.password());
                    out.println("It must be changed at the next login.");
                });
            }
        }
    }

    /** {@code admin token ...}. */
    @Command(name = "token", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
            description = "API tokens.",
            subcommands = Token.Create.class)
    static final class Token implements Runnable {
        @Spec
        CommandSpec spec;

        @Override
        public void run() {
            spec.commandLine().usage(spec.commandLine().getOut());
        }

        @Command(name = "create", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
                description = "Create an API token for a user and print it once.")
        static final class Create implements Callable<Integer> {
            @Spec
            CommandSpec spec;
            @Mixin
            DatabaseOptions db;
            @Option(names = "--user", required = true, description = "The token's owner.")
            String user;
            @Option(names = "--scope", split = ",", paramLabel = "<area:read|write>",
                    description = "Scopes, repeatable or comma-separated, e.g. operators:read,incidents:write.")
            List<String> scopes;
            @Option(names = "--expires", defaultValue = "90d",
                    description = "Lifetime (e.g. 30d) or expiry date (2027-01-31, UTC); default 90d, at most 366d.")
            String expires;
            @Option(names = "--name", defaultValue = "cli", description = "A name to recognise the token by.")
            String name;

            @Override
            public Integer call() {
                return AdminCommand.run(spec, db, (ctx, actor, out) -> {
                    User owner = ctx.bean(Users.class).findByUsername(user)
                            .orElseThrow(() -> new IllegalArgumentException("no user named '" + user + "'"));
                    Set<TokenScope> parsed = new LinkedHashSet<>();
                    for (String s : scopes == null ? List.<String>of() : scopes) {
                        parsed.add(TokenScope.parse(s));
                    }
                    IssuedToken t = ctx.bean(ApiTokens.class).createFor(actor, owner.id(), name, parsed,
                            expiry(expires, Instant.now()));
                    out.printf("token created for %s, scopes %s, expires %s%n", owner.username(),
                            t.token().scopes(), t.token().expiresAt());
                    out.println(t.secret());
                });
            }
        }
    }

    /** {@code 30d}, {@code 12h}, or a date {@code 2027-01-31} (end of that UTC day is not implied: its start). */
    static Instant expiry(String text, Instant now) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        try {
            if (t.matches("\\d{1,4}d")) {
                return now.plus(Duration.ofDays(Long.parseLong(t.substring(0, t.length() - 1))));
            }
            if (t.matches("\\d{1,5}h")) {
                return now.plus(Duration.ofHours(Long.parseLong(t.substring(0, t.length() - 1))));
            }
            return LocalDate.parse(t).atStartOfDay().toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("--expires must be a lifetime like 30d or 12h, or a date like "
                    + "2027-01-31; got '" + text + "'");
        }
    }
}
