package org.mburoja.operators.internal;

import org.mburoja.kernel.Actor;
import org.mburoja.kernel.OrganisationId;
import org.mburoja.kernel.OrganisationKind;
import org.mburoja.kernel.Role;
import org.springframework.security.access.AccessDeniedException;

/**
 * Who may do what in the registry. Authority staff: everything. An operator organisation's {@code operator} users:
 * read their own record and change its contacts and assets; its {@code viewer}s: read their own record. Partners
 * and everyone else: nothing. API tokens additionally need {@code operators:read} / {@code operators:write}.
 */
final class OperatorAccess {

    static final String AREA = "operators";

    private OperatorAccess() {
    }

    /** {@code null} when the actor reads every record, else the one organisation it may read. */
    static OrganisationId readableScope(Actor actor) {
        requireScope(actor, false);
        if (actor.isAuthorityStaff()) {
            return null;
        }
        if (actor.organisationKind() == OrganisationKind.OPERATOR && actor.organisation() != null
                && (actor.has(Role.OPERATOR) || actor.has(Role.VIEWER))) {
            return actor.organisation();
        }
        throw new AccessDeniedException("the operator registry is not open to " + actor.username());
    }

    static void requireRead(Actor actor, OrganisationId id) {
        OrganisationId scope = readableScope(actor);
        if (scope != null && !scope.equals(id)) {
            throw new AccessDeniedException(actor.username() + " may not read operator " + id);
        }
    }

    /** Creating, deleting, importing and changing every field: authority staff only. */
    static void requireStaffWrite(Actor actor) {
        requireScope(actor, true);
        if (!actor.isAuthorityStaff()) {
            throw new AccessDeniedException(actor.username() + " may not change the operator registry");
        }
    }

    /**
     * Whether the actor changes the record as its own operator (contacts and assets only); authority staff get
     * {@code false} (they change everything); everyone else is refused.
     */
    static boolean limitedEditor(Actor actor, OrganisationId id) {
        requireScope(actor, true);
        if (actor.isAuthorityStaff()) {
            return false;
        }
        if (actor.organisationKind() == OrganisationKind.OPERATOR && id.equals(actor.organisation())
                && actor.has(Role.OPERATOR)) {
            return true;
        }
        throw new AccessDeniedException(actor.username() + " may not change operator " + id);
    }

    /**
     * Constituency lookups: authority staff; a token needs {@code operators:read} or {@code constituency:read} (the
     * lookup API lives under {@code /api/v1/constituency}, so path-scoped tokens name that area).
     */
    static void requireStaffRead(Actor actor) {
        if (actor == null) {
            throw new AccessDeniedException("not authenticated");
        }
        if (!actor.hasScope(AREA, false) && !actor.hasScope("constituency", false)) {
            throw new AccessDeniedException("the API token lacks the scope operators:read or constituency:read");
        }
        if (!actor.isAuthorityStaff()) {
            throw new AccessDeniedException("constituency lookup is for the national authority's staff");
        }
    }

    private static void requireScope(Actor actor, boolean write) {
        if (actor == null) {
            throw new AccessDeniedException("not authenticated");
        }
        if (!actor.hasScope(AREA, write)) {
            throw new AccessDeniedException("the API token lacks the scope " + AREA + (write ? ":write" : ":read"));
        }
    }
}
