package org.mburoja.intel.taxii;

import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import org.mburoja.intel.IntelAccessDenied;
import org.mburoja.intel.UnknownCollection;
import org.mburoja.intel.internal.StixJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Renders every failure of the TAXII endpoints as a TAXII error object in the TAXII media type. */
@RestControllerAdvice(basePackageClasses = TaxiiErrors.class)
class TaxiiErrors {

    private static final Logger LOG = LoggerFactory.getLogger(TaxiiErrors.class);

    @ExceptionHandler(TaxiiException.class)
    ResponseEntity<byte[]> taxii(TaxiiException e) {
        return error(e.status(), e.title(), e.getMessage());
    }

    @ExceptionHandler(IntelAccessDenied.class)
    ResponseEntity<byte[]> denied(IntelAccessDenied e) {
        return error(403, "Forbidden", e.getMessage());
    }

    @ExceptionHandler(UnknownCollection.class)
    ResponseEntity<byte[]> unknown(UnknownCollection e) {
        return error(404, "Not found", e.getMessage());
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<byte[]> invalid(IllegalArgumentException e) {
        return error(400, "Bad request", e.getMessage());
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<byte[]> unexpected(Exception e, HttpServletResponse response) {
        if (e instanceof ErrorResponse known) {
            int status = known.getStatusCode().value();
            return error(status, "HTTP " + status, known.getBody().getDetail());
        }
        LOG.error("TAXII request failed", e);
        return error(500, "Internal error", "the server could not complete the request");
    }

    static ResponseEntity<byte[]> error(int status, String title, String description) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", title);
        body.put("description", description);
        body.put("http_status", String.valueOf(status));
        return TaxiiMedia.ok(status).body(StixJson.MAPPER.writeValueAsBytes(body));
    }
}
