package org.mburoja.identity.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import org.mburoja.audit.AuditLog;
import org.mburoja.identity.ApiTokens;
import org.mburoja.kernel.Actor;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates {@code Authorization: Bearer <token>} on {@code /api/**} and {@code /actuator/prometheus}, and
 * enforces the token's scopes: the area is the first path segment after {@code /api/v1/}; GET, HEAD and OPTIONS
 * need {@code <area>:read}, anything else {@code <area>:write}. {@code /api/v1/me} needs no scope; the Prometheus
 * endpoint needs {@code metrics:read}. A bad token is refused at once (401), never treated as anonymous, so that a
 * client with an expired token gets a clear answer. Nothing is stored in a session.
 */
class BearerTokenFilter extends OncePerRequestFilter {

    private final ApiTokens tokens;
    private final AuditLog audit;
    private final ApiErrorWriter errors;

    BearerTokenFilter(ApiTokens tokens, AuditLog audit, ApiErrorWriter errors) {
        this.tokens = tokens;
        this.audit = audit;
        this.errors = errors;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            chain.doFilter(request, response);
            return;
        }
        String secret = header.substring(7).strip();
        Optional<Actor> actor = tokens.authenticate(secret);
        if (actor.isEmpty()) {
            audit.appendAnonymous("token:" + shown(secret), "token.rejected", "api_token", null,
                    Map.of("method", request.getMethod(), "path", request.getRequestURI()));
            errors.write(request, response, 401, "unauthenticated",
                    "the bearer token is unknown, expired or revoked, or its user is disabled");
            return;
        }
        String area = area(request);
        boolean write = !("GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod())
                || "OPTIONS".equals(request.getMethod()));
        if (area != null && !"me".equals(area) && !actor.get().hasScope(area, write)) {
            audit.append(actor.get(), "access.denied", "endpoint", request.getMethod() + " " + request.getRequestURI(),
                    null, Map.of("reason", "token lacks scope " + area + (write ? ":write" : ":read")));
            errors.write(request, response, 403, "forbidden",
                    "this token lacks the scope " + area + (write ? ":write" : ":read"));
            return;
        }
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(actor.get(), null,
                actor.get().roles().stream().map(r -> new SimpleGrantedAuthority(r.authority())).toList()));
        SecurityContextHolder.setContext(context);
        try {
            chain.doFilter(request, response);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    /** The scope area of the Prometheus endpoint ({@code metrics:read}). */
    static final String METRICS_AREA = "metrics";

    /** First path segment after /api/v1/, {@link #METRICS_AREA} for the metrics, or null for other paths. */
    static String area(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (path.equals(SecurityConfiguration.METRICS_PATH)) {
            return METRICS_AREA;
        }
        if (!path.startsWith("/api/v1/")) {
            return null;
        }
        String rest = path.substring("/api/v1/".length());
        int slash = rest.indexOf('/');
        return slash < 0 ? rest : rest.substring(0, slash);
    }

    /** What of a rejected token may be recorded: its public prefix, never the secret part. */
    private static String shown(String secret) {
        return secret.length() <= 12 ? "?" : Credentials.printable(secret.substring(0, 8));
    }
}
