package org.mburoja.identity.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.mburoja.audit.AuditLog;
import org.mburoja.kernel.Actor;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.csrf.CsrfException;

/**
 * Every permission denial of an authenticated user, by URL rule, method security or a module's own check
 * ({@link AccessDeniedException} thrown by a service), is appended to the audit log, then answered: JSON 403 for the
 * API, the error page for pages. A session that is still in a {@link LoginStage} is sent to that stage's page
 * instead: it has not been refused anything yet, it just is not done logging in.
 */
class AuditingAccessDeniedHandler implements AccessDeniedHandler {

    private final AuditLog audit;
    private final ApiErrorWriter errors;
    private final boolean api;

    AuditingAccessDeniedHandler(AuditLog audit, ApiErrorWriter errors, boolean api) {
        this.audit = audit;
        this.errors = errors;
        this.api = api;
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
            throws IOException {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        Optional<LoginStage> stage = LoginStage.of(auth);
        if (stage.isPresent() && !api) {
            response.sendRedirect(request.getContextPath() + stage.get().path());
            return;
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("reason", denied.getMessage() == null ? "access denied" : denied.getMessage());
        stage.ifPresent(s -> details.put("loginStage", s.name()));
        String endpoint = request.getMethod() + " " + request.getRequestURI();
        if (auth != null && auth.getPrincipal() instanceof Actor actor) {
            audit.append(actor, "access.denied", "endpoint", endpoint, null, details);
        } else {
            audit.appendAnonymous(auth == null ? null : auth.getName(), "access.denied", "endpoint", endpoint,
                    details);
        }
        if (api) {
            errors.write(request, response, 403, "forbidden",
                    stage.isPresent() ? "finish logging in first (" + stage.get().path() + ")"
                            : denied instanceof CsrfException
                            ? "the request's CSRF token is missing or no longer valid (a session that ended has "
                                    + "none): reload the page and try again, or send a bearer token"
                            : "you are not allowed to do this");
        } else {
            response.sendError(403);
        }
    }
}
