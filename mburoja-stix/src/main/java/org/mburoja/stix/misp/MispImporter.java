package org.mburoja.stix.misp;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.mburoja.stix.StixIds;
import org.mburoja.stix.StixJson;
import org.mburoja.stix.StixObject;
import org.mburoja.stix.StixTimestamp;
import org.mburoja.stix.marking.Tlp;
import org.mburoja.stix.marking.TlpMarkings;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Maps MISP events (core JSON format, with or without the {@code Event} wrapper, or an API {@code response} list) to
 * STIX 2.1, following the table in {@code docs/misp-mapping.md}: the event becomes a report created by the
 * organisation's identity; IDS attributes and objects become indicators with STIX patterns; other attributes become
 * observed data, vulnerabilities, threat actors or notes; galaxy clusters become threat actors, malware, tools or
 * attack patterns with {@code indicates} relationships; sightings become sightings; {@code tlp:} tags become TLP 2.0
 * markings and other tags labels.
 *
 * <p>Ids are deterministic (the MISP uuid, or a UUIDv5 of the content when MISP gave none), so importing the same
 * event twice yields the same objects and the store deduplicates them.
 */
public final class MispImporter {

    /** Namespace for UUIDv5 ids of MISP content that carries no uuid. */
    static final String NAMESPACE = "6c3e8f4e-4f5b-4a43-9c1b-3d2f0c7a9b11";
    private final Clock clock;

    public MispImporter(Clock clock) {
        this.clock = clock;
    }

    /** Imports every event in a MISP document. */
    public MispImport importDocument(JsonNode document) {
        List<StixObject> out = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        List<JsonNode> events = new ArrayList<>();
        if (document.has("response") && document.get("response").isArray()) {
            document.get("response").forEach(events::add);
        } else {
            events.add(document);
        }
        for (JsonNode e : events) {
            JsonNode ev = e.has("Event") ? e.get("Event") : e;
            if (!ev.isObject() || !(ev.has("info") || ev.has("Attribute") || ev.has("Object"))) {
                problems.add("not a MISP event (no info, Attribute or Object)");
                continue;
            }
            EventMapping m = new EventMapping(ev, problems);
            out.addAll(m.map());
        }
        return new MispImport(out, problems);
    }

    /** One event's mapping state. */
    private final class EventMapping {
        private final JsonNode ev;
        private final List<String> problems;
        private final Map<String, ObjectNode> objects = new LinkedHashMap<>();
        private final List<String> indicatorIds = new ArrayList<>();
        private final Set<Tlp> tlpsUsed = new LinkedHashSet<>();
        private final ArrayNode reportRefs = StixJson.mapper().createArrayNode();
        private final String eventKey;
        private final String created;
        private final Optional<Tlp> eventTlp;
        private String identityId;

        EventMapping(JsonNode ev, List<String> problems) {
            this.ev = ev;
            this.problems = problems;
            this.eventKey = uuidOf(ev.path("uuid").asString(""), StixJson.write(ev));
            this.created = timestamp(ev);
            this.eventTlp = tlp(ev.path("Tag"));
        }

        List<StixObject> map() {
            identity();
            for (JsonNode a : ev.path("Attribute")) {
                attribute(a, eventTlp);
            }
            for (JsonNode o : ev.path("Object")) {
                MispObjects.map(o, this::newObject, problems, eventTlp).ifPresent(id -> {
                    indicatorIds.add(id);
                    sightings(o.path("Attribute"), id);
                });
            }
            galaxies();
            report();
            eventTlp.ifPresent(tlpsUsed::add);
            List<StixObject> out = new ArrayList<>();
            for (Tlp t : tlpsUsed) {
                out.add(TlpMarkings.definition(t));
            }
            objects.values().forEach(o -> out.add(StixObject.of(o)));
            if (ev.has("ShadowAttribute") || ev.findValue("ShadowAttribute") != null) {
                problems.add("event " + eventKey + ": proposals (ShadowAttribute) are not imported: unreviewed");
            }
            return out;
        }

        private void identity() {
            JsonNode org = ev.path("Orgc").isObject() ? ev.get("Orgc") : ev.path("Org");
            String name = org.path("name").asString("MISP");
            String key = org.path("uuid").asString(name);
            ObjectNode id = sdo("identity", StixIds.v5("identity", NAMESPACE, "misp-org:" + key), null);
            id.remove("created_by_ref");
            id.put("name", name);
            id.put("identity_class", "organization");
            identityId = id.get("id").asString();
        }

        /** Creates an SDO with the common properties; registers it in the event. */
        ObjectNode newObject(String type, String uuid, Optional<Tlp> tlp) {
            ObjectNode o = sdo(type, type + "--" + uuid, tlp.orElse(null));
            reportRefs.add(o.get("id").asString());
            return o;
        }

        private ObjectNode sdo(String type, String id, Tlp tlp) {
            ObjectNode o = StixJson.mapper().createObjectNode();
            o.put("type", type);
            o.put("spec_version", "2.1");
            o.put("id", id);
            o.put("created", created);
            o.put("modified", created);
            if (identityId != null) {
                o.put("created_by_ref", identityId);
            }
            if (tlp != null) {
                o.putArray("object_marking_refs").add(tlp.markingId());
                tlpsUsed.add(tlp);
            }
            objects.put(id, o);
            return o;
        }

        private void attribute(JsonNode a, Optional<Tlp> inherited) {
            if (a.path("deleted").asBoolean(false)) {
                return;
            }
            String type = a.path("type").asString("");
            String value = a.path("value").asString("");
            String uuid = uuidOf(a.path("uuid").asString(""), eventKey + StixJson.write(a));
            Optional<Tlp> tlp = max(inherited, tlp(a.path("Tag")));
            Optional<String> rule = MispTypes.ruleLanguage(type);
            Optional<List<String>> paths = MispTypes.paths(type, value);
            ObjectNode made;
            if (rule.isPresent() && a.path("to_ids").asBoolean(false)) {
                made = newObject("indicator", uuid, tlp);
                made.put("pattern", value);
                made.put("pattern_type", rule.get());
                made.put("valid_from", created);
            } else if (paths.isPresent() && a.path("to_ids").asBoolean(false)) {
                Optional<String> pattern = MispPatterns.pattern(List.of(new MispPatterns.Part(paths.get(), value)));
                if (pattern.isEmpty()) {
                    problems.add("attribute " + uuid + " (" + type + "): value does not make a valid STIX pattern;"
                            + " kept as a note");
                    made = note(uuid, tlp, value);
                } else {
                    made = newObject("indicator", uuid, tlp);
                    made.put("name", type + ": " + abbreviate(value));
                    made.put("pattern", pattern.get());
                    made.put("pattern_type", "stix");
                    made.put("valid_from", created);
                    made.putArray("indicator_types").add("malicious-activity");
                    indicatorIds.add(made.get("id").asString());
                }
            } else if (type.equals("vulnerability")) {
                made = newObject("vulnerability", uuid, tlp);
                made.put("name", value);
                if (value.matches("CVE-\\d{4}-\\d{4,}")) {
                    ObjectNode ref = made.putArray("external_references").addObject();
                    ref.put("source_name", "cve");
                    ref.put("external_id", value);
                }
            } else if (type.equals("threat-actor")) {
                made = newObject("threat-actor", uuid, tlp);
                made.put("name", value);
            } else if (type.equals("campaign-name")) {
                made = newObject("campaign", uuid, tlp);
                made.put("name", value);
            } else {
                made = note(uuid, tlp, value);
            }
            made.put("x_misp_type", type);
            made.put("x_misp_category", a.path("category").asString(""));
            if (!a.path("comment").asString("").isEmpty()) {
                made.put("description", a.get("comment").asString());
            }
            List<String> labels = labels(a.path("Tag"));
            if (!labels.isEmpty()) {
                ArrayNode l = made.putArray("labels");
                labels.forEach(l::add);
            }
            if (made.get("type").asString().equals("indicator")) {
                sightings(List.of(a), made.get("id").asString());
            }
        }

        private ObjectNode note(String uuid, Optional<Tlp> tlp, String value) {
            ObjectNode n = newObject("note", uuid, tlp);
            n.put("content", value.isEmpty() ? "(empty MISP value)" : value);
            n.putArray("object_refs").add("report--" + eventKey);
            return n;
        }

        private void sightings(Iterable<JsonNode> attributes, String indicatorId) {
            for (JsonNode a : attributes) {
                for (JsonNode s : a.path("Sighting")) {
                    MispSightings.map(s, indicatorId, this::sdo, NAMESPACE, eventKey, problems);
                }
            }
        }

        private void galaxies() {
            List<JsonNode> clusters = new ArrayList<>();
            for (JsonNode g : ev.path("Galaxy")) {
                for (JsonNode c : g.path("GalaxyCluster")) {
                    clusters.add(((ObjectNode) c.deepCopy()).put("x_galaxy_type", g.path("type").asString(c.path("type")
                            .asString(""))));
                }
            }
            for (JsonNode c : clusters) {
                MispGalaxies.map(c, this::newObject, eventTlp, created).ifPresent(target -> {
                    for (String ind : indicatorIds) {
                        ObjectNode r = sdo("relationship", StixIds.v5("relationship", NAMESPACE,
                                ind + "indicates" + target), eventTlp.orElse(null));
                        r.put("relationship_type", "indicates");
                        r.put("source_ref", ind);
                        r.put("target_ref", target);
                        reportRefs.add(r.get("id").asString());
                    }
                });
            }
        }

        private void report() {
            ObjectNode r = sdo("report", "report--" + eventKey, eventTlp.orElse(null));
            r.put("name", ev.path("info").asString("MISP event " + eventKey));
            long published = ev.path("publish_timestamp").asLong(0);
            r.put("published", published > 0 ? StixTimestamp.format(Instant.ofEpochSecond(published)) : created);
            r.putArray("report_types").add("threat-report");
            if (reportRefs.isEmpty()) {
                reportRefs.add(identityId);
            }
            r.set("object_refs", reportRefs);
            List<String> labels = labels(ev.path("Tag"));
            if (!labels.isEmpty()) {
                ArrayNode l = r.putArray("labels");
                labels.forEach(l::add);
            }
            r.put("x_misp_event_uuid", eventKey);
            r.put("x_misp_threat_level_id", ev.path("threat_level_id").asString(""));
            r.put("x_misp_analysis", ev.path("analysis").asString(""));
            r.put("x_misp_distribution", ev.path("distribution").asString(""));
        }

        private String timestamp(JsonNode node) {
            long ts = node.path("timestamp").asLong(0);
            if (ts > 0) {
                return StixTimestamp.format(Instant.ofEpochSecond(ts));
            }
            try {
                return StixTimestamp.format(LocalDate.parse(node.path("date").asString("")).atStartOfDay(ZoneOffset.UTC).toInstant());
            } catch (java.time.format.DateTimeParseException e) {
                return StixTimestamp.format(clock.instant());
            }
        }
    }

    /**
     * The MISP uuid when it is a real RFC 4122 UUID, else a UUIDv5 of it (or of {@code content} when absent), so ids
     * stay deterministic and valid.
     */
    static String uuidOf(String mispUuid, String content) {
        if (org.mburoja.stix.StixIdentifier.parse("x-x--" + mispUuid).isPresent()) {
            return mispUuid.toLowerCase(Locale.ROOT);
        }
        return StixIds.v5("x", NAMESPACE, mispUuid.isEmpty() ? content : "misp-uuid:" + mispUuid).substring(3);
    }

    static Optional<Tlp> tlp(JsonNode tags) {
        Optional<Tlp> most = Optional.empty();
        for (JsonNode t : tags) {
            String name = t.path("name").asString("").toLowerCase(Locale.ROOT);
            if (name.startsWith("tlp:")) {
                most = max(most, Tlp.ofLabel(name));
            }
        }
        return most;
    }

    static Optional<Tlp> max(Optional<Tlp> a, Optional<Tlp> b) {
        return a.isEmpty() ? b : b.isEmpty() ? a : Optional.of(a.get().max(b.get()));
    }

    static List<String> labels(JsonNode tags) {
        List<String> out = new ArrayList<>();
        for (JsonNode t : tags) {
            String name = t.path("name").asString("");
            String lower = name.toLowerCase(Locale.ROOT);
            if (!name.isEmpty() && !lower.startsWith("tlp:") && !lower.startsWith("misp-galaxy:")) {
                out.add(name);
            }
        }
        return out;
    }

    static String abbreviate(String s) {
        return s.length() <= 100 ? s : s.substring(0, 97) + "...";
    }
}
