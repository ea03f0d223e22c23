package org.mburoja.web.internal;

import jakarta.servlet.MultipartConfigElement;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import org.mburoja.web.ApiError;
import org.mburoja.web.InvalidInputException;
import org.mburoja.web.UploadLimit;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.BindException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Turns failures of {@code /api} requests into {@link ApiError} bodies; requests outside {@code /api} are left to
 * the page error handling (the exception is rethrown unchanged). Unexpected exceptions are not handled here: they
 * become a 500 without details, so no internal message leaks to a client.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class ApiExceptionHandler {

    private final MultipartConfigElement multipart;
    private final ObjectProvider<UploadLimit> uploadLimits;

    ApiExceptionHandler(ObjectProvider<MultipartConfigElement> multipart, ObjectProvider<UploadLimit> uploadLimits) {
        this.multipart = multipart.getIfAvailable();
        this.uploadLimits = uploadLimits;
    }

    @ExceptionHandler(InvalidInputException.class)
    ResponseEntity<ApiError> invalid(InvalidInputException e, HttpServletRequest req) throws InvalidInputException {
        api(req, e);
        return body(400, "invalid_input", "the request was rejected; see fields", req, e.fields());
    }

    @ExceptionHandler(BindException.class)
    ResponseEntity<ApiError> binding(BindException e, HttpServletRequest req) throws BindException {
        api(req, e);
        List<ApiError.FieldError> fields = new ArrayList<>();
        e.getBindingResult().getFieldErrors().forEach(f -> fields.add(new ApiError.FieldError(f.getField(),
                f.getRejectedValue() == null ? null : String.valueOf(f.getRejectedValue()), f.getDefaultMessage())));
        e.getBindingResult().getGlobalErrors().forEach(g -> fields.add(new ApiError.FieldError(g.getObjectName(),
                null, g.getDefaultMessage())));
        return body(400, "invalid_input", "the request was rejected; see fields", req, fields);
    }

    @ExceptionHandler(HandlerMethodValidationException.class)
    ResponseEntity<ApiError> methodValidation(HandlerMethodValidationException e, HttpServletRequest req)
            throws HandlerMethodValidationException {
        api(req, e);
        List<ApiError.FieldError> fields = new ArrayList<>();
        e.getParameterValidationResults().forEach(r -> r.getResolvableErrors().forEach(err ->
                fields.add(new ApiError.FieldError(r.getMethodParameter().getParameterName(),
                        r.getArgument() == null ? null : String.valueOf(r.getArgument()),
                        err.getDefaultMessage()))));
        return body(400, "invalid_input", "the request was rejected; see fields", req, fields);
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ApiError> unreadable(HttpMessageNotReadableException e, HttpServletRequest req)
            throws HttpMessageNotReadableException {
        api(req, e);
        return body(400, "invalid_input", "the request body is not valid JSON of the expected shape", req,
                List.of(new ApiError.FieldError("body", null, firstLine(e.getMostSpecificCause().getMessage()))));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ApiError> mismatch(MethodArgumentTypeMismatchException e, HttpServletRequest req)
            throws MethodArgumentTypeMismatchException {
        api(req, e);
        return body(400, "invalid_input", "a parameter has the wrong type", req, List.of(new ApiError.FieldError(
                e.getName(), e.getValue() == null ? null : String.valueOf(e.getValue()),
                "expected " + (e.getRequiredType() == null ? "another type" : e.getRequiredType().getSimpleName()))));
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<ApiError> missing(MissingServletRequestParameterException e, HttpServletRequest req)
            throws MissingServletRequestParameterException {
        api(req, e);
        return body(400, "invalid_input", "a required parameter is missing", req,
                List.of(new ApiError.FieldError(e.getParameterName(), null, "required")));
    }

    /** The container's limit, met while it read the body: a request that announced no length, or a larger one. */
    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ResponseEntity<ApiError> tooLarge(MaxUploadSizeExceededException e, HttpServletRequest req)
            throws MaxUploadSizeExceededException {
        api(req, e);
        String own = UploadLimit.of(uploadLimits.orderedStream().toList(), req)
                .map(l -> "; this endpoint takes a file of " + l.describe()).orElse("");
        return body(413, "too_large", "the upload is larger than this server reads from one request ("
                + multipartLimits() + "); nothing of it was processed" + own, req, List.of());
    }

    /**
     * The body is labelled multipart but cannot be parsed as such: no boundary, a broken part. (A part over the limit
     * is {@link MaxUploadSizeExceededException}, a subtype, answered above.)
     */
    @ExceptionHandler(MultipartException.class)
    ResponseEntity<ApiError> notMultipart(MultipartException e, HttpServletRequest req) throws MultipartException {
        api(req, e);
        return body(400, "invalid_input", "the request body is not readable multipart/form-data", req,
                List.of(new ApiError.FieldError("body", null, firstLine(e.getMostSpecificCause().getMessage()))));
    }

    @ExceptionHandler(MissingServletRequestPartException.class)
    ResponseEntity<ApiError> missingPart(MissingServletRequestPartException e, HttpServletRequest req)
            throws MissingServletRequestPartException {
        api(req, e);
        String part = e.getRequestPartName();
        return body(400, "invalid_input", "the multipart request has no part '" + part + "'", req,
                List.of(new ApiError.FieldError(part, null, "required: send the file as the multipart part '"
                        + part + "' (the form field's name)")));
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<ApiError> notFound(NoResourceFoundException e, HttpServletRequest req)
            throws NoResourceFoundException {
        api(req, e);
        return body(404, "not_found", "no such endpoint", req, List.of());
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ApiError> method(HttpRequestMethodNotSupportedException e, HttpServletRequest req)
            throws HttpRequestMethodNotSupportedException {
        api(req, e);
        return body(405, "method_not_allowed", e.getMessage(), req, List.of());
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ApiError> mediaType(HttpMediaTypeNotSupportedException e, HttpServletRequest req)
            throws HttpMediaTypeNotSupportedException {
        api(req, e);
        String takes = e.getSupportedMediaTypes().isEmpty() ? ""
                : "; this endpoint takes " + MediaType.toString(e.getSupportedMediaTypes());
        return body(415, "unsupported_media_type", e.getMessage() + takes, req, List.of());
    }

    /** Rethrows for non-API requests, so pages keep their own error handling. */
    private static <E extends Exception> void api(HttpServletRequest req, E e) throws E {
        if (!req.getRequestURI().startsWith(req.getContextPath() + "/api/")) {
            throw e;
        }
    }

    private static ResponseEntity<ApiError> body(int status, String code, String message, HttpServletRequest req,
                                                 List<ApiError.FieldError> fields) {
        return ApiError.answer(status, code, message, req, fields);
    }

    /** {@code at most 67,108,864 bytes (64 MiB), spring.servlet.multipart.max-request-size} or the two limits. */
    private String multipartLimits() {
        if (multipart == null) {
            return "multipart uploads are off";
        }
        long file = multipart.getMaxFileSize();
        long request = multipart.getMaxRequestSize();
        if (file == request || file < 0) {
            return "at most " + UploadLimit.size(request) + ", spring.servlet.multipart.max-request-size";
        }
        return "a file of at most " + UploadLimit.size(file) + ", spring.servlet.multipart.max-file-size, in a "
                + "request of at most " + UploadLimit.size(request) + ", max-request-size";
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unreadable";
        }
        int nl = s.indexOf('\n');
        String line = nl < 0 ? s : s.substring(0, nl);
        return line.length() > 300 ? line.substring(0, 300) : line;
    }
}
