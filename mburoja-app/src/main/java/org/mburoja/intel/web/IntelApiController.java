package org.mburoja.intel.web;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.mburoja.intel.IngestReport;
import org.mburoja.intel.ObjectOutcome;
import org.mburoja.intel.SearchCriteria;
import org.mburoja.intel.StixStore;
import org.mburoja.intel.StoredObject;
import org.mburoja.kernel.Actor;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * JSON API of the intelligence store: bundle ingest with per-object results, search (type, label, value, time),
 * and revocation. TAXII clients use {@code /taxii2/} instead; this API is for the UI and scripts.
 */
@RestController
@RequestMapping("/api/v1/intel")
class IntelApiController {

    private final StixStore store;

    private final long maxBundleBytes;

    IntelApiController(StixStore store,
                       @org.springframework.beans.factory.annotation.Value("${mburoja.intel.max-bundle-bytes:67108864}")
                       long maxBundleBytes) {
        this.store = store;
        this.maxBundleBytes = maxBundleBytes;
    }

    /** A bundle beyond {@code mburoja.intel.max-bundle-bytes} (64 MiB by default); split it or use TAXII paging. */
    static final class BundleTooLarge extends RuntimeException {
        BundleTooLarge(long max) {
            super("body: larger than the limit of " + max + " bytes; split the bundle", null, false, false);
        }
    }

    /** Ingests a STIX bundle (or a TAXII envelope) into a collection; 200 with one result per object. */
    @PostMapping(path = "/collections/{collection}/bundles", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> ingest(@AuthenticationPrincipal Actor actor, @PathVariable UUID collection,
                                               jakarta.servlet.http.HttpServletRequest request)
            throws java.io.IOException {
        IntelApiErrors.requireActor(actor);
        JsonNode root = JsonBody.read(request, maxBundleBytes, BundleTooLarge::new);
        if (root == null || !root.isObject() || !root.path("objects").isArray()) {
            throw new IllegalArgumentException("body: must be a STIX bundle with an 'objects' list");
        }
        if (root.has("type") && !"bundle".equals(root.get("type").asString(""))) {
            throw new IllegalArgumentException("type: a bundle has type 'bundle'");
        }
        List<JsonNode> objects = new ArrayList<>();
        root.get("objects").forEach(objects::add);
        IngestReport report = store.ingest(actor, collection, objects, "local");
        return ResponseEntity.ok(render(report));
    }

    @PostMapping(path = "/collections/{collection}/objects/{id}/revoke", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> revoke(@AuthenticationPrincipal Actor actor, @PathVariable UUID collection,
                                               @PathVariable String id) {
        IntelApiErrors.requireActor(actor);
        return ResponseEntity.ok(render(store.revoke(actor, collection, id)));
    }

    /** Latest versions matching every given criterion, in the collections the caller may read, TLP enforced. */
    @GetMapping(path = "/objects", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<byte[]> search(@AuthenticationPrincipal Actor actor,
                                  @RequestParam(required = false) UUID collection,
                                  @RequestParam(required = false) String type,
                                  @RequestParam(required = false) String label,
                                  @RequestParam(required = false) String value,
                                  @RequestParam(required = false) String modifiedFrom,
                                  @RequestParam(required = false) String modifiedTo,
                                  @RequestParam(defaultValue = "false") boolean includeRevoked,
                                  @RequestParam(defaultValue = "100") int limit) {
        IntelApiErrors.requireActor(actor);
        if (limit < 1 || limit > 1000) {
            throw new IllegalArgumentException("limit: between 1 and 1000");
        }
        List<StoredObject> found = store.search(actor, new SearchCriteria(collection, blank(type), blank(label),
                blank(value), instant("modifiedFrom", modifiedFrom), instant("modifiedTo", modifiedTo),
                includeRevoked, limit));
        StringBuilder b = new StringBuilder("{\"count\":").append(found.size()).append(",\"objects\":[");
        for (int i = 0; i < found.size(); i++) {
            b.append(i == 0 ? "" : ",").append(found.get(i).json());
        }
        b.append("]}");
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
                .body(b.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    static Map<String, Object> render(IngestReport report) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("collection", report.collection());
        m.put("accepted", report.count(ObjectOutcome.Status.ACCEPTED));
        m.put("duplicates", report.count(ObjectOutcome.Status.DUPLICATE));
        m.put("rejected", report.count(ObjectOutcome.Status.REJECTED));
        List<Map<String, Object>> results = new ArrayList<>();
        for (ObjectOutcome o : report.outcomes()) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("index", o.index());
            r.put("id", o.id());
            r.put("version", o.version());
            r.put("status", o.status().name().toLowerCase(java.util.Locale.ROOT));
            if (o.message() != null) {
                r.put("reason", o.message());
            }
            results.add(r);
        }
        m.put("results", results);
        return m;
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private static Instant instant(String name, String s) {
        if (s == null || s.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(s.trim());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(name + ": '" + s + "' is not an ISO-8601 instant such as "
                    + "2026-11-23T10:00:00Z");
        }
    }
}
