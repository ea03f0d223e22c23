package org.mburoja.intel.web;

import java.util.LinkedHashMap;
import java.util.Map;
import org.mburoja.intel.IntelAccessDenied;
import org.mburoja.intel.UnknownCollection;
import org.mburoja.kernel.Actor;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Error bodies of the intel JSON API: {@code {"status", "error", "message"}} with what was wrong and where. */
@RestControllerAdvice(basePackageClasses = IntelApiErrors.class)
class IntelApiErrors {

    static void requireActor(Actor actor) {
        if (actor == null) {
            throw new Unauthenticated();
        }
    }

    static final class Unauthenticated extends RuntimeException {
        Unauthenticated() {
            super("authentication required", null, false, false);
        }
    }

    @ExceptionHandler(Unauthenticated.class)
    ResponseEntity<Map<String, Object>> unauthenticated(Unauthenticated e) {
        return body(HttpStatus.UNAUTHORIZED, e.getMessage());
    }

    @ExceptionHandler(IntelAccessDenied.class)
    ResponseEntity<Map<String, Object>> denied(IntelAccessDenied e) {
        return body(HttpStatus.FORBIDDEN, e.getMessage());
    }

    @ExceptionHandler(UnknownCollection.class)
    ResponseEntity<Map<String, Object>> unknown(UnknownCollection e) {
        return body(HttpStatus.NOT_FOUND, e.getMessage());
    }

    @ExceptionHandler(IntelApiController.BundleTooLarge.class)
    ResponseEntity<Map<String, Object>> tooLarge(IntelApiController.BundleTooLarge e) {
        return body(HttpStatus.CONTENT_TOO_LARGE, e.getMessage());
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<Map<String, Object>> invalid(IllegalArgumentException e) {
        return body(HttpStatus.BAD_REQUEST, e.getMessage());
    }

    private static ResponseEntity<Map<String, Object>> body(HttpStatus status, String message) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", status.value());
        m.put("error", status.getReasonPhrase());
        m.put("message", message);
        return ResponseEntity.status(status).body(m);
    }
}
