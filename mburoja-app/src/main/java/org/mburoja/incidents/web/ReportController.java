package org.mburoja.incidents.web;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.mburoja.incidents.internal.CaseService;
import org.mburoja.incidents.internal.CaseViews;
import org.mburoja.incidents.internal.EvidenceService;
import org.mburoja.incidents.internal.ReportService;
import org.mburoja.incidents.internal.ReportViews;
import org.mburoja.kernel.Actor;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** Operators' incident reports: {@code /api/v1/incidents/reports}. */
@RestController
@RequestMapping("/api/v1/incidents/reports")
class ReportController {

    private final ReportService reports;
    private final CaseService cases;
    private final EvidenceService evidence;

    ReportController(ReportService reports, CaseService cases, EvidenceService evidence) {
        this.reports = reports;
        this.cases = cases;
        this.evidence = evidence;
    }

    @PostMapping
    ResponseEntity<ReportViews.Report> open(@AuthenticationPrincipal Actor actor, @RequestBody(required = false) ReportViews.NewReport in) {
        ReportViews.Report r = reports.open(actor, in);
        return ResponseEntity.created(URI.create("/api/v1/incidents/reports/" + r.id())).body(r);
    }

    @GetMapping
    List<ReportViews.Report> list(@AuthenticationPrincipal Actor actor) {
        return reports.list(actor);
    }

    @GetMapping("/{reportId}")
    ReportViews.Report get(@AuthenticationPrincipal Actor actor, @PathVariable("reportId") UUID id) {
        return reports.get(actor, id);
    }

    @PostMapping("/{reportId}/submissions")
    ResponseEntity<ReportViews.Receipt> submit(@AuthenticationPrincipal Actor actor, @PathVariable("reportId") UUID id,
                                               @RequestBody(required = false) ReportViews.NewSubmission in) {
        return ResponseEntity.status(201).body(reports.submit(actor, id, in));
    }

    @PostMapping("/{reportId}/intermediate-request")
    ReportViews.Report requestIntermediate(@AuthenticationPrincipal Actor actor, @PathVariable("reportId") UUID id,
                                           @RequestBody(required = false) ReportViews.IntermediateRequest in) {
        return reports.requestIntermediate(actor, id, in);
    }

    @PostMapping("/{reportId}/feedback")
    ResponseEntity<ReportViews.Receipt> feedback(@AuthenticationPrincipal Actor actor, @PathVariable("reportId") UUID id,
                                                 @RequestBody(required = false) ReportViews.Feedback in) {
        return ResponseEntity.status(201).body(reports.feedback(actor, id, in));
    }

    @PostMapping("/{reportId}/handling-ended")
    ReportViews.Report handlingEnded(@AuthenticationPrincipal Actor actor, @PathVariable("reportId") UUID id,
                                     @RequestBody(required = false) ReportViews.HandlingEnded in) {
        return reports.handlingEnded(actor, id, in);
    }

    @PostMapping("/{reportId}/case")
    ResponseEntity<CaseViews.Case> openCase(@AuthenticationPrincipal Actor actor, @PathVariable("reportId") UUID id) {
        CaseViews.Case c = cases.openFromReport(actor, id);
        return ResponseEntity.created(URI.create("/api/v1/incidents/cases/" + c.id())).body(c);
    }

    @PostMapping(path = "/{reportId}/attachments", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<CaseViews.Evidence> attach(@AuthenticationPrincipal Actor actor, @PathVariable("reportId") UUID id,
                                              @RequestPart("file") MultipartFile file,
                                              @RequestParam(name = "description", required = false) String description) throws IOException {
        return ResponseEntity.status(201).body(evidence.addToReport(actor, id, file.getOriginalFilename(),
                file.getContentType(), file.getBytes(), description));
    }

    @GetMapping("/{reportId}/attachments")
    List<CaseViews.Evidence> attachments(@AuthenticationPrincipal Actor actor, @PathVariable("reportId") UUID id) {
        return evidence.ofReport(actor, id);
    }
}
