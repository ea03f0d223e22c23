package org.mburoja.testing;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.mburoja.identity.IssuedPassword;
import org.mburoja.identity.NewUser;
import org.mburoja.identity.Organisation;
import org.mburoja.identity.Organisations;
import org.mburoja.identity.User;
import org.mburoja.identity.Users;
import org.mburoja.identity.internal.Credentials;
import org.mburoja.kernel.Actor;
import org.mburoja.kernel.OrganisationId;
import org.mburoja.kernel.OrganisationKind;
import org.mburoja.kernel.Role;
import org.springframework.context.ApplicationContext;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * Creates organisations and users for integration tests through the real services (so every fixture is audited
 * like production data), with unique names so tests never collide. TOTP codes are computed here independently of
 * the production implementation (HMAC-SHA1 per RFC 6238), which makes this an oracle for it.
 */
public final class Accounts {

    /** A user with a known password and, when enrolled, its TOTP secret. */
    public record Account(User user, String password, String totpSecret) {
        public Actor actor() {
            return user.toActor();
        }

        public String username() {
            return user.username();
        }
    }

    private final Users users;
    private final Organisations organisations;
    private final Credentials credentials;

    public Accounts(ApplicationContext ctx) {
        this.users = ctx.getBean(Users.class);
        this.organisations = ctx.getBean(Organisations.class);
        this.credentials = ctx.getBean(Credentials.class);
    }

    public static String unique(String prefix) {
        // 64 random bits: a suite creates thousands of users in one database, and 32 bits made two of them collide
        // ("a user with this name exists already" in IncidentReportApiIT, once in a CI run)
        return prefix + "-" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    }

    public Organisation authority() {
        return organisations.nationalAuthority().orElseThrow();
    }

    public Organisation organisation(OrganisationKind kind, String prefix) {
        return organisations.create(Actor.system("test"), kind, unique(prefix), "AL");
    }

    /** A user as an administrator creates it: one-time password, must change it, no TOTP yet. */
    public Account fresh(Role role, OrganisationId org) {
        return fresh(role, org, unique(role.name().toLowerCase(Locale.ROOT)));
    }

    /** The same, with a chosen username. */
    public Account fresh(Role role, OrganisationId org, String username) {
        IssuedPassword p = users.create(Actor.system("test"),
                new NewUser(username, "Test " + role, null, org, role));
        return new Account(p.user(), p.password(), null);
    }

    /** A user that has already changed its password and, if its role needs it, enrolled TOTP. */
    public Account ready(Role role, OrganisationId org) {
        return ready(role, org, unique(role.name().toLowerCase(Locale.ROOT)));
    }

    /** The same, with a chosen username. */
    public Account ready(Role role, OrganisationId org, String username) {
        Account a = fresh(role, org, username);
        String password = "correct horse " + UUID.randomUUID();
        users.changePassword(a.actor(), a.password(), password);
        String secret = null;
        if (role.requiresMfa()) {
            secret = credentials.newTotpSecret();
            // enrol with the previous step's code, so the current step is still free for the login under test
            if (!credentials.enrolTotp(a.actor(), secret, totp(secret, Instant.now().minusSeconds(30)))) {
                throw new IllegalStateException("enrolment failed");
            }
        }
        return new Account(users.find(a.user().id()).orElseThrow(), password, secret);
    }

    /** The account with its user as stored now (after password changes, enrolment). */
    public Account find(Account a) {
        return new Account(users.find(a.user().id()).orElseThrow(), a.password(), a.totpSecret());
    }

    /** A fully logged-in session's authentication, for MockMvc's {@code authentication(...)}. */
    public static Authentication session(Account a) {
        return UsernamePasswordAuthenticationToken.authenticated(a.actor(), null,
                List.of(new SimpleGrantedAuthority(a.user().role().authority())));
    }

    /**
     * A fully logged-in browser session, as the login flow leaves it (security context, login time, session epoch),
     * for MockMvc's {@code .session(...)}.
     */
    public org.springframework.mock.web.MockHttpSession sessionOf(Account a) {
        var session = new org.springframework.mock.web.MockHttpSession();
        var context = org.springframework.security.core.context.SecurityContextHolder.createEmptyContext();
        context.setAuthentication(session(a));
        session.setAttribute(org.springframework.security.web.context.HttpSessionSecurityContextRepository
                .SPRING_SECURITY_CONTEXT_KEY, context);
        session.setAttribute("mburoja.login.at", Instant.now());
        session.setAttribute("mburoja.login.epoch", credentials.sessionState(a.user().id()).orElseThrow().epoch());
        return session;
    }

    /** The 6-digit TOTP code of a base32 secret at a time (independent implementation of RFC 6238). */
    public static String totp(String base32, Instant at) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(base32Decode(base32), "RAW"));
            byte[] h = mac.doFinal(ByteBuffer.allocate(8).putLong(at.getEpochSecond() / 30).array());
            int o = h[19] & 0xf;
            int bin = ((h[o] & 0x7f) << 24) | ((h[o + 1] & 0xff) << 16) | ((h[o + 2] & 0xff) << 8) | (h[o + 3] & 0xff);
            return String.format("%06d", bin % 1_000_000);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] base32Decode(String s) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        String clean = s.replace(" ", "").toUpperCase(Locale.ROOT);
        var out = new java.io.ByteArrayOutputStream();
        long buffer = 0;
        int bits = 0;
        for (char c : clean.toCharArray()) {
            buffer = (buffer << 5) | alphabet.indexOf(c);
            bits += 5;
            if (bits >= 8) {
                out.write((int) (buffer >> (bits - 8)) & 0xff);
                bits -= 8;
            }
        }
        return out.toByteArray();
    }
}
