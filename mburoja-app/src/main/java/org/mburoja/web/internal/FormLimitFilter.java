package org.mburoja.web.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A form post that the servlet container will not read, because it is larger than its form limit
 * ({@code server.tomcat.max-http-form-post-size}, 2 MB by default) or has more fields than it takes, makes Tomcat
 * throw when the parameters are first asked for: the user then sees Tomcat's own bare "413 Payload Too Large" page
 * or a JSON error, in English only, which tells nothing of the cause (most often a large paste into the match page:
 * JSON takes up to three times its characters once encoded for sending) or of what to do. Ahead of the security
 * chain, this filter asks for them first and answers such a post with the same status, the limit and what to do
 * instead, in English and Albanian. The limit stays: the container reads a form whole into memory, before any
 * login, so a larger one would let anyone hold that much memory per connection.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
class FormLimitFilter extends OncePerRequestFilter {

    private final DataSize limit;

    FormLimitFilter(@Value("${server.tomcat.max-http-form-post-size:2MB}") DataSize limit) {
        this.limit = limit;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if ("POST".equals(request.getMethod()) && isForm(request.getContentType())) {
            int refused = 0;
            try {
                request.getParameterNames(); // the container reads the form now, as the CSRF check would next
            } catch (InvalidParameterException e) { // Tomcat's: the form was not read, with the status it would send
                refused = e.getErrorCode();
            }
            if (refused == HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE) {
                refuse(response, refused, String.format(Locale.ROOT, """
                        413: the form is larger than this server reads from a form (%,d bytes once encoded for \
                        sending; pasted JSON takes up to three times its characters). Nothing of it was \
                        processed. Send less at a time, or use the API for large inputs (for the match page: \
                        POST /api/v1/intel/match, or mburoja stix match).
                        Formulari është më i madh se sa lexon ky server nga një formular (%,d bajte pasi kodohet \
                        për dërgim). Asgjë prej tij nuk u përpunua. Dërgoni më pak njëherësh, ose përdorni \
                        API-në për të dhëna të mëdha.
                        """, limit.toBytes(), limit.toBytes()));
                return;
            }
            if (refused == HttpServletResponse.SC_BAD_REQUEST) {
                refuse(response, refused, """
                        400: the form has more fields than this server reads from a form, or cannot be decoded; \
                        nothing of it was processed.
                        Formulari ka më shumë fusha se sa lexon ky server, ose nuk mund të dekodohet; asgjë prej \
                        tij nuk u përpunua.
                        """);
                return;
            }
        }
        chain.doFilter(request, response);
    }

    private static boolean isForm(String contentType) {
        return contentType != null
                && contentType.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded");
    }

    private static void refuse(HttpServletResponse response, int status, String text) throws IOException {
        response.setStatus(status);
        response.setContentType("text/plain;charset=UTF-8");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Content-Security-Policy", "default-src 'none'");
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Connection", "close"); // the rest of the body is not read
        response.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
    }
}
