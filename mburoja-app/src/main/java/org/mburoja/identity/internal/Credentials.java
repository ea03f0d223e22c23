package org.mburoja.identity.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.mburoja.audit.AuditLog;
import org.mburoja.identity.User;
import org.mburoja.kernel.Actor;
import org.mburoja.kernel.SecretSeal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Checks passwords and TOTP codes and keeps the lockout counters. After {@code maxFailures} consecutive failures
 * (passwords and TOTP codes alike) the account is locked for {@code lockDuration}; a success resets the count. The
 * lock lets an attacker who knows a username lock its owner out for a while: accepted, since the alternative lets
 * him guess unboundedly (the admin CLI's reset-password clears a lock).
 *
 * <p>Unknown usernames cost one Argon2 hash as well, so response time does not reveal which accounts exist.
 */
@Component
public class Credentials {

    private static final Logger LOG = LoggerFactory.getLogger(Credentials.class);

    /** Outcome of a password check. */
    public sealed interface PasswordCheck {
        record Accepted(User user) implements PasswordCheck { }

        record Rejected(String reason, User user) implements PasswordCheck { }
    }

    private final JdbcClient jdbc;
    private final JdbcUsers users;
    private final PasswordEncoder encoder;
    private final AuditLog audit;
    private final Clock clock;
    private final int maxFailures;
    private final Duration lockDuration;
    private final String dummyHash;
    private final java.security.SecureRandom random = new java.security.SecureRandom();
    private final String issuer;
    private final TotpSecrets seeds;

    Credentials(JdbcClient jdbc, JdbcUsers users, PasswordEncoder encoder, AuditLog audit, TotpSecrets seeds,
                @Value("${mburoja.login.max-failures:5}") int maxFailures,
                @Value("${mburoja.login.lock-duration:15m}") Duration lockDuration,
                @Value("${mburoja.mfa.issuer:Mburoja}") String issuer) {
        this.issuer = issuer;
        this.seeds = seeds;
        this.jdbc = jdbc;
        this.users = users;
        this.encoder = encoder;
        this.audit = audit;
        this.clock = Clock.systemUTC();
        this.maxFailures = maxFailures;
        this.lockDuration = lockDuration;
        this.dummyHash = encoder.encode("timing-equaliser-" + UUID.randomUUID());
    }

    /** Checks a login password; failures and lockouts are audited (the caller audits the success). */
    @Transactional(noRollbackFor = RuntimeException.class)
    public PasswordCheck checkPassword(String username, String password) {
        String who = printable(username == null ? "" : username.strip());
        Optional<User> found = users.findByUsername(who);
        if (found.isEmpty() || password == null || password.length() > PasswordPolicy.MAX_LENGTH * 4) {
            encoder.matches(password == null ? "" : password.substring(0, Math.min(password.length(), 256)),
                    dummyHash);
            audit.appendAnonymous(who, "login.failure", "user", null, Map.of("reason", "unknown user"));
            return new PasswordCheck.Rejected("unknown user", null);
        }
        User user = found.get();
        Instant now = clock.instant();
        if (user.lockedAt(now)) {
            encoder.matches(password, dummyHash);
            audit.appendAnonymous(user.username(), "login.failure", "user", user.id().toString(),
                    Map.of("reason", "account locked", "lockedUntil", user.lockedUntil().toString()));
            return new PasswordCheck.Rejected("account locked", user);
        }
        String hash = jdbc.sql("SELECT password_hash FROM users WHERE id = ?").param(user.id())
                .query(String.class).single();
        if (!encoder.matches(password, hash)) {
            recordFailure(user, "wrong password");
            return new PasswordCheck.Rejected("wrong password", user);
        }
        if (!user.enabled()) {
            audit.appendAnonymous(user.username(), "login.failure", "user", user.id().toString(),
                    Map.of("reason", "account disabled"));
            return new PasswordCheck.Rejected("account disabled", user);
        }
        if (!user.needsSecondFactor()) {
            succeeded(user.id());
        }
        return new PasswordCheck.Accepted(user);
    }

    /** What of a typed username may go into the audit log: 64 characters, control characters replaced. */
    static String printable(String typed) {
        String s = typed.length() > 64 ? typed.substring(0, 64) : typed;
        return s.replaceAll("\\p{Cntrl}", "?");
    }

    /** Records a failed password or TOTP code and locks the account when the limit is reached. */
    @Transactional
    public void recordFailure(User user, String reason) {
        int failures = jdbc.sql("SELECT failed_attempts FROM users WHERE id = ? FOR UPDATE").param(user.id())
                .query(Integer.class).single() + 1;
        audit.appendAnonymous(user.username(), "login.failure", "user", user.id().toString(),
                Map.of("reason", reason, "consecutiveFailures", failures));
        if (failures >= maxFailures) {
            Instant until = clock.instant().plus(lockDuration).truncatedTo(ChronoUnit.MICROS);
            jdbc.sql("UPDATE users SET failed_attempts = 0, locked_until = ?, session_epoch = session_epoch + 1 "
                    + "WHERE id = ?").params(Timestamp.from(until), user.id()).update();
            audit.appendAnonymous(user.username(), "user.locked", "user", user.id().toString(),
                    Map.of("failures", failures, "lockedUntil", until.toString()));
        } else {
            jdbc.sql("UPDATE users SET failed_attempts = ? WHERE id = ?").params(failures, user.id()).update();
        }
    }

    /** A complete login: clears the failure count and stamps the last login. */
    @Transactional
    public void succeeded(UUID userId) {
        jdbc.sql("UPDATE users SET failed_attempts = 0, locked_until = NULL, last_login_at = ? WHERE id = ?")
                .params(Timestamp.from(clock.instant()), userId).update();
    }

    /** Verifies a TOTP code of an enrolled user, refusing replays; failures count towards the lockout. */
    @Transactional(noRollbackFor = RuntimeException.class)
    public boolean verifyTotp(Actor actor, String code) {
        User user = users.find(actor.userId()).orElseThrow();
        Map<String, Object> row = jdbc.sql("SELECT totp_secret, totp_last_step FROM users WHERE id = ? FOR UPDATE")
                .param(actor.userId()).query().singleRow();
        String stored = (String) row.get("totp_secret");
        if (stored == null || user.lockedAt(clock.instant())) {
            return false;
        }
        String secret;
        try {
            secret = seeds.open(actor.userId(), stored);
        } catch (SecretSeal.Unopenable e) {
            // not the user's fault, and no code can pass: an administrator resets the enrolment
            LOG.warn("the TOTP seed of user {} cannot be opened: {}; reset the user's MFA (user administration, or "
                    + "'mburoja admin user reset-password --reset-mfa')", actor.userId(), e.getMessage());
            audit.append(actor, "mfa.failure", "user", actor.userId().toString(), null,
                    Map.of("reason", "seed cannot be opened (TOTP key changed?)"));
            return false;
        }
        long step = Totp.verify(secret, code, clock.instant(), ((Number) row.get("totp_last_step")).longValue());
        if (step < 0) {
            audit.append(actor, "mfa.failure", "user", actor.userId().toString(), null, Map.of("reason", "wrong code"));
            recordFailure(user, "wrong TOTP code");
            return false;
        }
        jdbc.sql("UPDATE users SET totp_last_step = ? WHERE id = ?").params(step, actor.userId()).update();
        audit.append(actor, "mfa.success", "user", actor.userId().toString(), null, null);
        succeeded(actor.userId());
        return true;
    }

    /**
     * Enrols a TOTP secret after the user proved, with one code, that the authenticator holds it.
     *
     * @return false when the code does not match the secret
     */
    @Transactional
    public boolean enrolTotp(Actor actor, String secret, String code) {
        long step = Totp.verify(secret, code, clock.instant(), 0);
        if (step < 0) {
            audit.append(actor, "mfa.enrol.failure", "user", actor.userId().toString(), null,
                    Map.of("reason", "wrong code"));
            return false;
        }
        jdbc.sql("UPDATE users SET totp_secret = ?, totp_last_step = ? WHERE id = ? AND totp_secret IS NULL")
                .params(seeds.seal(actor.userId(), secret), step, actor.userId()).update();
        audit.append(actor, "mfa.enrol", "user", actor.userId().toString(), null, Map.of("method", "totp"));
        succeeded(actor.userId());
        return true;
    }

    /** A fresh TOTP secret (base32, 160 bits) for an enrolment; stored only once the user proved it works. */
    public String newTotpSecret() {
        return Totp.newSecret(random);
    }

    /** The otpauth:// URI an authenticator app reads (as a link on a phone, or typed in). */
    public String otpauthUri(String username, String secret) {
        return Totp.otpauthUri(issuer, username, secret);
    }

    /** The counter that invalidates sessions: bumped on disable, password reset, MFA reset and lockout. */
    @Transactional(readOnly = true)
    public Optional<SessionState> sessionState(UUID userId) {
        return jdbc.sql("SELECT enabled, session_epoch FROM users WHERE id = ?").param(userId)
                .query((rs, n) -> new SessionState(rs.getBoolean("enabled"), rs.getInt("session_epoch")))
                .optional();
    }

    /** What a session must still match to stay valid. */
    public record SessionState(boolean enabled, int epoch) {
    }
}
