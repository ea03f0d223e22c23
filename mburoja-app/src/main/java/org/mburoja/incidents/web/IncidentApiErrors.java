package org.mburoja.incidents.web;

import java.util.List;
import java.util.Map;
import org.mburoja.incidents.internal.ForbiddenException;
import org.mburoja.incidents.internal.InvalidInputException;
import org.mburoja.incidents.internal.NotFoundException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;

/**
 * Errors of the incidents API as {@code {"error": ..., "fields": [{"field": ..., "message": ...}]}}. Malformed JSON
 * says where it broke, without echoing the input back.
 */
@RestControllerAdvice(basePackageClasses = IncidentApiErrors.class)
class IncidentApiErrors {

    record FieldError(String field, String message) {
    }

    record ApiError(String error, List<FieldError> fields) {
    }

    @ExceptionHandler(InvalidInputException.class)
    ResponseEntity<ApiError> invalid(InvalidInputException e) {
        return ResponseEntity.badRequest().body(new ApiError("validation failed",
                e.fields().stream().map(f -> new FieldError(f.field(), f.message())).toList()));
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ApiError> unreadable(HttpMessageNotReadableException e) {
        String where = e.getMostSpecificCause() instanceof tools.jackson.core.JacksonException je
                ? pathOf(je) : "body";
        String msg = e.getMostSpecificCause() instanceof tools.jackson.core.JacksonException je
                ? je.getOriginalMessage() : "request body missing or not JSON";
        if (msg != null && msg.length() > 300) {
            msg = msg.substring(0, 300);
        }
        return ResponseEntity.badRequest().body(new ApiError("malformed request body", List.of(new FieldError(where, msg))));
    }

    private static String pathOf(tools.jackson.core.JacksonException e) {
        StringBuilder sb = new StringBuilder();
        for (var ref : e.getPath()) {
            if (ref.getPropertyName() != null) {
                sb.append(sb.isEmpty() ? "" : ".").append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.isEmpty() ? "body" : sb.toString();
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ApiError> mismatch(MethodArgumentTypeMismatchException e) {
        return ResponseEntity.badRequest().body(new ApiError("validation failed",
                List.of(new FieldError(e.getName(), "not a valid " + (e.getRequiredType() == null ? "value" : e.getRequiredType().getSimpleName())))));
    }

    @ExceptionHandler({MissingServletRequestPartException.class, MissingServletRequestParameterException.class})
    ResponseEntity<ApiError> missing(Exception e) {
        String name = e instanceof MissingServletRequestPartException p ? p.getRequestPartName()
                : ((MissingServletRequestParameterException) e).getParameterName();
        return ResponseEntity.badRequest().body(new ApiError("validation failed", List.of(new FieldError(name, "required"))));
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ResponseEntity<ApiError> tooLarge(MaxUploadSizeExceededException e) {
        return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).body(new ApiError("upload too large",
                List.of(new FieldError("file", "exceeds the server's upload limit"))));
    }

    @ExceptionHandler(NotFoundException.class)
    ResponseEntity<Map<String, String>> notFound(NotFoundException e) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("error", e.getMessage()));
    }

    @ExceptionHandler(ForbiddenException.class)
    ResponseEntity<Map<String, String>> forbidden(ForbiddenException e) {
        return ResponseEntity.status(HttpStatus.FORBIDDEN).body(Map.of("error", e.getMessage()));
    }
}
