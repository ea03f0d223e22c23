package org.mburoja.incidents.web;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.mburoja.incidents.internal.CaseExports;
import org.mburoja.incidents.internal.CaseService;
import org.mburoja.incidents.internal.CaseViews;
import org.mburoja.incidents.internal.CaseWorkService;
import org.mburoja.incidents.internal.EvidenceService;
import org.mburoja.kernel.Actor;
import org.mburoja.web.UploadLimit;
import org.springframework.context.annotation.Bean;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** CSIRT cases: {@code /api/v1/incidents/cases}. */
@RestController
@RequestMapping("/api/v1/incidents/cases")
class CaseController {

    private final CaseService cases;
    private final CaseWorkService work;
    private final EvidenceService evidence;
    private final CaseExports exports;

    CaseController(CaseService cases, CaseWorkService work, EvidenceService evidence, CaseExports exports) {
        this.cases = cases;
        this.work = work;
        this.evidence = evidence;
        this.exports = exports;
    }

    @GetMapping(path = "/{caseId}/stix", produces = {"application/stix+json;version=2.1", MediaType.APPLICATION_JSON_VALUE})
    java.util.Map<String, Object> stix(@AuthenticationPrincipal Actor actor, @PathVariable("caseId") UUID id) {
        return exports.stix(actor, id);
    }

    @GetMapping(path = "/{caseId}/report.pdf", produces = MediaType.APPLICATION_PDF_VALUE)
    ResponseEntity<byte[]> pdf(@AuthenticationPrincipal Actor actor, @PathVariable("caseId") UUID id) {
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename("case-" + id + ".pdf").build().toString())
                .contentType(MediaType.APPLICATION_PDF).body(exports.pdf(actor, id));
    }

    @PostMapping
    ResponseEntity<CaseViews.Case> open(@AuthenticationPrincipal Actor actor, @RequestBody(required = false) CaseViews.NewCase in) {
        CaseViews.Case c = cases.open(actor, in);
        return ResponseEntity.created(URI.create("/api/v1/incidents/cases/" + c.id())).body(c);
    }

    @PostMapping("/bulk")
    List<CaseViews.Case> bulk(@AuthenticationPrincipal Actor actor, @RequestBody(required = false) CaseViews.BulkAction in) {
        return cases.bulk(actor, in);
    }

    @GetMapping
    List<CaseViews.Case> list(@AuthenticationPrincipal Actor actor, @RequestParam(required = false) String status) {
        return cases.list(actor, status);
    }

    @GetMapping("/{caseId}")
    CaseViews.CaseDetail get(@AuthenticationPrincipal Actor actor, @PathVariable("caseId") UUID id) {
        cases.visible(actor, id);
        return work.detail(actor, id, evidence.ofCase(id));
    }

    @PatchMapping("/{caseId}")
    CaseViews.Case update(@AuthenticationPrincipal Actor actor, @PathVariable("caseId") UUID id, @RequestBody(required = false) CaseViews.CaseUpdate in) {
        return cases.update(actor, id, in);
    }

    @PostMapping("/{caseId}/status")
    CaseViews.Case status(@AuthenticationPrincipal Actor actor, @PathVariable("caseId") UUID id, @RequestBody(required = false) CaseViews.StatusChange in) {
        return cases.changeStatus(actor, id, in);
    }

    @PostMapping("/{caseId}/tasks")
    ResponseEntity<CaseViews.Task> addTask(@AuthenticationPrincipal Actor actor, @PathVariable("caseId") UUID id, @RequestBody(required = false) CaseViews.NewTask in) {
        return ResponseEntity.status(201).body(work.addTask(actor, id, in));
    }

    @PatchMapping("/{caseId}/tasks/{taskId}")
    CaseViews.Task updateTask(@AuthenticationPrincipal Actor actor, @PathVariable("caseId") UUID id, @PathVariable UUID taskId,
                              @RequestBody(required = false) CaseViews.TaskUpdate in) {
        return work.updateTask(actor, id, taskId, in);
    }

    @PostMapping("/{caseId}/observables")
    ResponseEntity<CaseViews.Observable> addObservable(@AuthenticationPrincipal Actor actor, @PathVariable("caseId") UUID id,
                                                       @RequestBody(required = false) CaseViews.NewObservable in) {
        return ResponseEntity.status(201).body(work.addObservable(actor, id, in));
    }

    @PostMapping("/{caseId}/timeline")
    ResponseEntity<CaseViews.TimelineEntry> addTimeline(@AuthenticationPrincipal Actor actor, @PathVariable("caseId") UUID id,
                                                        @RequestBody(required = false) CaseViews.NewTimelineEntry in) {
        return ResponseEntity.status(201).body(work.addTimeline(actor, id, in));
    }

    @PostMapping("/{caseId}/comments")
    ResponseEntity<CaseViews.Comment> comment(@AuthenticationPrincipal Actor actor, @PathVariable("caseId") UUID id,
                                              @RequestBody(required = false) CaseViews.NewComment in) {
        return ResponseEntity.status(201).body(work.comment(actor, id, in));
    }

    @PostMapping("/{caseId}/links")
    ResponseEntity<Void> link(@AuthenticationPrincipal Actor actor, @PathVariable("caseId") UUID id, @RequestBody(required = false) CaseViews.NewLink in) {
        cases.link(actor, id, in);
        return ResponseEntity.status(201).build();
    }

    @PostMapping("/{caseId}/merge")
    CaseViews.Case merge(@AuthenticationPrincipal Actor actor, @PathVariable("caseId") UUID id, @RequestBody(required = false) CaseViews.Merge in) {
        return cases.merge(actor, id, in);
    }

    @PostMapping("/{caseId}/shares")
    CaseViews.Case share(@AuthenticationPrincipal Actor actor, @PathVariable("caseId") UUID id, @RequestBody(required = false) CaseViews.Share in) {
        return cases.share(actor, id, in);
    }

    /**
     * Evidence, here and as a report's attachments ({@link ReportController}), is at most what {@link EvidenceService}
     * stores: a request announcing more is refused before its body is read.
     */
    @Bean
    static UploadLimit evidenceUploadLimit(EvidenceService evidence) {
        return new UploadLimit(List.of("/api/v1/incidents/cases/{caseId}/evidence",
                "/api/v1/incidents/reports/{reportId}/attachments"), evidence.maxBytes(),
                "mburoja.incidents.evidence.max-bytes");
    }

    @PostMapping(path = "/{caseId}/evidence", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<CaseViews.Evidence> addEvidence(@AuthenticationPrincipal Actor actor, @PathVariable("caseId") UUID id,
                                                   @RequestPart("file") MultipartFile file,
                                                   @RequestParam(name = "description", required = false) String description) throws IOException {
        return ResponseEntity.status(201).body(evidence.addToCase(actor, id, file.getOriginalFilename(),
                file.getContentType(), file.getBytes(), description));
    }

    @GetMapping("/evidence/{evidenceId}")
    ResponseEntity<byte[]> download(@AuthenticationPrincipal Actor actor, @PathVariable UUID evidenceId) {
        EvidenceService.Download d = evidence.download(actor, evidenceId);
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(d.filename(), java.nio.charset.StandardCharsets.UTF_8).build().toString())
                .header("X-Evidence-SHA256", d.sha256())
                .header("X-Evidence-Intact", String.valueOf(d.intact()))
                .header("X-Content-Type-Options", "nosniff")
                .contentType(MediaType.APPLICATION_OCTET_STREAM)
                .body(d.content());
    }
}
