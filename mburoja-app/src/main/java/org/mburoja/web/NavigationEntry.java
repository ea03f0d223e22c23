package org.mburoja.web;

import org.mburoja.kernel.Actor;

/**
 * A link in the main navigation. Modules declare beans of this type for their pages so that the layout never needs
 * to know them; entries are shown ordered by {@link #order()} when {@link #visibleTo(Actor)}.
 *
 * @param path     the link target, e.g. {@code /operators}
 * @param labelKey message key of the link text
 * @param order    position, lower first (dashboard 0, registry 100, admin pages 900)
 * @param audience who sees it
 */
public record NavigationEntry(String path, String labelKey, int order, Audience audience) {

    /** Who sees an entry; the controller behind it still authorises every request itself. */
    public enum Audience { EVERYONE, AUTHORITY_AND_OPERATORS, AUTHORITY_STAFF, ADMIN }

    public boolean visibleTo(Actor actor) {
        return switch (audience) {
            case EVERYONE -> true;
            case AUTHORITY_AND_OPERATORS -> actor.isAuthorityStaff()
                    || actor.organisationKind() == org.mburoja.kernel.OrganisationKind.OPERATOR;
            case AUTHORITY_STAFF -> actor.isAuthorityStaff();
            case ADMIN -> actor.has(org.mburoja.kernel.Role.ADMIN);
        };
    }
}
