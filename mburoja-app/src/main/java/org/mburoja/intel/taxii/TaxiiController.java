package org.mburoja.intel.taxii;

import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.mburoja.audit.AuditLog;
import org.mburoja.intel.CollectionAccess;
import org.mburoja.intel.IntelCollection;
import org.mburoja.intel.IntelCollections;
import org.mburoja.intel.internal.StixJson;
import org.mburoja.kernel.Actor;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * TAXII 2.1 server: discovery, the API root, status and collection resources. Collections an actor may neither
 * read nor write are invisible to it (404, audited). API root URLs in discovery are absolute: under
 * {@code mburoja.taxii.public-url} when set (behind a reverse proxy), else built from the request.
 */
@RestController
class TaxiiController {

    private final IntelCollections collections;
    private final TaxiiStatusRecords statuses;
    private final TaxiiSettings settings;
    private final AuditLog audit;

    TaxiiController(IntelCollections collections, TaxiiStatusRecords statuses, TaxiiSettings settings,
                    AuditLog audit) {
        this.collections = collections;
        this.statuses = statuses;
        this.settings = settings;
        this.audit = audit;
    }

    @GetMapping({"/taxii2/", "/taxii2"})
    ResponseEntity<byte[]> discovery(@AuthenticationPrincipal Actor actor, HttpServletRequest req) {
        authenticated(actor, req);
        String root = settings.apiRootUrl(ServletUriComponentsBuilder.fromCurrentContextPath().toUriString());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", settings.title);
        body.put("description", "Threat intelligence of this Mburoja node, shared under TLP 2.0");
        if (!settings.contact.isBlank()) {
            body.put("contact", settings.contact);
        }
        body.put("default", root);
        body.put("api_roots", List.of(root));
        return json(200, body);
    }

    @GetMapping({"/taxii2/{root}/", "/taxii2/{root}"})
    ResponseEntity<byte[]> apiRoot(@AuthenticationPrincipal Actor actor, @PathVariable String root,
                                   HttpServletRequest req) {
        authenticated(actor, req);
        root(root);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", settings.title);
        body.put("description", "National and partner threat-intelligence collections");
        body.put("versions", List.of(TaxiiMedia.TAXII));
        body.put("max_content_length", settings.maxContentLength);
        return json(200, body);
    }

    @GetMapping({"/taxii2/{root}/status/{id}/", "/taxii2/{root}/status/{id}"})
    ResponseEntity<byte[]> status(@AuthenticationPrincipal Actor actor, @PathVariable String root,
                                  @PathVariable String id, HttpServletRequest req) {
        authenticated(actor, req);
        root(root);
        UUID statusId;
        try {
            statusId = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw TaxiiException.notFound("no status " + id);
        }
        TaxiiStatusRecords.StatusRow row = statuses.find(statusId)
                .orElseThrow(() -> TaxiiException.notFound("no status " + id));
        boolean own = actor.organisation() != null && actor.organisation().value().equals(row.organisation());
        if (!own && !actor.isAuthorityStaff()) {
            audit.append(actor, "access.denied", "taxii-status", id, null,
                    Map.of("reason", "status of another organisation's request"));
            throw TaxiiException.notFound("no status " + id);
        }
        return TaxiiMedia.ok(200).body(row.json().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @GetMapping({"/taxii2/{root}/collections/", "/taxii2/{root}/collections"})
    ResponseEntity<byte[]> collections(@AuthenticationPrincipal Actor actor, @PathVariable String root,
                                       HttpServletRequest req) {
        authenticated(actor, req);
        root(root);
        List<Map<String, Object>> visible = new ArrayList<>();
        for (IntelCollection c : collections.list(settings.apiRoot)) {
            CollectionAccess a = collections.access(actor, c.id());
            if (a.canRead() || a.canWrite()) {
                visible.add(resource(c, a));
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        if (!visible.isEmpty()) {
            body.put("collections", visible);
        }
        return json(200, body);
    }

    @GetMapping({"/taxii2/{root}/collections/{id}/", "/taxii2/{root}/collections/{id}"})
    ResponseEntity<byte[]> collection(@AuthenticationPrincipal Actor actor, @PathVariable String root,
                                      @PathVariable String id, HttpServletRequest req) {
        authenticated(actor, req);
        root(root);
        IntelCollection c = TaxiiObjectsController.collectionOf(collections, settings, id);
        CollectionAccess a = collections.access(actor, c.id());
        if (!a.canRead() && !a.canWrite()) {
            audit.append(actor, "access.denied", "intel-collection", c.id().toString(), null,
                    Map.of("reason", "no access to the collection"));
            throw TaxiiException.notFound("no collection " + id);
        }
        return json(200, resource(c, a));
    }

    private static Map<String, Object> resource(IntelCollection c, CollectionAccess a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", c.id().toString());
        m.put("title", c.title());
        if (c.description() != null) {
            m.put("description", c.description());
        }
        if (c.alias() != null) {
            m.put("alias", c.alias());
        }
        m.put("can_read", a.canRead());
        m.put("can_write", a.canWrite());
        m.put("media_types", List.of(TaxiiMedia.STIX));
        return m;
    }

    private void root(String root) {
        if (!settings.apiRoot.equals(root)) {
            throw TaxiiException.notFound("no API root '" + (root.length() > 64 ? root.substring(0, 64) : root) + "'");
        }
    }

    static void authenticated(Actor actor, HttpServletRequest req) {
        if (actor == null) {
            throw new TaxiiException(401, "Unauthorized", "authenticate with HTTP Basic (user and API token) or a "
                    + "Bearer token");
        }
        TaxiiMedia.checkAccept(req.getHeader("Accept"));
    }

    static ResponseEntity<byte[]> json(int status, Object body) {
        return TaxiiMedia.ok(status).body(StixJson.MAPPER.writeValueAsBytes(body));
    }
}
