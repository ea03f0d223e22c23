package org.mburoja.leaks;

import java.util.Set;
import java.util.UUID;
import org.mburoja.kernel.Actor;
import org.mburoja.kernel.OrganisationId;
import org.mburoja.kernel.OrganisationKind;
import org.mburoja.kernel.Role;

/** Actors for the leak tests, with unique names so tests can find their own audit entries. */
public final class LeakActors {

    private LeakActors() {
    }

    public static Actor analyst() {
        return new Actor(UUID.randomUUID(), "analyst-" + UUID.randomUUID(), OrganisationId.random(),
                OrganisationKind.NATIONAL_AUTHORITY, Set.of(Role.ANALYST), null);
    }

    public static Actor operator() {
        return new Actor(UUID.randomUUID(), "operator-" + UUID.randomUUID(), OrganisationId.random(),
                OrganisationKind.OPERATOR, Set.of(Role.OPERATOR), null);
    }

    public static Actor readOnlyToken() {
        return new Actor(UUID.randomUUID(), "token-" + UUID.randomUUID(), OrganisationId.random(),
                OrganisationKind.NATIONAL_AUTHORITY, Set.of(Role.ANALYST), Set.of("leaks:read"));
    }
}
