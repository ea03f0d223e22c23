package org.mburoja.identity;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.mburoja.kernel.Actor;
import org.mburoja.kernel.OrganisationId;
import org.mburoja.kernel.Role;

/**
 * The users of this node. Every change is audited in the same transaction; methods taking an {@link Actor} check
 * that it may do the change (administrators only, except for one's own password) and throw
 * {@link org.springframework.security.access.AccessDeniedException} otherwise.
 */
public interface Users {

    /** Creates a user with a random initial password that must be changed at first login. */
    IssuedPassword create(Actor by, NewUser user);

    Optional<User> find(UUID id);

    Optional<User> findByUsername(String username);

    /** All users, or those of one organisation when {@code organisation} is not null, by username. */
    List<User> list(OrganisationId organisation);

    /** Sets a new random password (shown once), clears the lockout and ends every session of the user. */
    IssuedPassword resetPassword(Actor by, UUID userId);

    /** Changes one's own password after checking the current one; ends the user's other sessions. */
    User changePassword(Actor self, String currentPassword, String newPassword);

    /** Enables or disables a user; disabling ends every session and refuses its API tokens. */
    User setEnabled(Actor by, UUID userId, boolean enabled);

    /** Removes the TOTP enrolment so that the user enrols again at next login (lost phone). */
    User resetMfa(Actor by, UUID userId);

    /** Number of enabled users per role, for the dashboard. */
    Map<Role, Long> countByRole();
}
