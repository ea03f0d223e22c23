package org.mburoja.leaks.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.UUID;
import org.mburoja.kernel.Actor;
import org.mburoja.kernel.OrganisationId;
import org.mburoja.leaks.Breach;
import org.mburoja.leaks.BreachRecords;
import org.mburoja.leaks.LeakAccessDenied;
import org.mburoja.leaks.LeakScanJobs;
import org.mburoja.leaks.ScanJob;
import org.mburoja.leaks.ValuesUnavailable;
import org.mburoja.web.ApiError;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/leaks}: scan jobs and breach records. The caller is the authenticated {@link Actor} (the
 * principal the identity module puts in the security context for sessions and API tokens). Uploads are the raw
 * request body ({@code application/octet-stream}, any size, streamed to disk encrypted), not multipart, so a
 * multi-gigabyte dump never passes through memory or the multipart size limit.
 */
@RestController
@RequestMapping("/api/v1/leaks")
class LeaksApi {

    private final LeakScanJobs scans;
    private final BreachRecords breaches;

    LeaksApi(LeakScanJobs scans, BreachRecords breaches) {
        this.scans = scans;
        this.breaches = breaches;
    }

    @PostMapping(path = "/scans", consumes = MediaType.APPLICATION_OCTET_STREAM_VALUE)
    ResponseEntity<ScanJob> upload(@AuthenticationPrincipal Actor actor, @RequestParam String name,
                                   @RequestParam(defaultValue = "false") boolean keepDump,
                                   HttpServletRequest request) {
        try {
            ScanJob job = scans.submitUpload(actor, name, request.getInputStream(), keepDump,
                    request.getContentLengthLong());
            return ResponseEntity.status(HttpStatus.ACCEPTED).body(job);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Body: {@code {"path": "relative/to/import-dir.sql.gz"}}. */
    @PostMapping(path = "/scans/server-path", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<ScanJob> serverPath(@AuthenticationPrincipal Actor actor, @RequestBody Map<String, String> body) {
        String path = body.get("path");
        if (path == null || path.isBlank()) {
            throw new IllegalArgumentException("path is required");
        }
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(scans.submitServerPath(actor, path));
    }

    @GetMapping("/scans")
    List<ScanJob> scans(@AuthenticationPrincipal Actor actor, @RequestParam(defaultValue = "50") int limit) {
        return scans.list(actor, limit);
    }

    @GetMapping("/scans/{id}")
    ScanJob scan(@AuthenticationPrincipal Actor actor, @PathVariable UUID id) {
        return scans.find(actor, id).orElseThrow(() -> new NoSuchElementException("no scan job " + id));
    }

    @GetMapping(path = "/scans/{id}/report", produces = MediaType.APPLICATION_JSON_VALUE)
    String report(@AuthenticationPrincipal Actor actor, @PathVariable UUID id) {
        String json = scans.report(actor, id).orElseThrow(() -> new NoSuchElementException("no scan job " + id));
        if (json == null) {
            throw new NoSuchElementException("scan job " + id + " has no report yet");
        }
        return json;
    }

    /** Body of {@code POST /scans/{id}/values}: why the unmasked values are needed (kept in the audit log). */
    record ValuesRequest(String reason) {
    }

    /**
     * Every value of a finished scan, unmasked, as JSON lines ({@code application/x-ndjson}), read again from the
     * kept dump: for notifying the people affected. Needs {@code leaks:write} and a reason; audited.
     */
    @PostMapping(path = "/scans/{id}/values", consumes = MediaType.APPLICATION_JSON_VALUE)
    void values(@AuthenticationPrincipal Actor actor, @PathVariable UUID id, @RequestBody ValuesRequest body,
                HttpServletResponse response) throws IOException {
        LeakPages.download(id, scans.values(actor, id, body == null ? null : body.reason()), response);
    }

    /** Body of {@code POST /breaches}. */
    record OpenBreach(String title, String source, Instant discoveredAt, UUID controllerOrganisation,
                      String controllerName, UUID scanJobId) {
    }

    @PostMapping(path = "/breaches", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Breach> open(@AuthenticationPrincipal Actor actor, @RequestBody OpenBreach b) {
        Breach created = breaches.open(actor, new BreachRecords.NewBreach(b.title(), b.source(), b.discoveredAt(),
                b.controllerOrganisation() == null ? null : new OrganisationId(b.controllerOrganisation()),
                b.controllerName(), b.scanJobId()));
        return ResponseEntity.status(HttpStatus.CREATED).body(created);
    }

    @GetMapping("/breaches")
    List<Breach> breaches(@AuthenticationPrincipal Actor actor, @RequestParam(defaultValue = "50") int limit) {
        return breaches.list(actor, limit);
    }

    @GetMapping("/breaches/{id}")
    Breach breach(@AuthenticationPrincipal Actor actor, @PathVariable UUID id) {
        return breaches.find(actor, id).orElseThrow(() -> new NoSuchElementException("no breach record " + id));
    }

    /** Body of {@code POST /breaches/{id}/decisions}. */
    record Decide(Breach.DecisionKind kind, String note) {
    }

    @PostMapping(path = "/breaches/{id}/decisions", consumes = MediaType.APPLICATION_JSON_VALUE)
    Breach decide(@AuthenticationPrincipal Actor actor, @PathVariable UUID id, @RequestBody Decide d) {
        if (d.kind() == null) {
            throw new IllegalArgumentException("kind is required: one of " + List.of(Breach.DecisionKind.values()));
        }
        return breaches.decide(actor, id, d.kind(), d.note());
    }

    // errors in the platform's API error body (org.mburoja.web.ApiError): a code, the message, the path

    @ExceptionHandler(LeakAccessDenied.class)
    ResponseEntity<ApiError> denied(LeakAccessDenied e, HttpServletRequest req) {
        return ApiError.answer(403, "forbidden", e.getMessage(), req);
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<ApiError> bad(IllegalArgumentException e, HttpServletRequest req) {
        return ApiError.answer(400, "invalid_input", e.getMessage(), req);
    }

    @ExceptionHandler(ValuesUnavailable.class)
    ResponseEntity<ApiError> conflict(ValuesUnavailable e, HttpServletRequest req) {
        return ApiError.answer(409, "conflict", e.getMessage(), req);
    }

    @ExceptionHandler(NoSuchElementException.class)
    ResponseEntity<ApiError> missing(NoSuchElementException e, HttpServletRequest req) {
        return ApiError.answer(404, "not_found", e.getMessage(), req);
    }
}
