package org.mburoja.identity.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.mburoja.audit.AuditLog;
import org.mburoja.kernel.Actor;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Ends login sessions that must not live on: older than the absolute lifetime, of a user who was disabled, or whose
 * epoch moved (password or MFA reset, lockout). The check costs one primary-key query per session request; in return
 * a change made anywhere (another node, the admin CLI) takes effect at the session's next request. The inactivity
 * timeout is the servlet container's ({@code server.servlet.session.timeout}).
 */
class SessionGuardFilter extends OncePerRequestFilter {

    private final Credentials credentials;
    private final AuditLog audit;
    private final Duration absoluteLifetime;

    SessionGuardFilter(Credentials credentials, AuditLog audit, Duration absoluteLifetime) {
        this.credentials = credentials;
        this.audit = audit;
        this.absoluteLifetime = absoluteLifetime;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        HttpSession session = request.getSession(false);
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (session != null && auth != null && auth.getPrincipal() instanceof Actor actor && actor.scopes() == null
                && actor.userId() != null) {
            String reason = invalidReason(session, actor);
            if (reason != null) {
                audit.append(actor, "session.end", "user", actor.userId().toString(), null, Map.of("reason", reason));
                session.invalidate();
                SecurityContextHolder.clearContext();
            }
        }
        chain.doFilter(request, response);
    }

    private String invalidReason(HttpSession session, Actor actor) {
        Optional<Credentials.SessionState> state = credentials.sessionState(actor.userId());
        if (state.isEmpty() || !state.get().enabled()) {
            return "user disabled";
        }
        // a session authenticated elsewhere than the login form (none in production; test tooling) is stamped on
        // first sight, so that its lifetime and epoch are enforced from then on
        if (session.getAttribute(SessionLogins.LOGIN_AT) == null) {
            session.setAttribute(SessionLogins.LOGIN_AT, Instant.now());
            session.setAttribute(SessionLogins.EPOCH, state.get().epoch());
        }
        Object at = session.getAttribute(SessionLogins.LOGIN_AT);
        if (!(at instanceof Instant loginAt) || loginAt.plus(absoluteLifetime).isBefore(Instant.now())) {
            return "absolute lifetime reached";
        }
        if (!(session.getAttribute(SessionLogins.EPOCH) instanceof Integer epoch) || epoch != state.get().epoch()) {
            return "credentials changed";
        }
        return null;
    }
}
