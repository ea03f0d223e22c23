package org.mburoja.identity;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.mburoja.kernel.Actor;

/**
 * API tokens for machines. A user creates tokens for itself only (a token cannot create tokens); the secret is
 * returned once and stored as SHA-256 (tokens carry 256 random bits, so a fast hash is enough and lookups stay
 * O(1)). Creation and revocation are audited.
 */
public interface ApiTokens {

    /** Longest lifetime a token may get. */
    java.time.Duration MAX_LIFETIME = java.time.Duration.ofDays(366);

    IssuedToken create(Actor owner, String name, Set<TokenScope> scopes, Instant expiresAt);

    /**
     * Creates a token for another user: administrators of the national authority only (the admin CLI, for
     * automation and recovery). Audited with the administrator as actor and the owner in the entry.
     */
    IssuedToken createFor(Actor admin, UUID userId, String name, Set<TokenScope> scopes, Instant expiresAt);

    List<ApiToken> list(UUID userId);

    /** Revokes one of the actor's own tokens (administrators may revoke anyone's). */
    ApiToken revoke(Actor by, UUID tokenId);

    /**
     * The actor a presented secret stands for, if the token exists, is neither revoked nor expired and its user is
     * enabled; the actor carries the token's scopes.
     */
    Optional<Actor> authenticate(String secret);
}
