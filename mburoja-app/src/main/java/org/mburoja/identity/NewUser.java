package org.mburoja.identity;

import org.mburoja.kernel.OrganisationId;
import org.mburoja.kernel.Role;

/** What an administrator gives to create a user; the initial password is generated, never chosen. */
public record NewUser(String username, String displayName, String email, OrganisationId organisation, Role role) {
}
