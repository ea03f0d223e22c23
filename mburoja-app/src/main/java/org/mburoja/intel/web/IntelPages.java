package org.mburoja.intel.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.mburoja.intel.CollectionAccess;
import org.mburoja.intel.IntelCollection;
import org.mburoja.intel.IntelCollections;
import org.mburoja.intel.ObjectPage;
import org.mburoja.intel.ObjectQuery;
import org.mburoja.intel.SearchCriteria;
import org.mburoja.intel.StixStore;
import org.mburoja.intel.StoredObject;
import org.mburoja.intel.VersionMatch;
import org.mburoja.intel.internal.StixJson;
import org.mburoja.kernel.Actor;
import org.mburoja.stix.marking.Tlp;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.databind.JsonNode;

/**
 * Browsing the intelligence store: search (type, value, label, TLP, source, time, collection) with paging, and an
 * object's detail with its versions, relationships and markings. Everything goes through {@link StixStore}, so a
 * page shows exactly what the API and TAXII would release to the actor (partners see only what the sharing decision
 * releases; withheld objects are audited by the store).
 *
 * <p>Limits: the store's search returns the latest versions, newest first, up to {@value #SCAN} per query; TLP and
 * source filters and paging work within those. Narrow the query (type, value, time) to reach older objects.
 */
@Controller
@RequestMapping("/intel")
class IntelPages extends IntelPageErrors {

    static final int PAGE = 25;
    static final int SCAN = 1000;

    private final StixStore store;
    private final IntelCollections collections;
    private final String apiRoot;

    IntelPages(StixStore store, IntelCollections collections, @Value("${mburoja.taxii.api-root:intel}") String apiRoot) {
        this.store = store;
        this.collections = collections;
        this.apiRoot = apiRoot;
    }

    static Actor require(Actor actor) {
        if (actor == null) {
            throw new AccessDeniedException("sign in to read intelligence");
        }
        return actor;
    }

    /** Collections the actor may read, with their access. */
    List<IntelCollection> readable(Actor actor) {
        return collections.list(apiRoot).stream().filter(c -> collections.access(actor, c.id()).canRead()).toList();
    }

    @GetMapping
    String search(@AuthenticationPrincipal Actor actor, @RequestParam(required = false) String type,
                  @RequestParam(required = false) String value, @RequestParam(required = false) String label,
                  @RequestParam(required = false) String tlp, @RequestParam(required = false) String source,
                  @RequestParam(required = false) String from, @RequestParam(required = false) String to,
                  @RequestParam(required = false) UUID collection, @RequestParam(defaultValue = "0") int page,
                  Model model) {
        require(actor);
        List<String> problems = new ArrayList<>();
        Instant fromAt = day(from, "from", problems, false);
        Instant toAt = day(to, "to", problems, true);
        Tlp tlpLevel = null;
        if (tlp != null && !tlp.isBlank()) {
            tlpLevel = Tlp.ofLabel(tlp.strip()).orElse(null);
            if (tlpLevel == null) {
                problems.add("tlp: '" + tlp + "' is not a TLP level (clear, green, amber, amber+strict, red)");
            }
        }
        List<IntelCollection> readable = readable(actor);
        model.addAttribute("collections", readable);
        model.addAttribute("tlps", Tlp.values());
        model.addAttribute("peersAdmin", actor.isAuthorityStaff() && actor.has(org.mburoja.kernel.Role.ADMIN));
        Map<String, Object> q = new LinkedHashMap<>();
        q.put("type", nz(type));
        q.put("value", nz(value));
        q.put("label", nz(label));
        q.put("tlp", nz(tlp));
        q.put("source", nz(source));
        q.put("from", nz(from));
        q.put("to", nz(to));
        q.put("collection", collection == null ? "" : collection.toString());
        model.addAttribute("q", q);
        model.addAttribute("problems", problems);
        int p = Math.max(0, page);
        List<StoredObject> rows = List.of();
        boolean more = false;
        if (problems.isEmpty() && (collection == null || readable.stream().anyMatch(c -> c.id().equals(collection)))) {
            List<StoredObject> found = store.search(actor, new SearchCriteria(collection, blank(type), blank(label),
                    blank(value), fromAt, toAt, false, SCAN));
            Tlp level = tlpLevel;
            String src = blank(source);
            List<StoredObject> filtered = found.stream()
                    .filter(o -> level == null || o.tlp() == level)
                    .filter(o -> src == null || o.source().equalsIgnoreCase(src)).toList();
            int start = Math.min(filtered.size(), p * PAGE);
            rows = filtered.subList(start, Math.min(filtered.size(), start + PAGE));
            more = filtered.size() > start + PAGE;
            model.addAttribute("capped", found.size() >= SCAN);
        }
        model.addAttribute("objects", rows.stream().map(ObjectRow::of).toList());
        model.addAttribute("page", p);
        model.addAttribute("more", more);
        return "intel/search";
    }

    @GetMapping("/objects/{id}")
    String object(@AuthenticationPrincipal Actor actor, @PathVariable String id, Model model) {
        require(actor);
        if (!id.matches("[a-z0-9-]{1,250}--[0-9a-fA-F-]{36}")) {
            throw new IllegalArgumentException("id: '" + id + "' is not a STIX id (type--uuid)");
        }
        List<StoredObject> versions = new ArrayList<>();
        List<IntelCollection> in = new ArrayList<>();
        List<ObjectRow> relationships = new ArrayList<>();
        for (IntelCollection c : readable(actor)) {
            ObjectPage page = store.read(actor, new ObjectQuery(c.id(), null, Set.of(id), Set.of(), VersionMatch.ALL,
                    Set.of(), null, 200));
            if (!page.objects().isEmpty()) {
                versions.addAll(page.objects());
                in.add(c);
                for (StoredObject r : store.search(actor, new SearchCriteria(c.id(), "relationship", null, null, null,
                        null, false, SCAN))) {
                    JsonNode j = StixJson.MAPPER.readTree(r.json());
                    if (id.equals(j.path("source_ref").asString("")) || id.equals(j.path("target_ref").asString(""))) {
                        relationships.add(ObjectRow.of(r));
                    }
                }
            }
        }
        if (versions.isEmpty()) {
            throw new IntelPageNotFound("no object " + id + " that you may read");
        }
        versions.sort((a, b) -> b.version().compareTo(a.version()));
        StoredObject latest = versions.getFirst();
        JsonNode json = StixJson.MAPPER.readTree(latest.json());
        List<String> markings = new ArrayList<>();
        json.path("object_marking_refs").forEach(m -> markings.add(Tlp.ofMarkingId(m.asString(""))
                .map(t -> t.label()).orElse(m.asString(""))));
        List<String> granular = new ArrayList<>();
        json.path("granular_markings").forEach(g -> granular.add(
                Tlp.ofMarkingId(g.path("marking_ref").asString("")).map(t -> t.label())
                        .orElse(g.path("marking_ref").asString(g.path("lang").asString(""))) + " -> "
                        + String.join(", ", StreamSupport.strings(g.path("selectors")))));
        model.addAttribute("latest", ObjectRow.of(latest));
        model.addAttribute("versions", versions);
        model.addAttribute("inCollections", in);
        model.addAttribute("relationships", relationships);
        model.addAttribute("markings", markings);
        model.addAttribute("granular", granular);
        model.addAttribute("pretty", StixJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(json));
        return "intel/object";
    }

    private static Instant day(String s, String field, List<String> problems, boolean endOfDay) {
        if (s == null || s.isBlank()) {
            return null;
        }
        try {
            LocalDate d = LocalDate.parse(s.strip());
            return (endOfDay ? d.plusDays(1) : d).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException e) {
            problems.add(field + ": '" + s + "' is not a date like 2026-11-23");
            return null;
        }
    }

    static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    /** A 404 page for an object the actor may not read or that does not exist (the two look the same). */
    static final class IntelPageNotFound extends RuntimeException {
        IntelPageNotFound(String message) {
            super(message);
        }
    }

    /** Small adapter so granular selectors read as strings. */
    static final class StreamSupport {
        static List<String> strings(JsonNode array) {
            List<String> l = new ArrayList<>();
            array.forEach(n -> l.add(n.asString("")));
            return l;
        }
    }

    /** What a result row shows: the object's name (or pattern, or value) next to its type, TLP and source. */
    record ObjectRow(String id, String type, String name, String tlp, String tlpClass, String source, Instant version,
                     boolean revoked, List<String> labels) {

        static ObjectRow of(StoredObject o) {
            JsonNode j = StixJson.MAPPER.readTree(o.json());
            String name = j.path("name").asString("");
            if (name.isEmpty()) {
                name = j.path("pattern").asString(j.path("value").asString(j.path("relationship_type").asString("")));
            }
            if ("relationship".equals(o.type())) {
                name = j.path("source_ref").asString("") + " " + j.path("relationship_type").asString("") + " "
                        + j.path("target_ref").asString("");
            }
            List<String> labels = new ArrayList<>();
            j.path("labels").forEach(l -> labels.add(l.asString("")));
            String tlp = o.tlp() == null ? null : o.tlp().label();
            String cls = o.tlp() == null ? "tlp-none" : "tlp-" + o.tlp().name().toLowerCase(Locale.ROOT).replace('_', '-');
            return new ObjectRow(o.id(), o.type(), name, tlp, cls, o.source(), o.version(), o.revoked(), labels);
        }
    }

    static Map<String, CollectionAccess> accessOf(IntelCollections collections, Actor actor,
                                                  List<IntelCollection> list) {
        Map<String, CollectionAccess> m = new LinkedHashMap<>();
        list.forEach(c -> m.put(c.id().toString(), collections.access(actor, c.id())));
        return m;
    }
}
