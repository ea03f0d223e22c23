package org.mburoja.intel.taxii;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.mburoja.intel.IngestReport;
import org.mburoja.intel.IntelCollection;
import org.mburoja.intel.IntelCollections;
import org.mburoja.intel.ObjectPage;
import org.mburoja.intel.ObjectQuery;
import org.mburoja.intel.StixStore;
import org.mburoja.intel.StoredObject;
import org.mburoja.intel.VersionMatch;
import org.mburoja.intel.internal.StixJson;
import org.mburoja.kernel.Actor;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * TAXII 2.1 objects, object, manifest and versions endpoints. Reads go through {@link StixStore#read}, which
 * enforces collection rights and TLP; pages are written straight from the stored JSON (no re-serialisation).
 * POSTed envelopes are read with a hard cap of {@code max_content_length} bytes (413 beyond it), must parse to an
 * object with an {@code objects} list (422 otherwise) and are ingested synchronously (202 with a complete status).
 */
@RestController
class TaxiiObjectsController {

    private static final String BASE = "/taxii2/{root}/collections/{id}";

    private final IntelCollections collections;
    private final StixStore store;
    private final TaxiiStatusRecords statuses;
    private final TaxiiSettings settings;

    TaxiiObjectsController(IntelCollections collections, StixStore store, TaxiiStatusRecords statuses,
                           TaxiiSettings settings) {
        this.collections = collections;
        this.store = store;
        this.statuses = statuses;
        this.settings = settings;
    }

    @GetMapping({BASE + "/objects/", BASE + "/objects"})
    ResponseEntity<byte[]> objects(@AuthenticationPrincipal Actor actor, @PathVariable String root,
                                   @PathVariable String id, HttpServletRequest req) {
        IntelCollection c = open(actor, root, id, req);
        ObjectPage page = store.read(actor, query(c, req, TaxiiParams.values(req, "match[id]"),
                TaxiiParams.versions(req)));
        return envelope(page, "objects", page.objects().stream().map(StoredObject::json).toList(), true);
    }

    @GetMapping({BASE + "/objects/{objectId}/", BASE + "/objects/{objectId}"})
    ResponseEntity<byte[]> object(@AuthenticationPrincipal Actor actor, @PathVariable String root,
                                  @PathVariable String id, @PathVariable String objectId, HttpServletRequest req) {
        IntelCollection c = open(actor, root, id, req);
        ObjectPage page = store.read(actor, query(c, req, Set.of(objectId), TaxiiParams.versions(req)));
        if (page.objects().isEmpty() && req.getParameter("next") == null) {
            throw TaxiiException.notFound("no object " + cut(objectId) + " in collection " + c.id());
        }
        return envelope(page, "objects", page.objects().stream().map(StoredObject::json).toList(), true);
    }

    @DeleteMapping({BASE + "/objects/{objectId}/", BASE + "/objects/{objectId}"})
    ResponseEntity<byte[]> delete(@AuthenticationPrincipal Actor actor, @PathVariable String root,
                                  @PathVariable String id, @PathVariable String objectId, HttpServletRequest req) {
        IntelCollection c = open(actor, root, id, req);
        int removed = store.delete(actor, c.id(), objectId, TaxiiParams.versions(req),
                TaxiiParams.specVersions(req));
        if (removed == 0) {
            throw TaxiiException.notFound("no object " + cut(objectId) + " in collection " + c.id());
        }
        return TaxiiMedia.ok(200).body(new byte[0]);
    }

    @GetMapping({BASE + "/objects/{objectId}/versions/", BASE + "/objects/{objectId}/versions"})
    ResponseEntity<byte[]> versions(@AuthenticationPrincipal Actor actor, @PathVariable String root,
                                    @PathVariable String id, @PathVariable String objectId, HttpServletRequest req) {
        IntelCollection c = open(actor, root, id, req);
        ObjectPage page = store.read(actor, query(c, req, Set.of(objectId), VersionMatch.ALL));
        if (page.objects().isEmpty() && req.getParameter("next") == null) {
            throw TaxiiException.notFound("no object " + cut(objectId) + " in collection " + c.id());
        }
        List<String> versions = page.objects().stream()
                .map(o -> quote(versionText(o))).toList();
        return envelope(page, "versions", versions, true);
    }

    @GetMapping({BASE + "/manifest/", BASE + "/manifest"})
    ResponseEntity<byte[]> manifest(@AuthenticationPrincipal Actor actor, @PathVariable String root,
                                    @PathVariable String id, HttpServletRequest req) {
        IntelCollection c = open(actor, root, id, req);
        ObjectPage page = store.read(actor, query(c, req, TaxiiParams.values(req, "match[id]"),
                TaxiiParams.versions(req)));
        List<String> records = new ArrayList<>();
        for (StoredObject o : page.objects()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", o.id());
            m.put("date_added", StixJson.timestamp(o.dateAdded()));
            m.put("version", versionText(o));
            m.put("media_type", TaxiiMedia.STIX);
            records.add(StixJson.MAPPER.writeValueAsString(m));
        }
        return envelope(page, "objects", records, true);
    }

    @PostMapping({BASE + "/objects/", BASE + "/objects"})
    ResponseEntity<byte[]> add(@AuthenticationPrincipal Actor actor, @PathVariable String root,
                               @PathVariable String id, HttpServletRequest req) throws IOException {
        IntelCollection c = open(actor, root, id, req);
        TaxiiMedia.checkContentType(req.getContentType());
        if (req.getContentLengthLong() > settings.maxContentLength) {
            throw tooLarge(req.getContentLengthLong());
        }
        byte[] body = readCapped(req.getInputStream());
        List<JsonNode> objects = envelopeObjects(body);
        Instant requested = Instant.now().truncatedTo(ChronoUnit.MICROS);
        IngestReport report = store.ingest(actor, c.id(), objects, "local");
        return TaxiiController.json(202, statuses.save(actor, report, requested));
    }

    private List<JsonNode> envelopeObjects(byte[] body) {
        JsonNode root;
        try {
            root = StixJson.MAPPER.readTree(body);
        } catch (JacksonException e) {
            throw new TaxiiException(422, "Unprocessable envelope", "the body is not valid JSON: "
                    + e.getOriginalMessage() + " at " + e.getLocation());
        }
        if (root == null || !root.isObject()) {
            throw new TaxiiException(422, "Unprocessable envelope", "the body must be a JSON object (an envelope)");
        }
        JsonNode objects = root.get("objects");
        if (objects == null || !objects.isArray()) {
            throw new TaxiiException(422, "Unprocessable envelope", "the envelope must have an 'objects' list");
        }
        List<JsonNode> out = new ArrayList<>(objects.size());
        objects.forEach(out::add);
        return out;
    }

    private byte[] readCapped(InputStream in) throws IOException {
        long cap = settings.maxContentLength;
        byte[] data = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, cap + 1));
        if (data.length > cap) {
            throw tooLarge(-1);
        }
        return data;
    }

    /**
     * An object's version as its producer wrote it ({@code modified}, or {@code created}), so that a client comparing
     * the manifest's or the versions list's strings with the objects' {@code modified} sees the same text; the
     * stored instant (microseconds) only when the text is finer than that and so cannot be matched back.
     */
    static String versionText(StoredObject o) {
        String text = o.versionText();
        if (text != null) {
            try {
                if (Instant.parse(text).equals(o.version())) {
                    return text;
                }
            } catch (DateTimeParseException e) {
                // not a plain RFC 3339 UTC text: fall back to the stored instant
            }
        }
        return StixJson.timestamp(o.version());
    }

    private TaxiiException tooLarge(long length) {
        return new TaxiiException(413, "Content too large", (length > 0 ? "the body has " + length + " bytes; " : "")
                + "max_content_length of this API root is " + settings.maxContentLength + " bytes");
    }

    private ObjectQuery query(IntelCollection c, HttpServletRequest req, Set<String> ids, VersionMatch versions) {
        return new ObjectQuery(c.id(), TaxiiParams.addedAfter(req), ids, TaxiiParams.types(req), versions,
                TaxiiParams.specVersions(req), TaxiiParams.next(req),
                TaxiiParams.limit(req, settings.defaultLimit, settings.maxLimit));
    }

    private IntelCollection open(Actor actor, String root, String id, HttpServletRequest req) {
        TaxiiController.authenticated(actor, req);
        if (!settings.apiRoot.equals(root)) {
            throw TaxiiException.notFound("no API root '" + cut(root) + "'");
        }
        return collectionOf(collections, settings, id);
    }

    static IntelCollection collectionOf(IntelCollections collections, TaxiiSettings settings, String id) {
        UUID uuid;
        try {
            uuid = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw TaxiiException.notFound("no collection " + cut(id));
        }
        return collections.find(uuid).filter(c -> c.apiRoot().equals(settings.apiRoot))
                .orElseThrow(() -> TaxiiException.notFound("no collection " + id));
    }

    /** An envelope (objects, manifest or versions) with paging and the date-added headers, from JSON fragments. */
    private static ResponseEntity<byte[]> envelope(ObjectPage page, String listName, List<String> items,
                                                   boolean headers) {
        StringBuilder b = new StringBuilder(64 + items.stream().mapToInt(String::length).sum() + items.size());
        b.append("{\"more\":").append(page.more());
        if (page.more() && page.next() != null) {
            b.append(",\"next\":\"").append(TaxiiParams.next(page.next())).append('"');
        }
        if (!items.isEmpty()) {
            b.append(",\"").append(listName).append("\":[");
            for (int i = 0; i < items.size(); i++) {
                if (i > 0) {
                    b.append(',');
                }
                b.append(items.get(i));
            }
            b.append(']');
        }
        b.append('}');
        ResponseEntity.BodyBuilder r = TaxiiMedia.ok(200);
        if (headers && !page.objects().isEmpty()) {
            r.header("X-TAXII-Date-Added-First", StixJson.timestamp(page.objects().getFirst().dateAdded()));
            r.header("X-TAXII-Date-Added-Last", StixJson.timestamp(page.objects().getLast().dateAdded()));
        }
        return r.body(b.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static String quote(String s) {
        return '"' + s + '"';
    }

    private static String cut(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }
}
