package org.mburoja.operators.web;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import org.mburoja.operators.FieldProblem;
import org.mburoja.operators.ImportReport;
import org.mburoja.operators.InvalidOperatorException;
import org.mburoja.operators.OperatorNotFoundException;
import org.mburoja.web.ApiError;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The registry API's own refusals in the platform's {@link ApiError} body, one field error per problem. Access
 * refusals are left to Spring Security (403, audited there); unreadable JSON, wrong parameter types and uploads
 * that cannot be read (not multipart, no part {@code file}, over the limit) are answered by the platform's handler,
 * which sees them first: an upload is parsed before any controller is chosen, so an advice bound to this API's
 * controllers would never see its failures.
 */
@RestControllerAdvice(assignableTypes = {OperatorApi.class, ConstituencyApi.class})
class OperatorApiErrors {

    @ExceptionHandler(InvalidOperatorException.class)
    ResponseEntity<ApiError> invalid(InvalidOperatorException e, HttpServletRequest req) {
        return ApiError.answer(400, "invalid_input", "the operator record was rejected; see fields", req,
                fields(e.problems(), ""));
    }

    @ExceptionHandler(OperatorNotFoundException.class)
    ResponseEntity<ApiError> notFound(OperatorNotFoundException e, HttpServletRequest req) {
        return ApiError.answer(404, "not_found", e.getMessage(), req);
    }

    /** Two writers raced for the same NIPT or name; the loser's transaction rolled back. */
    @ExceptionHandler(DataIntegrityViolationException.class)
    ResponseEntity<ApiError> conflict(DataIntegrityViolationException e, HttpServletRequest req) {
        return ApiError.answer(409, "conflict",
                "the record conflicts with a change made at the same time; reload and retry", req);
    }

    @ExceptionHandler(LookupQueryException.class)
    ResponseEntity<ApiError> lookup(LookupQueryException e, HttpServletRequest req) {
        return ApiError.answer(400, "invalid_input", e.field + ": " + e.getMessage(), req,
                List.of(new ApiError.FieldError(e.field, null, e.getMessage())));
    }

    /** The error body, with the import's report of every row beside it (as {@code "report"}). */
    @ExceptionHandler(ImportRefused.class)
    ResponseEntity<ImportRefusal> importRefused(ImportRefused e, HttpServletRequest req) {
        List<ApiError.FieldError> fields = new ArrayList<>();
        for (ImportReport.Row r : e.report.outcomes()) {
            fields.addAll(fields(r.problems(), "line " + r.line() + ": "));
        }
        return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_JSON).body(new ImportRefusal(
                ApiError.answer(400, "invalid_input", e.getMessage(), req, fields).getBody(), e.report));
    }

    private static List<ApiError.FieldError> fields(List<FieldProblem> problems, String prefix) {
        return problems.stream().map(p -> new ApiError.FieldError(prefix + p.field(), null, p.message())).toList();
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

    /** An import that wrote nothing: the file, or a row in all-or-nothing mode, was refused. */
    static final class ImportRefused extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final transient ImportReport report;

        ImportRefused(ImportReport report) {
            super(report.error() != null ? report.error()
                    : report.rejected() + " rows were rejected; nothing was imported", null, false, false);
            this.report = report;
        }
    }

    /** An {@link ApiError} with one more property, {@code report}. */
    record ImportRefusal(@JsonUnwrapped ApiError error, ImportReport report) {
    }
}
