package org.mburoja.identity;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.mburoja.kernel.Actor;
import org.mburoja.kernel.OrganisationId;
import org.mburoja.kernel.OrganisationKind;
import org.mburoja.kernel.Role;

/**
 * A person who logs in. Belongs to exactly one organisation and holds one role; the password hash and TOTP secret
 * never leave the identity module, so this record is safe to render and to audit.
 *
 * @param mfaEnrolled        whether a TOTP secret is registered (then the second factor is asked at every login)
 * @param mustChangePassword whether the next login must set a new password (new users, resets)
 * @param lockedUntil        end of a lockout after repeated failures, or null
 */
public record User(UUID id, String username, String displayName, String email, OrganisationId organisation,
                   OrganisationKind organisationKind, Role role, boolean enabled, boolean mfaEnrolled,
                   boolean mustChangePassword, Instant lockedUntil, Instant createdAt, Instant lastLoginAt) {

    /** Whether this user must pass the TOTP step: always for admin and analyst, else once enrolled. */
    public boolean needsSecondFactor() {
        return role.requiresMfa() || mfaEnrolled;
    }

    public boolean lockedAt(Instant now) {
        return lockedUntil != null && lockedUntil.isAfter(now);
    }

    /** The principal of this user's session ({@code scopes == null}: every scope the role allows). */
    public Actor toActor() {
        return new Actor(id, username, organisation, organisationKind, Set.of(role), null);
    }
}
