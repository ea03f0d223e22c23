package org.mburoja.operators;

import java.util.Set;
import java.util.UUID;
import org.mburoja.kernel.Actor;
import org.mburoja.kernel.OrganisationId;
import org.mburoja.kernel.OrganisationKind;
import org.mburoja.kernel.Role;
import org.mburoja.testing.Principals;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** Principals of the registry's integration tests, as the security configuration would authenticate them. */
final class ItActors {

    private ItActors() {
    }

    static Actor analyst() {
        return new Actor(UUID.randomUUID(), "analyst-" + UUID.randomUUID(), OrganisationId.random(),
                OrganisationKind.NATIONAL_AUTHORITY, Set.of(Role.ANALYST), null);
    }

    static Actor operatorUser(OrganisationId org) {
        return new Actor(UUID.randomUUID(), "reporter-" + UUID.randomUUID(), org, OrganisationKind.OPERATOR,
                Set.of(Role.OPERATOR), null);
    }

    static Actor viewer(OrganisationId org) {
        return new Actor(UUID.randomUUID(), "viewer-" + UUID.randomUUID(), org, OrganisationKind.OPERATOR,
                Set.of(Role.VIEWER), null);
    }

    static Actor partner() {
        return new Actor(UUID.randomUUID(), "partner-" + UUID.randomUUID(), OrganisationId.random(),
                OrganisationKind.PARTNER, Set.of(Role.PARTNER), null);
    }

    static Actor analystToken(String... scopes) {
        return new Actor(UUID.randomUUID(), "robot-" + UUID.randomUUID(), OrganisationId.random(),
                OrganisationKind.NATIONAL_AUTHORITY, Set.of(Role.ANALYST), Set.of(scopes));
    }

    /** Runs a request as {@code actor} through the real security chain (see {@link Principals}). */
    static RequestPostProcessor as(Actor actor) {
        return Principals.as(actor);
    }
}
