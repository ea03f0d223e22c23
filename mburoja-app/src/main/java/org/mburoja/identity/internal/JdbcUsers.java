package org.mburoja.identity.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.mburoja.audit.AuditLog;
import org.mburoja.identity.IssuedPassword;
import org.mburoja.identity.NewUser;
import org.mburoja.identity.Organisation;
import org.mburoja.identity.Organisations;
import org.mburoja.identity.User;
import org.mburoja.identity.Users;
import org.mburoja.kernel.Actor;
import org.mburoja.kernel.OrganisationId;
import org.mburoja.kernel.OrganisationKind;
import org.mburoja.kernel.Role;
import org.mburoja.web.ApiError;
import org.mburoja.web.InvalidInputException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** JDBC implementation of {@link Users}; secrets (hash, TOTP) stay in {@link Credentials}. */
@Service
class JdbcUsers implements Users {

    static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._@-]{1,63}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s.]+(\\.[^@\\s.]+)+");
    static final String SELECT = """
            SELECT u.*, o.kind AS organisation_kind FROM users u JOIN organisations o ON o.id = u.organisation_id""";

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final Organisations organisations;
    private final PasswordEncoder encoder;
    private final PasswordGenerator generator;
    private final Clock clock;

    JdbcUsers(JdbcClient jdbc, AuditLog audit, Organisations organisations, PasswordEncoder encoder,
              PasswordGenerator generator) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.organisations = organisations;
        this.encoder = encoder;
        this.generator = generator;
        this.clock = Clock.systemUTC();
    }

    @Override
    @Transactional
    public IssuedPassword create(Actor by, NewUser n) {
        requireAdmin(by);
        List<ApiError.FieldError> errors = new ArrayList<>();
        String username = n.username() == null ? "" : n.username().strip().toLowerCase(Locale.ROOT);
        if (!USERNAME.matcher(username).matches()) {
            errors.add(new ApiError.FieldError("username", n.username(),
                    "2-64 characters: lower-case letters, digits, '.', '_', '@' or '-', starting with a letter or digit"));
        } else if (findByUsername(username).isPresent()) {
            errors.add(new ApiError.FieldError("username", n.username(), "a user with this name exists already"));
        }
        String email = blankToNull(n.email());
        if (email != null && (email.length() > 320 || !EMAIL.matcher(email).matches())) {
            errors.add(new ApiError.FieldError("email", email, "not an e-mail address"));
        }
        String display = blankToNull(n.displayName());
        if (display != null && display.length() > 200) {
            errors.add(new ApiError.FieldError("displayName", display, "longer than 200 characters"));
        }
        Optional<Organisation> org = n.organisation() == null ? Optional.empty() : organisations.find(n.organisation());
        if (org.isEmpty()) {
            errors.add(new ApiError.FieldError("organisation", String.valueOf(n.organisation()),
                    "no such organisation"));
        } else if (n.role() == null || !roleFits(n.role(), org.get().kind())) {
            errors.add(new ApiError.FieldError("role", String.valueOf(n.role()),
                    "role " + n.role() + " is not allowed in an organisation of kind " + org.get().kind()
                            + " (admin/analyst: national authority; operator: operator; partner: partner agency; "
                            + "viewer: any)"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        String password = generator.next();
        Instant now = now();
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                INSERT INTO users (id, username, username_key, display_name, email, organisation_id, role,
                                   password_hash, must_change_password, enabled, created_at, password_changed_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, TRUE, TRUE, ?, ?)""")
                .params(id, username, username, display, email, n.organisation().value(), n.role().name(),
                        encoder.encode(password), Timestamp.from(now), Timestamp.from(now))
                .update();
        User user = find(id).orElseThrow();
        audit.append(by, "user.create", "user", id.toString(), null, user);
        return new IssuedPassword(user, password);
    }

    /** Admin and analyst work for the national authority; operators for operators; partners for partners. */
    static boolean roleFits(Role role, OrganisationKind kind) {
        return switch (role) {
            case ADMIN, ANALYST -> kind == OrganisationKind.NATIONAL_AUTHORITY;
            case OPERATOR -> kind == OrganisationKind.OPERATOR;
            case PARTNER -> kind == OrganisationKind.PARTNER;
            case VIEWER -> true;
        };
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<User> find(UUID id) {
        return jdbc.sql(SELECT + " WHERE u.id = ?").param(id).query(JdbcUsers::map).optional();
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<User> findByUsername(String username) {
        if (username == null) {
            return Optional.empty();
        }
        String key = username.strip().toLowerCase(Locale.ROOT);
        if (!USERNAME.matcher(key).matches()) {
            return Optional.empty(); // cannot exist; and never send hostile bytes (NUL) to the database
        }
        return jdbc.sql(SELECT + " WHERE u.username_key = ?").param(key).query(JdbcUsers::map).optional();
    }

    @Override
    @Transactional(readOnly = true)
    public List<User> list(OrganisationId organisation) {
        if (organisation == null) {
            return jdbc.sql(SELECT + " ORDER BY u.username_key").query(JdbcUsers::map).list();
        }
        return jdbc.sql(SELECT + " WHERE u.organisation_id = ? ORDER BY u.username_key").param(organisation.value())
                .query(JdbcUsers::map).list();
    }

    @Override
    @Transactional
    public IssuedPassword resetPassword(Actor by, UUID userId) {
        requireAdmin(by);
        User before = require(userId);
        String password = generator.next();
        jdbc.sql("""
                UPDATE users SET password_hash = ?, must_change_password = TRUE, failed_attempts = 0,
                       locked_until = NULL, session_epoch = session_epoch + 1, password_changed_at = ?
                WHERE id = ?""").params(encoder.encode(password), Timestamp.from(now()), userId).update();
        User after = require(userId);
        audit.append(by, "user.password.reset", "user", userId.toString(), before, after);
        return new IssuedPassword(after, password);
    }

    @Override
    @Transactional
    public User changePassword(Actor self, String currentPassword, String newPassword) {
        User before = require(self.userId());
        String hash = jdbc.sql("SELECT password_hash FROM users WHERE id = ?").param(self.userId())
                .query(String.class).single();
        if (currentPassword == null || !encoder.matches(currentPassword, hash)) {
            audit.append(self, "user.password.change.failure", "user", self.userId().toString(), null,
                    Map.of("reason", "current password wrong"));
            throw InvalidInputException.of("currentPassword", null, "password.current-wrong");
        }
        List<String> problems = PasswordPolicy.problems(before.username(), newPassword);
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems.stream()
                    .map(p -> new ApiError.FieldError("newPassword", null, p)).toList());
        }
        if (encoder.matches(newPassword, hash)) {
            throw InvalidInputException.of("newPassword", null, "password.unchanged");
        }
        jdbc.sql("""
                UPDATE users SET password_hash = ?, must_change_password = FALSE, password_changed_at = ?,
                       session_epoch = session_epoch + 1
                WHERE id = ?""").params(encoder.encode(newPassword), Timestamp.from(now()), self.userId()).update();
        User after = require(self.userId());
        audit.append(self, "user.password.change", "user", self.userId().toString(), before, after);
        return after;
    }

    @Override
    @Transactional
    public User setEnabled(Actor by, UUID userId, boolean enabled) {
        requireAdmin(by);
        if (!enabled && userId.equals(by.userId())) {
            throw InvalidInputException.of("enabled", "false", "you cannot disable your own account");
        }
        User before = require(userId);
        jdbc.sql("UPDATE users SET enabled = ?, failed_attempts = 0, locked_until = NULL, "
                + "session_epoch = session_epoch + 1 WHERE id = ?").params(enabled, userId).update();
        User after = require(userId);
        audit.append(by, enabled ? "user.enable" : "user.disable", "user", userId.toString(), before, after);
        return after;
    }

    @Override
    @Transactional
    public User resetMfa(Actor by, UUID userId) {
        requireAdmin(by);
        User before = require(userId);
        jdbc.sql("UPDATE users SET totp_secret = NULL, totp_last_step = 0, session_epoch = session_epoch + 1 "
                + "WHERE id = ?").param(userId).update();
        User after = require(userId);
        audit.append(by, "user.mfa.reset", "user", userId.toString(), before, after);
        return after;
    }

    @Override
    @Transactional(readOnly = true)
    public Map<Role, Long> countByRole() {
        Map<Role, Long> counts = new EnumMap<>(Role.class);
        for (Role r : Role.values()) {
            counts.put(r, 0L);
        }
        jdbc.sql("SELECT role, COUNT(*) AS n FROM users WHERE enabled = TRUE GROUP BY role")
                .query((ResultSet rs) -> {
                    counts.put(Role.valueOf(rs.getString("role")), rs.getLong("n"));
                });
        return new LinkedHashMap<>(counts);
    }

    private User require(UUID id) {
        return find(id).orElseThrow(() -> InvalidInputException.of("user", String.valueOf(id), "no such user"));
    }

    /** Only administrators of the national authority (or the platform itself) manage users. */
    static void requireAdmin(Actor by) {
        if (!(by.has(Role.ADMIN) && by.organisationKind() == OrganisationKind.NATIONAL_AUTHORITY)) {
            throw new AccessDeniedException("only administrators of the national authority manage users");
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    static User map(ResultSet rs, int row) throws SQLException {
        Timestamp locked = rs.getTimestamp("locked_until");
        Timestamp last = rs.getTimestamp("last_login_at");
        return new User(rs.getObject("id", UUID.class), rs.getString("username"), rs.getString("display_name"),
                rs.getString("email"), new OrganisationId(rs.getObject("organisation_id", UUID.class)),
                OrganisationKind.valueOf(rs.getString("organisation_kind")), Role.valueOf(rs.getString("role")),
                rs.getBoolean("enabled"), rs.getString("totp_secret") != null,
                rs.getBoolean("must_change_password"), locked == null ? null : locked.toInstant(),
                rs.getTimestamp("created_at").toInstant(), last == null ? null : last.toInstant());
    }
}
