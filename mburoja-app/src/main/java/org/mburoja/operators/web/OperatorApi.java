package org.mburoja.operators.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import jakarta.servlet.http.HttpServletResponse;
import org.mburoja.kernel.Actor;
import org.mburoja.kernel.OrganisationId;
import org.mburoja.operators.EntityClass;
import org.mburoja.operators.FieldProblem;
import org.mburoja.operators.ImportMode;
import org.mburoja.operators.ImportReport;
import org.mburoja.operators.Operator;
import org.mburoja.operators.OperatorDraft;
import org.mburoja.operators.OperatorNotFoundException;
import org.mburoja.operators.OperatorPage;
import org.mburoja.operators.OperatorQuery;
import org.mburoja.operators.OperatorRegistry;
import org.mburoja.operators.Sector;
import org.mburoja.operators.Sectors;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** REST API of the operator registry. Authorisation and validation are the registry's; this maps HTTP. */
@RestController
@RequestMapping("/api/v1/operators")
@Tag(name = "Operators", description = "Registry of operators of critical and important information infrastructure")
class OperatorApi {

    private final OperatorRegistry registry;
    private final Sectors sectors;

    OperatorApi(OperatorRegistry registry, Sectors sectors) {
        this.registry = registry;
        this.sectors = sectors;
    }

    /** A page of operators. */
    record PageResource(List<OperatorResource> items, int page, int size, long total) {
    }

    @GetMapping
    @Operation(summary = "List operators", description = "Search by name or NIPT, filter by sector and entity class;"
            + " authority staff see all, operator users their own. Scope operators:read.")
    PageResource list(@AuthenticationPrincipal Actor actor,
                      @Parameter(description = "part of the name, or the NIPT") @RequestParam(required = false) String q,
                      @RequestParam(required = false) String sector,
                      @RequestParam(required = false) EntityClass entityClass,
                      @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
        OperatorPage p = registry.list(actor, new OperatorQuery(q, sector, entityClass, page, size));
        return new PageResource(p.items().stream().map(OperatorResource::of).toList(), p.page(), p.size(), p.total());
    }

    @GetMapping("/{id}")
    @Operation(summary = "One operator record")
    OperatorResource get(@AuthenticationPrincipal Actor actor, @PathVariable UUID id) {
        OrganisationId org = new OrganisationId(id);
        return registry.find(actor, org).map(OperatorResource::of).orElseThrow(() -> new OperatorNotFoundException(org));
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Register an operator", description = "Authority staff; scope operators:write. 400 with"
            + " field errors when invalid.")
    ResponseEntity<OperatorResource> create(@AuthenticationPrincipal Actor actor, @RequestBody OperatorDraft draft) {
        Operator o = registry.create(actor, draft);
        return ResponseEntity.status(HttpStatus.CREATED).header("Location", "/api/v1/operators/" + o.id())
                .body(OperatorResource.of(o));
    }

    @PutMapping(path = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Change an operator record", description = "Authority staff change every field; the"
            + " operator's own operator-role users change contacts and assets only. Scope operators:write.")
    OperatorResource update(@AuthenticationPrincipal Actor actor, @PathVariable UUID id,
                            @RequestBody OperatorDraft draft) {
        return OperatorResource.of(registry.update(actor, new OrganisationId(id), draft));
    }

    @DeleteMapping("/{id}")
    @Operation(summary = "Delete an operator record", description = "The organisation and its users stay.")
    ResponseEntity<Void> delete(@AuthenticationPrincipal Actor actor, @PathVariable UUID id) {
        registry.delete(actor, new OrganisationId(id));
        return ResponseEntity.noContent().build();
    }

    @PostMapping(path = "/import", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(summary = "Import operators from CSV (multipart part 'file')", description = "mode=all-or-nothing"
            + " (default) or partial. 200 with per-row results when anything was written; else 400, the error body with"
            + " the same results as 'report'.")
    ResponseEntity<Map<String, Object>> importFile(@AuthenticationPrincipal Actor actor,
                                                   @RequestPart("file") MultipartFile file,
                                                   @RequestParam(defaultValue = "all-or-nothing") String mode)
            throws IOException {
        try (InputStream in = file.getInputStream()) {
            return importReport(registry.importCsv(actor, in, mode(mode)));
        }
    }

    @PostMapping(path = "/import", consumes = {"text/csv", MediaType.TEXT_PLAIN_VALUE})
    @Operation(summary = "Import operators from a CSV request body")
    ResponseEntity<Map<String, Object>> importBody(@AuthenticationPrincipal Actor actor, InputStream body,
                                                   @RequestParam(defaultValue = "all-or-nothing") String mode)
            throws IOException {
        return importReport(registry.importCsv(actor, body, mode(mode)));
    }

    @GetMapping(path = "/export", produces = "text/csv")
    @Operation(summary = "Export operators as CSV", description = "Same filters as the list; every page.")
    void export(@AuthenticationPrincipal Actor actor, @RequestParam(required = false) String q,
                @RequestParam(required = false) String sector, @RequestParam(required = false) EntityClass entityClass,
                HttpServletResponse response) throws IOException {
        OperatorQuery filter = new OperatorQuery(q, sector, entityClass, 0, OperatorQuery.MAX_SIZE);
        // check access before committing the response headers
        registry.list(actor, new OperatorQuery(null, null, null, 0, 1));
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"operators.csv\"");
        Writer out = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
        registry.exportCsv(actor, filter, out);
        out.flush();
    }

    @GetMapping("/sectors")
    @Operation(summary = "The NIS2 sector reference list (Annex I and II) with Albanian names")
    List<Sector> sectors(@AuthenticationPrincipal Actor actor) {
        registry.list(actor, new OperatorQuery(null, null, null, 0, 1));
        return sectors.all();
    }

    static ImportMode mode(String mode) {
        return switch (mode.strip().toLowerCase(Locale.ROOT)) {
            case "partial" -> ImportMode.PARTIAL;
            case "all-or-nothing", "all_or_nothing", "strict" -> ImportMode.ALL_OR_NOTHING;
            default -> throw new OperatorApiErrors.LookupQueryException("mode",
                    "must be all-or-nothing or partial");
        };
    }

    /** 200 with the report when something was written; when nothing was, a 400 error body with the report. */
    private static ResponseEntity<Map<String, Object>> importReport(ImportReport report) {
        boolean failed = report.error() != null || report.rejected() > 0;
        if (failed && !report.committed()) {
            throw new OperatorApiErrors.ImportRefused(report);
        }
        List<FieldProblem> fields = new ArrayList<>();
        for (ImportReport.Row r : report.outcomes()) {
            r.problems().forEach(p -> fields.add(new FieldProblem("line " + r.line() + ": " + p.field(), p.message())));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", report.error() != null ? report.error()
                : report.rejected() > 0 ? report.rejected() + " rows were rejected" : null);
        body.put("fields", fields);
        body.put("report", report);
        return ResponseEntity.ok(body);
    }
}
