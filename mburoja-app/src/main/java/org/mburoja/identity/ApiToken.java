package org.mburoja.identity;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * An API token as listed to its owner: never the secret, only its first characters ({@code prefix}) so the owner
 * can tell tokens apart.
 */
public record ApiToken(UUID id, UUID userId, String name, String prefix, Set<TokenScope> scopes, Instant createdAt,
                       Instant expiresAt, Instant lastUsedAt, Instant revokedAt) {

    public boolean activeAt(Instant now) {
        return revokedAt == null && expiresAt.isAfter(now);
    }
}
