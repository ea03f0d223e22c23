package org.mburoja.incidents.web;

import jakarta.servlet.http.HttpServletRequest;
import org.mburoja.incidents.internal.InvalidInputException;
import org.mburoja.incidents.internal.NotFoundException;
import org.mburoja.web.ApiError;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The incidents API's own refusals in the platform's {@link ApiError} shape: 400 with one entry per field, and 404
 * for objects that do not exist or that the actor may not see. Malformed JSON, wrong parameter types and upload
 * limits are answered by the platform's handler; refusals by role ({@link org.mburoja.incidents.internal.ForbiddenException})
 * go through Spring Security so they are audited.
 */
@RestControllerAdvice(basePackageClasses = IncidentApiErrors.class)
class IncidentApiErrors {

    @ExceptionHandler(InvalidInputException.class)
    ResponseEntity<ApiError> invalid(InvalidInputException e, HttpServletRequest req) {
        return ApiError.answer(400, "invalid_input", "the request was rejected; see fields", req,
                e.fields().stream().map(f -> new ApiError.FieldError(f.field(), null, f.message())).toList());
    }

    @ExceptionHandler(NotFoundException.class)
    ResponseEntity<ApiError> notFound(NotFoundException e, HttpServletRequest req) {
        return ApiError.answer(404, "not_found", e.getMessage(), req);
    }
}
