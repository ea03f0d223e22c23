package org.mburoja.identity.internal;

import java.util.Optional;
import org.mburoja.identity.IssuedPassword;
import org.mburoja.identity.NewUser;
import org.mburoja.identity.Organisation;
import org.mburoja.identity.Organisations;
import org.mburoja.identity.Users;
import org.mburoja.kernel.Actor;
import org.mburoja.kernel.OrganisationKind;
import org.mburoja.kernel.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * First start on an empty database (embedded and production alike): creates the national authority and an
 * {@code admin} user with a random password, and logs that password exactly once. It is the only secret Mburoja ever
 * writes to a log, because an operator starting a fresh node has no other way to get in; it must be changed at the
 * first login. Admin CLI runs ({@code mburoja.tool=true}) do not bootstrap.
 */
@Component
class InitialAdmin implements ApplicationRunner {

    static final String AUTHORITY_NAME = "National Cyber Security Authority";
    private static final Logger LOG = LoggerFactory.getLogger(InitialAdmin.class);

    private final JdbcClient jdbc;
    private final Organisations organisations;
    private final Users users;
    private final boolean tool;

    InitialAdmin(JdbcClient jdbc, Organisations organisations, Users users,
                 @Value("${mburoja.tool:false}") boolean tool) {
        this.jdbc = jdbc;
        this.organisations = organisations;
        this.users = users;
        this.tool = tool;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!tool) {
            bootstrap().ifPresent(p -> LOG.warn("Initial admin password: {}", p.password()));
        }
    }

    /** Creates the authority and the admin when no user exists yet; empty when there was nothing to do. */
    @Transactional
    Optional<IssuedPassword> bootstrap() {
        long count = jdbc.sql("SELECT COUNT(*) FROM users").query(Long.class).single();
        if (count > 0) {
            return Optional.empty();
        }
        Actor system = Actor.system("bootstrap");
        Organisation authority = organisations.nationalAuthority().orElseGet(() ->
                organisations.create(system, OrganisationKind.NATIONAL_AUTHORITY, AUTHORITY_NAME, "AL"));
        return Optional.of(users.create(system,
                new NewUser("admin", "Administrator", null, authority.id(), Role.ADMIN)));
    }
}
