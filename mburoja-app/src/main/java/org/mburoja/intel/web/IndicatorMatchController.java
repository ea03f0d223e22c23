package org.mburoja.intel.web;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletRequest;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.mburoja.intel.IndexState;
import org.mburoja.intel.IndicatorMatch;
import org.mburoja.intel.IndicatorMatching;
import org.mburoja.intel.MatchReport;
import org.mburoja.intel.ObservedValue;
import org.mburoja.kernel.Actor;
import org.mburoja.stix.marking.Tlp;
import org.mburoja.web.ApiError;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * Matching events against the live indicator index: {@code POST /api/v1/intel/match} with
 * <pre>
 * {"events": [{...}, ...], "values": ["203.0.113.7", ...], "max_matches": 1000,
 *  "sightings": {"collection": "&lt;uuid&gt;", "tlp": "amber"}}
 * </pre>
 * Every string of every event is looked up by its shape, whatever its field's name (so Sysmon, ECS or firewall
 * events need no mapping); {@code values} are looked up on their own. Matches come back in the order of the
 * values, with the field path they were found at, only for indicators the caller may read. With {@code sightings},
 * the matches are also recorded as STIX sightings in that collection (the caller needs write access to it).
 */
@RestController
@RequestMapping("/api/v1/intel")
class IndicatorMatchController {

    private final IndicatorMatching matching;
    private final long maxBodyBytes;

    IndicatorMatchController(IndicatorMatching matching,
                             @Value("${mburoja.intel.match.max-body-bytes:8388608}") long maxBodyBytes) {
        this.matching = matching;
        this.maxBodyBytes = maxBodyBytes;
    }

    static final class BodyTooLarge extends RuntimeException {
        BodyTooLarge(long max) {
            super("body: larger than the limit of " + max + " bytes; send the events in several requests", null,
                    false, false);
        }
    }

    @Operation(summary = "Match events against the live indicator index",
            description = "Every string of every event is looked up by its shape (IPv4/IPv6 address, domain and its "
                    + "parents, URL, e-mail address, MD5/SHA-1/SHA-256 or a Sysmon Hashes list), whatever the field's "
                    + "name; 'values' are looked up on their own. Matches come back in the order of the values, only for "
                    + "indicators of collections the caller may read whose TLP releases them to it; the others are "
                    + "counted in 'withheld' and audited. With 'sightings', the matches are recorded as STIX sightings "
                    + "in that collection (write access needed). Limits: 8 MiB body, 200,000 string values; "
                    + "503 with Retry-After while the index is still loading after a start.")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(mediaType = "application/json",
            examples = @ExampleObject(value = "{\"events\": [{\"winlog\": {\"event_data\": {\"DestinationIp\": "
                    + "\"203.0.113.7\", \"QueryName\": \"mail.evil.example.al\"}}}], \"values\": [\"evil.example.al\"], "
                    + "\"max_matches\": 1000, \"sightings\": {\"collection\": \"<collection uuid>\", \"tlp\": \"amber\"}}")))
    @PostMapping(path = "/match", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> match(@AuthenticationPrincipal Actor actor,
                                              HttpServletRequest request) throws IOException {
        IntelApiErrors.requireActor(actor);
        JsonNode root = JsonBody.read(request, maxBodyBytes, BodyTooLarge::new);
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("body: must be a JSON object with 'events' and/or 'values'");
        }
        for (String name : root.propertyNames()) {
            if (!List.of("events", "values", "max_matches", "sightings").contains(name)) {
                throw new IllegalArgumentException(name + ": unknown property; known are events, values, "
                        + "max_matches, sightings");
            }
        }
        List<ObservedValue> values = new ArrayList<>();
        JsonNode events = root.path("events");
        if (!events.isMissingNode()) {
            if (!events.isArray()) {
                throw new IllegalArgumentException("events: must be a list of JSON objects");
            }
            for (int i = 0; i < events.size(); i++) {
                if (!events.get(i).isObject()) {
                    throw new IllegalArgumentException("events[" + i + "]: not a JSON object");
                }
                walk(i, "", events.get(i), values);
            }
        }
        JsonNode given = root.path("values");
        if (!given.isMissingNode()) {
            if (!given.isArray()) {
                throw new IllegalArgumentException("values: must be a list of strings");
            }
            for (int i = 0; i < given.size(); i++) {
                if (!given.get(i).isString()) {
                    throw new IllegalArgumentException("values[" + i + "]: not a string");
                }
                add(values, new ObservedValue(-1, "values[" + i + "]", given.get(i).asString()));
            }
        }
        if (events.isMissingNode() && given.isMissingNode()) {
            throw new IllegalArgumentException("body: give 'events' (a list of JSON objects) or 'values' (strings)");
        }
        JsonNode max = root.path("max_matches");
        if (!max.isMissingNode() && !max.canConvertToInt()) {
            throw new IllegalArgumentException("max_matches: must be a whole number between 1 and 100000");
        }
        UUID sightingsCollection = null;
        Tlp sightingsTlp = Tlp.AMBER;
        JsonNode sightings = root.path("sightings");
        if (!sightings.isMissingNode() && !sightings.isNull()) {
            if (!sightings.isObject() || !sightings.path("collection").isString()) {
                throw new IllegalArgumentException("sightings: must be {\"collection\": \"<uuid>\", \"tlp\": "
                        + "\"amber\"}");
            }
            try {
                sightingsCollection = UUID.fromString(sightings.get("collection").asString());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("sightings.collection: not a UUID");
            }
            if (sightings.has("tlp")) {
                String t = sightings.get("tlp").asString("");
                sightingsTlp = Tlp.ofLabel(t).orElseThrow(() -> new IllegalArgumentException(
                        "sightings.tlp: '" + t + "' is no TLP 2.0 level (clear, green, amber, amber+strict, red)"));
            }
        }
        MatchReport report = matching.match(actor, values, max.isMissingNode() ? 1000 : max.asInt());
        Map<String, Object> out = render(report);
        if (sightingsCollection != null) {
            out.put("sightings", IntelApiController.render(
                    matching.recordSightings(actor, sightingsCollection, report, sightingsTlp)));
        }
        return ResponseEntity.ok(out);
    }

    /** The index's state: authority staff only. */
    @Operation(summary = "State of the live indicator index (authority staff)")
    @GetMapping(path = "/index", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> index(@AuthenticationPrincipal Actor actor) {
        IntelApiErrors.requireActor(actor);
        return ResponseEntity.ok(render(matching.state(actor)));
    }

    /** Rebuilds the index from the store now: authority administrators only. */
    @Operation(summary = "Rebuild the live indicator index from the store now (authority administrators)")
    @PostMapping(path = "/index/rebuild", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> rebuild(@AuthenticationPrincipal Actor actor) {
        IntelApiErrors.requireActor(actor);
        return ResponseEntity.ok(render(matching.rebuild(actor)));
    }

    @ExceptionHandler(BodyTooLarge.class)
    ResponseEntity<ApiError> tooLarge(BodyTooLarge e, HttpServletRequest req) {
        return ApiError.answer(413, "too_large", e.getMessage(), req);
    }

    @ExceptionHandler(IndicatorMatching.IndexNotReady.class)
    ResponseEntity<ApiError> notReady(IndicatorMatching.IndexNotReady e, HttpServletRequest req) {
        return ResponseEntity.status(503).header("Retry-After", "5").contentType(MediaType.APPLICATION_JSON)
                .body(ApiError.of(503, "service_unavailable", e.getMessage(), req.getRequestURI()));
    }

    static void walk(int event, String path, JsonNode node, List<ObservedValue> out) {
        if (node.isString()) {
            add(out, new ObservedValue(event, path, node.asString()));
        } else if (node.isObject()) {
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                walk(event, path.isEmpty() ? e.getKey() : path + "." + e.getKey(), e.getValue(), out);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(event, path + "[" + i + "]", node.get(i), out);
            }
        }
    }

    private static void add(List<ObservedValue> out, ObservedValue v) {
        if (out.size() >= IndicatorMatching.MAX_VALUES) {
            throw new IllegalArgumentException("body: more than " + IndicatorMatching.MAX_VALUES
                    + " string values; send the events in several requests");
        }
        out.add(v);
    }

    static Map<String, Object> render(MatchReport r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("index", render(r.index()));
        m.put("looked_up", r.lookedUp());
        m.put("withheld", r.withheld());
        m.put("truncated", r.truncated());
        List<Map<String, Object>> matches = new ArrayList<>();
        for (IndicatorMatch x : r.matches()) {
            Map<String, Object> o = new LinkedHashMap<>();
            if (x.observed().event() >= 0) {
                o.put("event", x.observed().event());
            }
            o.put("field", x.observed().field());
            o.put("value", x.observed().value());
            o.put("kind", x.kind());
            o.put("indicator", x.indicatorId());
            o.put("tlp", x.tlp() == null ? null : x.tlp().level());
            o.put("score", Math.round(x.score() * 1000) / 1000.0);
            o.put("collections", x.collections());
            matches.add(o);
        }
        m.put("matches", matches);
        return m;
    }

    static Map<String, Object> render(IndexState s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ready", s.ready());
        m.put("generation", s.generation());
        m.put("built_at", s.builtAt() == null ? null : s.builtAt().toString());
        m.put("indicators", s.indicators());
        m.put("changes_since_build", s.changes());
        if (!s.stats().isEmpty()) {
            m.put("stats", s.stats());
        }
        return m;
    }
}
