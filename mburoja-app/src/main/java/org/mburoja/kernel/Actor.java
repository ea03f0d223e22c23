package org.mburoja.kernel;

import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * Who is acting: the principal of every authenticated request, whether it came through a login session or an API
 * token, and of admin CLI actions. Modules authorise on it (role, organisation, token scopes) and the audit log
 * records it.
 *
 * @param userId       the user's id ({@code null} only for {@link #system(String)})
 * @param username     login name
 * @param organisation the user's organisation
 * @param organisationKind kind of that organisation
 * @param roles        roles of the user
 * @param scopes       for API tokens, the granted scopes (e.g. {@code operators:read}); {@code null} for a session
 *                     (a session has every scope its roles allow)
 */
public record Actor(UUID userId, String username, OrganisationId organisation, OrganisationKind organisationKind,
                    Set<Role> roles, Set<String> scopes) {

    public Actor {
        Objects.requireNonNull(username, "username");
        roles = Set.copyOf(roles);
        scopes = scopes == null ? null : Set.copyOf(scopes);
    }

    /** The platform itself (bootstrap, scheduled jobs), for audit entries. */
    public static Actor system(String what) {
        return new Actor(null, "system:" + what, null, OrganisationKind.NATIONAL_AUTHORITY, Set.of(Role.ADMIN), null);
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    /** Authority staff (admin or analyst of the national authority) see every organisation's data. */
    public boolean isAuthorityStaff() {
        return organisationKind == OrganisationKind.NATIONAL_AUTHORITY && (has(Role.ADMIN) || has(Role.ANALYST));
    }

    /** Whether this actor may see data owned by {@code owner}. */
    public boolean canSee(OrganisationId owner) {
        return isAuthorityStaff() || (organisation != null && organisation.equals(owner));
    }

    /** Whether a token scope allows this (sessions have every scope; {@code area:write} implies {@code area:read}). */
    public boolean hasScope(String area, boolean write) {
        if (scopes == null) {
            return true;
        }
        return scopes.contains(area + ":write") || (!write && scopes.contains(area + ":read"));
    }
}
