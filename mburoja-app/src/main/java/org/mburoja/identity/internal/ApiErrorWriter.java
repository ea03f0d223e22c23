package org.mburoja.identity.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.mburoja.web.ApiError;
import org.springframework.http.MediaType;
import tools.jackson.databind.json.JsonMapper;

/** Writes an {@link ApiError} from the security filters, which run before Spring MVC's exception handling. */
class ApiErrorWriter {

    private final JsonMapper json;

    ApiErrorWriter(JsonMapper json) {
        this.json = json;
    }

    void write(HttpServletRequest request, HttpServletResponse response, int status, String error, String message)
            throws IOException {
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        if (status == 401) {
            response.setHeader("WWW-Authenticate", "Bearer realm=\"mburoja\"");
        }
        json.writeValue(response.getOutputStream(), ApiError.of(status, error, message, request.getRequestURI()));
    }
}
