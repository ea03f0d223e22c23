package org.mburoja.identity.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.Locale;
import org.mburoja.kernel.Actor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A multipart body is read only for a caller who is logged in. The servlet container parses a multipart request the
 * first time anything asks for a parameter, and the security chain's CSRF check asks before the request's
 * authorisation is decided: so without this gate an anonymous client could make the server read into memory up to
 * the multipart limit (64 MB) per request, as many requests at once as it likes (or take every permit of
 * {@link MultipartAdmission}, which runs next), before being refused. Ahead of the security chain, this filter lets
 * a multipart request through only with a fully logged-in session (past its login stages) or a bearer token (which
 * the chain checks before anything reads the body); any other is answered at once, without reading its body: 401
 * with the API's error body under {@code /api/}, else a redirect to the login page. It does not check the session's
 * other rules (its absolute lifetime, a changed password): the chain still does, before any controller sees the
 * upload.
 */
@Component
@ConditionalOnWebApplication // (the admin command line runs the application without a web server)
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class MultipartGate extends OncePerRequestFilter {

    private final ApiErrorWriter errors;

    MultipartGate(ApiErrorWriter errors) {
        this.errors = errors;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !isMultipart(request);
    }

    static boolean isMultipart(HttpServletRequest request) {
        String type = request.getContentType();
        return type != null && type.toLowerCase(Locale.ROOT).startsWith("multipart/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (bearer(request) || loggedIn(request.getSession(false))) {
            chain.doFilter(request, response);
            return;
        }
        response.setHeader("Connection", "close"); // the body is not read
        response.setHeader("Cache-Control", "no-store");
        if (request.getRequestURI().startsWith(request.getContextPath() + "/api/")) {
            errors.write(request, response, 401, "unauthenticated", "log in or send 'Authorization: Bearer "
                    + "<token>' before uploading: a multipart body is read only for a logged-in caller");
        } else {
            response.sendRedirect(request.getContextPath() + "/login");
        }
    }

    private static boolean bearer(HttpServletRequest request) {
        String h = request.getHeader("Authorization");
        return h != null && h.regionMatches(true, 0, "Bearer ", 0, 7);
    }

    private static boolean loggedIn(HttpSession session) {
        if (session == null) {
            return false;
        }
        Object stored;
        try {
            stored = session.getAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY);
        } catch (IllegalStateException invalidated) {
            return false;
        }
        Authentication auth = stored instanceof SecurityContext c ? c.getAuthentication() : null;
        return auth != null && auth.isAuthenticated() && auth.getPrincipal() instanceof Actor
                && LoginStage.of(auth).isEmpty();
    }
}
