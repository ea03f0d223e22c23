package org.mburoja.intel.taxii;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
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
 * Authenticates TAXII clients by API token, presented as {@code Authorization: Bearer <token>}, as
 * {@code Authorization: Token <token>} (the {@code TokenAuth} of the OASIS {@code taxii2-client}), or, for clients
 * that only speak HTTP Basic, as {@code Basic} with the user name and the token as password; the user name must be
 * the token owner's. Passwords of user accounts are never
 * accepted here: a machine credential is a token that can be scoped ({@code intel:read}, {@code intel:write}) and
 * revoked. A bad credential is refused at once with a TAXII error (401) and audited; nothing is kept in a session.
 */
class TaxiiAuthentication extends OncePerRequestFilter {

    private final ApiTokens tokens;
    private final AuditLog audit;

    TaxiiAuthentication(ApiTokens tokens, AuditLog audit) {
        this.tokens = tokens;
        this.audit = audit;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        if (header == null) {
            chain.doFilter(request, response);
            return;
        }
        Optional<Actor> actor;
        String shown;
        int scheme = header.regionMatches(true, 0, "Bearer ", 0, 7) ? 7
                : header.regionMatches(true, 0, "Token ", 0, 6) ? 6 : 0;
        if (scheme > 0) {
            String secret = header.substring(scheme).strip();
            shown = "token:" + prefix(secret);
            actor = tokens.authenticate(secret);
        } else if (header.regionMatches(true, 0, "Basic ", 0, 6)) {
            String[] userAndToken = basic(header.substring(6).strip());
            shown = userAndToken == null ? "basic:?" : "basic:" + cut(userAndToken[0]);
            actor = userAndToken == null ? Optional.empty() : tokens.authenticate(userAndToken[1])
                    .filter(a -> a.username().equalsIgnoreCase(userAndToken[0]));
        } else {
            shown = "scheme:?";
            actor = Optional.empty();
        }
        if (actor.isEmpty()) {
            audit.appendAnonymous(shown, "taxii.authentication.failure", "endpoint", null,
                    Map.of("method", request.getMethod(), "path", cut(request.getRequestURI())));
            unauthorized(response, "the credentials are unknown, expired or revoked; send an API token as "
                    + "'Authorization: Bearer <token>' (or 'Token <token>') or as the password of HTTP Basic");
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

    static void unauthorized(HttpServletResponse response, String description) throws IOException {
        response.setStatus(401);
        response.setHeader("WWW-Authenticate",
                "Basic realm=\"taxii\", Bearer realm=\"taxii\", Token realm=\"taxii\"");
        response.setContentType(TaxiiMedia.TAXII);
        response.getOutputStream().write(TaxiiErrors.error(401, "Unauthorized", description).getBody());
    }

    private static String[] basic(String encoded) {
        try {
            String decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon <= 0 ? null : new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The public prefix of a token, never its secret part. */
    private static String prefix(String secret) {
        return secret.length() <= 12 ? "?" : secret.substring(0, 8);
    }

    private static String cut(String s) {
        return s.length() <= 100 ? s : s.substring(0, 100);
    }
}
