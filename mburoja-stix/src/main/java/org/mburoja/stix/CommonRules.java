package org.mburoja.stix;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.mburoja.stix.StixValidator.Findings;
import org.mburoja.stix.model.ObjectKind;
import org.mburoja.stix.model.ObjectType;
import tools.jackson.databind.JsonNode;

/**
 * The rules every STIX object follows (specification section 3): spec_version, created/modified, created_by_ref,
 * markings, labels, confidence, external references, kill-chain phases, hashes, and the shape of every reference.
 */
final class CommonRules {

    private static final Set<String> TYPED_COMMON = Set.of("created_by_ref", "object_marking_refs");

    private CommonRules() {
    }

    static void check(JsonNode o, ObjectKind kind, String id, Findings f) {
        boolean sco = kind == ObjectKind.SCO;
        String type = o.path("type").asString("");
        JsonNode spec = o.get("spec_version");
        if (spec == null) {
            if (!sco && kind != ObjectKind.CUSTOM) {
                f.error(id, "spec_version", "required property missing");
            }
        } else if (!spec.isString() || !spec.stringValue().equals("2.1")) {
            f.error(id, "spec_version", "must be \"2.1\", found " + StixValidator.abbreviate(spec.toString()));
        }
        boolean needsCreated = kind == ObjectKind.SDO || kind == ObjectKind.SRO || kind == ObjectKind.SMO;
        boolean needsModified = needsCreated && !type.equals("marking-definition");
        timestampProperty(o, "created", needsCreated, id, f);
        timestampProperty(o, "modified", needsModified, id, f);
        if (o.path("created").isString() && o.path("modified").isString()
                && StixTimestamp.problem(o.get("created").stringValue()).isEmpty()
                && StixTimestamp.problem(o.get("modified").stringValue()).isEmpty()
                && StixTimestamp.parse(o.get("modified").stringValue())
                .isBefore(StixTimestamp.parse(o.get("created").stringValue()))) {
            f.error(id, "modified", "must not be earlier than created");
        }
        if (o.has("created_by_ref")) {
            typedReference(o.get("created_by_ref"), Set.of("identity"), false, id, "created_by_ref", f);
        }
        if (o.has("object_marking_refs")) {
            typedReference(o.get("object_marking_refs"), Set.of("marking-definition"), true, id,
                    "object_marking_refs", f);
        }
        if (o.has("granular_markings")) {
            granularMarkings(o, id, f);
        }
        if (o.has("labels")) {
            stringList(o.get("labels"), id, "labels", f);
        }
        if (o.has("confidence")) {
            JsonNode c = o.get("confidence");
            if (!c.isIntegralNumber() || !c.canConvertToInt() || c.intValue() < 0 || c.intValue() > 100) {
                f.error(id, "confidence", "must be an integer from 0 to 100");
            }
        }
        for (String bool : new String[] {"revoked", "defanged"}) {
            if (o.has(bool) && !o.get(bool).isBoolean()) {
                f.error(id, bool, "must be a boolean");
            }
        }
        if (o.has("external_references")) {
            externalReferences(o.get("external_references"), id, f);
        }
        if (o.has("kill_chain_phases")) {
            killChainPhases(o.get("kill_chain_phases"), id, f);
        }
        for (Map.Entry<String, JsonNode> e : o.properties()) {
            String name = e.getKey();
            boolean isRef = name.endsWith("_ref") || name.endsWith("_refs");
            boolean typed = TYPED_COMMON.contains(name) || org.mburoja.stix.model.StixTypes.find(type)
                    .map(d -> d.references().containsKey(name)).orElse(false);
            if (isRef && !typed) {
                typedReference(e.getValue(), Set.of(ObjectType.ANY), name.endsWith("_refs"), id, name, f);
            }
        }
        hashesAnywhere(o, id, "", f, 0);
    }

    static void timestampProperty(JsonNode o, String p, boolean required, String id, Findings f) {
        JsonNode v = o.get(p);
        if (v == null) {
            if (required) {
                f.error(id, p, "required property missing");
            }
            return;
        }
        timestamp(v, id, p, true, f);
    }

    static void timestamp(JsonNode v, String id, String p, boolean millis, Findings f) {
        if (!v.isString()) {
            f.error(id, p, "timestamp must be a string");
            return;
        }
        Optional<String> problem = StixTimestamp.problem(v.stringValue());
        if (problem.isPresent()) {
            f.error(id, p, problem.get() + ": '" + StixValidator.abbreviate(v.stringValue()) + "'");
        } else if (millis && !StixTimestamp.hasMillis(v.stringValue())) {
            f.error(id, p, "must be precise to the millisecond (.sss)");
        }
    }

    /** Checks a reference property against the targets the type catalogue allows. */
    static void reference(JsonNode v, ObjectType def, String prop, String id, String path, Findings f) {
        boolean list = prop.endsWith("_refs");
        if (!checkShape(v, list, id, path, f)) {
            return;
        }
        for (JsonNode item : list ? v : java.util.List.of(v)) {
            StixIdentifier.parse(item.stringValue()).ifPresent(target -> {
                if (!def.allowsTarget(prop, target.type())) {
                    f.error(id, path, "must not refer to a " + target.type() + " (allowed: "
                            + String.join(", ", new java.util.TreeSet<>(def.references().get(prop))) + ")");
                }
            });
        }
    }

    static void typedReference(JsonNode v, Set<String> allowed, boolean list, String id, String path, Findings f) {
        if (!checkShape(v, list, id, path, f)) {
            return;
        }
        for (JsonNode item : list ? v : java.util.List.of(v)) {
            StixIdentifier.parse(item.stringValue()).ifPresent(target -> {
                if (!allowed.contains(ObjectType.ANY) && !allowed.contains(target.type())) {
                    f.error(id, path, "must refer to " + String.join(" or ", allowed) + ", not " + target.type());
                }
            });
        }
    }

    private static boolean checkShape(JsonNode v, boolean list, String id, String path, Findings f) {
        if (list) {
            if (!v.isArray() || v.isEmpty()) {
                f.error(id, path, "must be a non-empty list of identifiers");
                return false;
            }
        }
        boolean ok = true;
        for (JsonNode item : list ? v : java.util.List.of(v)) {
            if (!item.isString() || StixIdentifier.parse(item.stringValue()).isEmpty()) {
                f.error(id, path, "not an identifier: " + StixValidator.abbreviate(item.toString()));
                ok = false;
            }
        }
        return ok;
    }

    private static void granularMarkings(JsonNode o, String id, Findings f) {
        JsonNode gm = o.get("granular_markings");
        if (!gm.isArray() || gm.isEmpty()) {
            f.error(id, "granular_markings", "must be a non-empty list");
            return;
        }
        int i = 0;
        for (JsonNode m : gm) {
            String p = "granular_markings[" + i++ + "]";
            if (!m.isObject()) {
                f.error(id, p, "must be an object");
                continue;
            }
            boolean ref = m.has("marking_ref");
            boolean lang = m.has("lang");
            if (ref == lang) {
                f.error(id, p, "exactly one of marking_ref and lang is required");
            }
            if (ref) {
                typedReference(m.get("marking_ref"), Set.of("marking-definition"), false, id, p + ".marking_ref", f);
            }
            JsonNode sel = m.get("selectors");
            if (sel == null || !sel.isArray() || sel.isEmpty()) {
                f.error(id, p + ".selectors", "must be a non-empty list of selectors");
                continue;
            }
            for (JsonNode s : sel) {
                if (!s.isString() || !GranularSelectors.resolves(o, s.stringValue())) {
                    f.error(id, p + ".selectors", "selector " + StixValidator.abbreviate(s.toString())
                            + " does not select a property of this object");
                }
            }
        }
    }

    private static void stringList(JsonNode v, String id, String p, Findings f) {
        if (!v.isArray() || v.isEmpty()) {
            f.error(id, p, "must be a non-empty list of strings");
            return;
        }
        for (JsonNode s : v) {
            if (!s.isString()) {
                f.error(id, p, "must contain only strings");
                return;
            }
        }
    }

    private static void externalReferences(JsonNode v, String id, Findings f) {
        if (!v.isArray() || v.isEmpty()) {
            f.error(id, "external_references", "must be a non-empty list");
            return;
        }
        int i = 0;
        for (JsonNode r : v) {
            String p = "external_references[" + i++ + "]";
            if (!r.isObject() || !r.path("source_name").isString()) {
                f.error(id, p + ".source_name", "required property missing");
                continue;
            }
            if (!r.has("description") && !r.has("url") && !r.has("external_id")) {
                f.error(id, p, "needs at least one of description, url, external_id");
            }
            String source = r.get("source_name").stringValue();
            String ext = r.path("external_id").asString("");
            if (source.equals("cve") && !ext.matches("CVE-\\d{4}-\\d{4,}")) {
                f.error(id, p + ".external_id", "a cve reference needs an id like CVE-2021-44228");
            } else if (source.equals("capec") && !ext.matches("CAPEC-\\d+")) {
                f.error(id, p + ".external_id", "a capec reference needs an id like CAPEC-163");
            }
        }
    }

    private static void killChainPhases(JsonNode v, String id, Findings f) {
        if (!v.isArray() || v.isEmpty()) {
            f.error(id, "kill_chain_phases", "must be a non-empty list");
            return;
        }
        int i = 0;
        for (JsonNode k : v) {
            String p = "kill_chain_phases[" + i++ + "]";
            if (!k.path("kill_chain_name").isString() || !k.path("phase_name").isString()) {
                f.error(id, p, "needs kill_chain_name and phase_name strings");
            }
        }
    }

    private static void hashesAnywhere(JsonNode node, String id, String path, Findings f, int depth) {
        if (depth > StixJson.MAX_DEPTH || !node.isContainer()) {
            return;
        }
        if (node.isArray()) {
            int i = 0;
            for (JsonNode n : node) {
                hashesAnywhere(n, id, path + "[" + i++ + "]", f, depth + 1);
            }
            return;
        }
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            String p = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
            if (e.getKey().equals("hashes")) {
                hashes(e.getValue(), id, p, f);
            } else {
                hashesAnywhere(e.getValue(), id, p, f, depth + 1);
            }
        }
    }

    private static void hashes(JsonNode h, String id, String p, Findings f) {
        if (!h.isObject() || h.isEmpty()) {
            f.error(id, p, "must be a non-empty dictionary of hash values");
            return;
        }
        for (Map.Entry<String, JsonNode> e : h.properties()) {
            if (e.getKey().length() > 250) {
                f.error(id, p, "hash algorithm names must not exceed 250 characters");
            } else if (!e.getValue().isString()) {
                f.error(id, p + "." + e.getKey(), "hash value must be a string");
            } else {
                HashValues.problem(e.getKey(), e.getValue().stringValue())
                        .ifPresent(msg -> f.error(id, p + "." + e.getKey(), msg));
            }
        }
    }
}
