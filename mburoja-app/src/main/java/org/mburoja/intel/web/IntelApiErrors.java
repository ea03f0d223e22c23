package org.mburoja.intel.web;

import jakarta.servlet.http.HttpServletRequest;
import org.mburoja.intel.IntelAccessDenied;
import org.mburoja.intel.UnknownCollection;
import org.mburoja.kernel.Actor;
import org.mburoja.web.ApiError;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The intel JSON API's refusals in the platform's {@link ApiError} body, with what was wrong and where in the
 * message ({@code "limit: between 1 and 1000"}). The TAXII endpoints answer TAXII error objects instead
 * ({@code intel.taxii.TaxiiErrors}).
 */
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
    ResponseEntity<ApiError> unauthenticated(Unauthenticated e, HttpServletRequest req) {
        return ApiError.answer(401, "unauthenticated", e.getMessage(), req);
    }

    @ExceptionHandler(IntelAccessDenied.class)
    ResponseEntity<ApiError> denied(IntelAccessDenied e, HttpServletRequest req) {
        return ApiError.answer(403, "forbidden", e.getMessage(), req);
    }

    @ExceptionHandler(UnknownCollection.class)
    ResponseEntity<ApiError> unknown(UnknownCollection e, HttpServletRequest req) {
        return ApiError.answer(404, "not_found", e.getMessage(), req);
    }

    @ExceptionHandler(IntelApiController.BundleTooLarge.class)
    ResponseEntity<ApiError> tooLarge(IntelApiController.BundleTooLarge e, HttpServletRequest req) {
        return ApiError.answer(413, "too_large", e.getMessage(), req);
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<ApiError> invalid(IllegalArgumentException e, HttpServletRequest req) {
        return ApiError.answer(400, "invalid_input", e.getMessage(), req);
    }
}
