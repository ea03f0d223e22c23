package org.mburoja.incidents.internal;

import java.util.Set;
import java.util.UUID;
import org.mburoja.kernel.Actor;
import org.mburoja.kernel.OrganisationKind;
import org.mburoja.kernel.Role;

/**
 * Who may do what with incidents. Authority analysts and admins see and handle everything; an operator's users see
 * their own organisation's reports and cases, and only operator-role users may file; partners see a case only when
 * it is shared with their organisation, and nothing of reports. API tokens need the {@code incidents} scope.
 */
final class IncidentAccess {

    private IncidentAccess() {
    }

    static boolean staff(Actor a) {
        return a.isAuthorityStaff();
    }

    static void requireStaff(Actor a, String what) {
        if (!staff(a)) {
            throw new ForbiddenException("only authority analysts may " + what);
        }
        requireScope(a, true);
    }

    static void requireScope(Actor a, boolean write) {
        if (!a.hasScope("incidents", write)) {
            throw new ForbiddenException("API token lacks the incidents:" + (write ? "write" : "read") + " scope");
        }
    }

    static boolean canSeeReport(Actor a, UUID reportOrganisation) {
        return a.hasScope("incidents", false) && (staff(a)
                || (a.organisationKind() == OrganisationKind.OPERATOR && a.organisation() != null
                && a.organisation().value().equals(reportOrganisation)));
    }

    static boolean canFile(Actor a, UUID reportOrganisation) {
        return a.hasScope("incidents", true) && (staff(a) || (a.has(Role.OPERATOR)
                && a.organisationKind() == OrganisationKind.OPERATOR
                && a.organisation() != null && a.organisation().value().equals(reportOrganisation)));
    }

    static boolean canSeeCase(Actor a, UUID caseOrganisation, Set<UUID> sharedWith) {
        if (!a.hasScope("incidents", false)) {
            return false;
        }
        if (staff(a)) {
            return true;
        }
        if (a.organisation() == null) {
            return false;
        }
        UUID own = a.organisation().value();
        if (a.organisationKind() == OrganisationKind.OPERATOR && own.equals(caseOrganisation)) {
            return true;
        }
        return sharedWith.contains(own);
    }
}
