package org.mburoja.identity.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.mburoja.audit.AuditLog;
import org.mburoja.identity.ApiToken;
import org.mburoja.identity.ApiTokens;
import org.mburoja.identity.IssuedToken;
import org.mburoja.identity.TokenScope;
import org.mburoja.identity.User;
import org.mburoja.kernel.Actor;
import org.mburoja.kernel.Role;
import org.mburoja.web.ApiError;
import org.mburoja.web.InvalidInputException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** JDBC implementation of {@link ApiTokens}. Secrets look like {@code mbj_} + 43 base64url characters. */
@Service
class JdbcApiTokens implements ApiTokens {

    static final String SECRET_PREFIX = "mbj_";
    private static final int PREFIX_LENGTH = 12;
    private static final Duration LAST_USED_GRANULARITY = Duration.ofMinutes(1);

    private final JdbcClient jdbc;
    private final JdbcUsers users;
    private final AuditLog audit;
    private final SecureRandom random;
    private final Clock clock;

    JdbcApiTokens(JdbcClient jdbc, JdbcUsers users, AuditLog audit) {
        this.jdbc = jdbc;
        this.users = users;
        this.audit = audit;
        this.random = new SecureRandom();
        this.clock = Clock.systemUTC();
    }

    @Override
    @Transactional
    public IssuedToken create(Actor owner, String name, Set<TokenScope> scopes, Instant expiresAt) {
        if (owner.userId() == null || owner.scopes() != null) {
            throw new AccessDeniedException("tokens are created by a logged-in user for itself, not by a token");
        }
        User user = users.find(owner.userId()).orElseThrow(() -> new AccessDeniedException("unknown user"));
        return issue(owner, user, name, scopes, expiresAt);
    }

    @Override
    @Transactional
    public IssuedToken createFor(Actor admin, UUID userId, String name, Set<TokenScope> scopes, Instant expiresAt) {
        JdbcUsers.requireAdmin(admin);
        User user = users.find(userId).orElseThrow(() ->
                InvalidInputException.of("user", String.valueOf(userId), "no such user"));
        if (!user.enabled()) {
            throw InvalidInputException.of("user", user.username(), "the user is disabled");
        }
        return issue(admin, user, name, scopes, expiresAt);
    }

    private IssuedToken issue(Actor by, User user, String name, Set<TokenScope> scopes, Instant expiresAt) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        List<ApiError.FieldError> errors = new ArrayList<>();
        String cleanName = name == null ? "" : name.strip();
        if (cleanName.isEmpty() || cleanName.length() > 100) {
            errors.add(new ApiError.FieldError("name", name, "a name of 1 to 100 characters is required"));
        }
        if (scopes == null || scopes.isEmpty()) {
            errors.add(new ApiError.FieldError("scopes", null, "at least one scope (e.g. operators:read) is required"));
        }
        if (expiresAt == null || !expiresAt.isAfter(now)) {
            errors.add(new ApiError.FieldError("expires", String.valueOf(expiresAt), "must be in the future"));
        } else if (expiresAt.isAfter(now.plus(MAX_LIFETIME))) {
            errors.add(new ApiError.FieldError("expires", expiresAt.toString(),
                    "a token lives at most " + MAX_LIFETIME.toDays() + " days"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        byte[] raw = new byte[32];
        random.nextBytes(raw);
        String secret = SECRET_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        Arrays.fill(raw, (byte) 0);
        UUID id = UUID.randomUUID();
        Instant expiry = expiresAt.truncatedTo(ChronoUnit.MICROS);
        jdbc.sql("""
                INSERT INTO api_tokens (id, user_id, name, token_hash, prefix, scopes, created_at, expires_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, user.id(), cleanName, sha256(secret), secret.substring(0, PREFIX_LENGTH),
                        format(scopes), Timestamp.from(now), Timestamp.from(expiry))
                .update();
        ApiToken token = find(id).orElseThrow();
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("owner", user.username());
        after.put("name", token.name());
        after.put("prefix", token.prefix());
        after.put("scopes", format(token.scopes()));
        after.put("expiresAt", token.expiresAt().toString());
        audit.append(by, "token.create", "api_token", id.toString(), null, after);
        return new IssuedToken(token, secret);
    }

    @Override
    @Transactional(readOnly = true)
    public List<ApiToken> list(UUID userId) {
        return jdbc.sql("SELECT * FROM api_tokens WHERE user_id = ? ORDER BY created_at DESC").param(userId)
                .query(JdbcApiTokens::map).list();
    }

    @Override
    @Transactional
    public ApiToken revoke(Actor by, UUID tokenId) {
        ApiToken before = find(tokenId).orElseThrow(() ->
                InvalidInputException.of("token", String.valueOf(tokenId), "no such token"));
        if (!before.userId().equals(by.userId()) && !by.has(Role.ADMIN)) {
            throw new AccessDeniedException("only the owner or an administrator revokes a token");
        }
        if (before.revokedAt() != null) {
            return before;
        }
        jdbc.sql("UPDATE api_tokens SET revoked_at = ? WHERE id = ?")
                .params(Timestamp.from(clock.instant()), tokenId).update();
        ApiToken after = find(tokenId).orElseThrow();
        audit.append(by, "token.revoke", "api_token", tokenId.toString(), Map.of("prefix", before.prefix()),
                Map.of("prefix", after.prefix(), "revokedAt", after.revokedAt().toString()));
        return after;
    }

    @Override
    @Transactional
    public Optional<Actor> authenticate(String secret) {
        if (secret == null || !secret.startsWith(SECRET_PREFIX) || secret.length() > 100) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Optional<ApiToken> token = jdbc.sql("SELECT * FROM api_tokens WHERE token_hash = ?").param(sha256(secret))
                .query(JdbcApiTokens::map).optional();
        if (token.isEmpty() || !token.get().activeAt(now)) {
            return Optional.empty();
        }
        Optional<User> user = users.find(token.get().userId()).filter(User::enabled);
        if (user.isEmpty()) {
            return Optional.empty();
        }
        ApiToken t = token.get();
        if (t.lastUsedAt() == null || t.lastUsedAt().isBefore(now.minus(LAST_USED_GRANULARITY))) {
            jdbc.sql("UPDATE api_tokens SET last_used_at = ? WHERE id = ?").params(Timestamp.from(now), t.id())
                    .update();
        }
        Actor session = user.get().toActor();
        return Optional.of(new Actor(session.userId(), session.username(), session.organisation(),
                session.organisationKind(), session.roles(),
                t.scopes().stream().map(TokenScope::toString).collect(Collectors.toSet())));
    }

    private Optional<ApiToken> find(UUID id) {
        return jdbc.sql("SELECT * FROM api_tokens WHERE id = ?").param(id).query(JdbcApiTokens::map).optional();
    }

    static String sha256(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static String format(Set<TokenScope> scopes) {
        return scopes.stream().map(TokenScope::toString).collect(Collectors.toCollection(TreeSet::new)).stream()
                .collect(Collectors.joining(" "));
    }

    private static ApiToken map(ResultSet rs, int row) throws SQLException {
        Set<TokenScope> scopes = new java.util.LinkedHashSet<>();
        for (String s : rs.getString("scopes").split(" ")) {
            if (!s.isBlank()) {
                scopes.add(TokenScope.parse(s));
            }
        }
        Timestamp used = rs.getTimestamp("last_used_at");
        Timestamp revoked = rs.getTimestamp("revoked_at");
        return new ApiToken(rs.getObject("id", UUID.class), rs.getObject("user_id", UUID.class),
                rs.getString("name"), rs.getString("prefix"), Set.copyOf(scopes),
                rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("expires_at").toInstant(),
                used == null ? null : used.toInstant(), revoked == null ? null : revoked.toInstant());
    }
}
