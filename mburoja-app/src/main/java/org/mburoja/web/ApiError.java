package org.mburoja.web;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * The JSON body of every error answer under {@code /api}: the status, a short machine-readable code, a sentence for
 * people, the request path and, for 400, one entry per rejected field so a client can show each problem where it
 * belongs. Modules signal field errors by throwing {@link InvalidInputException}; bean-validation failures and
 * unreadable JSON are turned into this shape as well. A module's own {@code @ExceptionHandler} answers with
 * {@link #answer}; a servlet filter, which runs before Spring MVC, writes the same record as the same JSON.
 *
 * @param status  HTTP status code
 * @param error   stable code: {@code invalid_input}, {@code unauthenticated}, {@code forbidden}, {@code not_found},
 *                {@code conflict}, {@code method_not_allowed}, {@code unsupported_media_type}, {@code too_large},
 *                {@code service_unavailable}
 * @param message human-readable summary
 * @param path    request path
 * @param fields  field-level problems (empty unless {@code invalid_input})
 */
public record ApiError(Instant timestamp, int status, String error, String message, String path,
                       List<FieldError> fields) {

    public ApiError {
        fields = fields == null ? List.of() : List.copyOf(fields);
    }

    public static ApiError of(int status, String error, String message, String path) {
        return new ApiError(Instant.now(), status, error, message, path, List.of());
    }

    /** The answer of an exception handler of {@code request}, with no field errors. */
    public static ResponseEntity<ApiError> answer(int status, String error, String message,
                                                  HttpServletRequest request) {
        return answer(status, error, message, request, List.of());
    }

    /**
     * The answer of an exception handler of {@code request}: this body, labelled {@code application/json} whatever
     * the request accepts. Content negotiation would otherwise pick the endpoint's own type or fail: the 404 of a
     * PDF download, asked for with {@code Accept: application/pdf}, became a 500 with no body.
     */
    public static ResponseEntity<ApiError> answer(int status, String error, String message,
                                                  HttpServletRequest request, List<FieldError> fields) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON)
                .body(new ApiError(Instant.now(), status, error, message, request.getRequestURI(), fields));
    }

    /**
     * One rejected field.
     *
     * @param field    the field's name as the client sent it, dotted for nested ones ({@code contacts[0].email});
     *                 a CSV import can use {@code line 12: nipt}
     * @param rejected the value that was rejected, shortened to 200 characters (never a secret)
     * @param reason   why, in a sentence
     */
    public record FieldError(String field, String rejected, String reason) {

        public FieldError {
            if (rejected != null && rejected.length() > 200) {
                rejected = rejected.substring(0, 200) + "...";
            }
        }
    }
}
