package org.mburoja.identity.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.time.Instant;
import java.util.List;
import org.mburoja.identity.User;
import org.mburoja.identity.Users;
import org.mburoja.kernel.Role;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Component;

/**
 * Builds and advances login sessions through their {@link LoginStage}s. The session remembers when the login began
 * (for the absolute lifetime) and the user's session epoch (so that disabling the user, resetting its password or
 * its MFA ends the session at its next request, whichever JVM made the change, the admin CLI included).
 */
@Component
public class SessionLogins {

    static final String LOGIN_AT = "mburoja.login.at";
    static final String EPOCH = "mburoja.login.epoch";

    private final SecurityContextRepository repository = new HttpSessionSecurityContextRepository();
    private final Credentials credentials;
    private final Users users;

    SessionLogins(Credentials credentials, Users users) {
        this.credentials = credentials;
        this.users = users;
    }

    /** The stage a user is in after its password (secondFactorDone false) or its second factor was accepted. */
    static LoginStage nextStage(User user, boolean secondFactorDone) {
        if (user.needsSecondFactor() && !secondFactorDone) {
            return user.mfaEnrolled() ? LoginStage.MFA : LoginStage.MFA_ENROL;
        }
        return user.mustChangePassword() ? LoginStage.PASSWORD_CHANGE : null;
    }

    /** The session's authentication: a stage authority only, or the user's role when no stage is left. */
    static Authentication authentication(User user, LoginStage stage) {
        String authority = stage == null ? user.role().authority() : stage.authority();
        return UsernamePasswordAuthenticationToken.authenticated(user.toActor(), null,
                List.of(new SimpleGrantedAuthority(authority)));
    }

    /** Stamps a freshly started login session (called right after the password was accepted). */
    void started(java.util.UUID userId, HttpServletRequest request) {
        HttpSession session = request.getSession();
        session.setAttribute(LOGIN_AT, Instant.now());
        session.setAttribute(EPOCH, credentials.sessionState(userId).orElseThrow().epoch());
    }

    /**
     * Moves the current session on after a completed stage: new session id, new authentication, fresh epoch.
     *
     * @return where to send the browser next
     */
    public String advance(java.util.UUID userId, boolean secondFactorDone, HttpServletRequest request,
                          HttpServletResponse response) {
        User user = users.find(userId).orElseThrow();
        LoginStage stage = nextStage(user, secondFactorDone);
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(authentication(user, stage));
        request.changeSessionId();
        SecurityContextHolder.setContext(context);
        repository.saveContext(context, request, response);
        request.getSession().setAttribute(EPOCH, credentials.sessionState(user.id()).orElseThrow().epoch());
        if (stage == null) {
            credentials.succeeded(user.id());
            return "/";
        }
        return stage.path();
    }

    /** Whether a role needs the second factor whatever the user chose (for pages explaining it). */
    public static boolean mandatoryFor(Role role) {
        return role.requiresMfa();
    }
}
