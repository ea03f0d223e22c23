package org.mburoja.operators.web;

import java.util.List;
import org.mburoja.operators.FieldProblem;
import org.mburoja.operators.InvalidOperatorException;
import org.mburoja.operators.OperatorNotFoundException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MultipartException;

/**
 * Turns the registry's refusals into {@code {"error": ..., "fields": [{"field": ..., "message": ...}]}}. Access
 * refusals are left to Spring Security (403, audited there).
 */
@RestControllerAdvice(assignableTypes = {OperatorApi.class, ConstituencyApi.class})
class OperatorApiErrors {

    @ExceptionHandler(InvalidOperatorException.class)
    ResponseEntity<ApiError> invalid(InvalidOperatorException e) {
        return ResponseEntity.badRequest().body(new ApiError("invalid operator record", e.problems()));
    }

    @ExceptionHandler(OperatorNotFoundException.class)
    ResponseEntity<ApiError> notFound(OperatorNotFoundException e) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(ApiError.of(e.getMessage()));
    }

    /** Two writers raced for the same NIPT or name; the loser's transaction rolled back. */
    @ExceptionHandler(DataIntegrityViolationException.class)
    ResponseEntity<ApiError> conflict(DataIntegrityViolationException e) {
        return ResponseEntity.status(HttpStatus.CONFLICT)
                .body(ApiError.of("the record conflicts with a change made at the same time; reload and retry"));
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ApiError> unreadable(HttpMessageNotReadableException e) {
        return ResponseEntity.badRequest().body(ApiError.of("the request body is not a valid JSON operator record"));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ApiError> mismatch(MethodArgumentTypeMismatchException e) {
        return ResponseEntity.badRequest().body(new ApiError("bad parameter",
                List.of(new FieldProblem(e.getName(), "'" + shorten(String.valueOf(e.getValue())) + "' is not valid"))));
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<ApiError> missing(MissingServletRequestParameterException e) {
        return ResponseEntity.badRequest().body(new ApiError("missing parameter",
                List.of(new FieldProblem(e.getParameterName(), "is required"))));
    }

    @ExceptionHandler(MultipartException.class)
    ResponseEntity<ApiError> multipart(MultipartException e) {
        return ResponseEntity.badRequest().body(ApiError.of("the upload could not be read (too large or not a file)"));
    }

    @ExceptionHandler(LookupQueryException.class)
    ResponseEntity<ApiError> lookup(LookupQueryException e) {
        return ResponseEntity.badRequest().body(new ApiError("invalid lookup",
                List.of(new FieldProblem(e.field, e.getMessage()))));
    }

    private static String shorten(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "..." : s;
    }

    /** A constituency query that is not an address, a name or an AS number. */
    static final class LookupQueryException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final String field;

        LookupQueryException(String field, String message) {
            super(message);
            this.field = field;
        }
    }
}
