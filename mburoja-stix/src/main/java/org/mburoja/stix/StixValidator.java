package org.mburoja.stix;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.mburoja.stix.StixProblem.Severity;
import org.mburoja.stix.model.ObjectKind;
import org.mburoja.stix.model.ObjectType;
import org.mburoja.stix.model.StixTypes;
import org.mburoja.stix.model.Vocabulary;
import tools.jackson.databind.JsonNode;

/**
 * Checks STIX 2.1 content (a bundle, one object, or a JSON array of objects) against the specification and reports
 * every problem with the object id and the property, like OASIS's stix2-validator.
 *
 * <p>Errors are MUSTs of the specification; warnings are SHOULDs (open vocabularies, UUID versions, duplicate
 * versions in a bundle). Unknown properties and custom object types are not errors: they must survive a round trip,
 * so the validator only checks that their names are legal. Cost: one pass over the tree plus, for STIX indicators,
 * one pattern parse.
 */
public final class StixValidator {

    private static final Pattern EXTENSION_KEY = Pattern.compile("^[a-z][a-z0-9]*(-[a-z0-9]+)*-ext$");

    /** Validates a document: a bundle, a single object or an array of objects. */
    public List<StixProblem> validate(JsonNode document) {
        Findings f = new Findings();
        if (document.isArray()) {
            int i = 0;
            for (JsonNode o : document) {
                validateObject(o, "(index " + i++ + ")", f);
            }
        } else if (document.isObject()) {
            validateObject(document, "(document)", f);
        } else {
            f.error("(document)", "", "expected a STIX bundle or object, found JSON " + document.getNodeType());
        }
        return f.list;
    }

    /** Validates one object (a bundle is validated with all its contents). */
    public List<StixProblem> validateObject(JsonNode object) {
        Findings f = new Findings();
        validateObject(object, "(document)", f);
        return f.list;
    }

    private void validateObject(JsonNode o, String where, Findings f) {
        if (!o.isObject()) {
            f.error(where, "", "a STIX object must be a JSON object, found " + o.getNodeType());
            return;
        }
        String type = o.path("type").isString() ? o.path("type").stringValue() : null;
        String id = o.path("id").isString() ? o.path("id").stringValue() : where;
        if (type == null) {
            f.error(id, "type", "required property missing or not a string");
            return;
        }
        if (!StixIdentifier.validType(type)) {
            f.error(id, "type", "'" + abbreviate(type) + "' is not a valid type name (3-250 of a-z, 0-9, '-')");
            return;
        }
        Optional<ObjectType> def = StixTypes.find(type);
        ObjectKind kind = def.map(ObjectType::kind).orElse(ObjectKind.CUSTOM);
        checkId(o, type, kind, id, f);
        checkPropertyNames(o, id, f);
        if (kind == ObjectKind.BUNDLE) {
            checkBundle(o, id, f);
            return;
        }
        CommonRules.check(o, kind, id, f);
        def.ifPresent(d -> {
            for (String p : d.required()) {
                if (!o.has(p)) {
                    f.error(id, p, "required property of " + type + " missing");
                }
            }
            for (String p : d.timestamps()) {
                if (o.has(p)) {
                    CommonRules.timestamp(o.get(p), id, p, false, f);
                }
            }
            for (Map.Entry<String, Vocabulary> v : d.vocabularies().entrySet()) {
                if (o.has(v.getKey())) {
                    vocabulary(o.get(v.getKey()), v.getValue(), id, v.getKey(), f);
                }
            }
            for (String p : d.references().keySet()) {
                if (o.has(p)) {
                    CommonRules.reference(o.get(p), d, p, id, p, f);
                }
            }
            TypeRules.check(o, d, id, f);
        });
        if (def.isEmpty()) {
            f.warning(id, "type", "custom object type '" + type + "' is not defined by STIX 2.1; kept unchecked");
        }
    }

    private static void checkId(JsonNode o, String type, ObjectKind kind, String id, Findings f) {
        JsonNode idNode = o.get("id");
        if (idNode == null || !idNode.isString()) {
            f.error(id, "id", "required property missing or not a string");
            return;
        }
        Optional<StixIdentifier> parsed = StixIdentifier.parse(idNode.stringValue());
        if (parsed.isEmpty()) {
            f.error(id, "id", "not an identifier of the form type--uuid with an RFC 4122 UUID");
            return;
        }
        if (!parsed.get().type().equals(type)) {
            f.error(id, "id", "identifier prefix '" + parsed.get().type() + "' does not match type '" + type + "'");
        }
        int version = parsed.get().version();
        if (kind == ObjectKind.SCO && version != 4 && version != 5) {
            f.warning(id, "id", "cyber-observable identifiers should use UUIDv5 (or v4), found v" + version);
        } else if (kind != ObjectKind.SCO && kind != ObjectKind.CUSTOM && version != 4) {
            f.warning(id, "id", "identifiers of " + kind + " objects should use UUIDv4, found v" + version);
        }
    }

    /** 1-250 characters of a-z, 0-9 and '_' (by hand: a regular expression here cost 5% of a bulk ingest). */
    static boolean propertyNameOk(String name) {
        int n = name.length();
        if (n < 1 || n > 250) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char c = name.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_')) {
                return false;
            }
        }
        return true;
    }

    private static void checkPropertyNames(JsonNode o, String id, Findings f) {
        for (String name : o.propertyNames()) {
            if (!propertyNameOk(name)) {
                f.error(id, abbreviate(name), "property names must be 1-250 characters of a-z, 0-9 and '_'");
            } else if (name.length() < 3 && !name.equals("id")) {
                f.error(id, name, "custom property names must have at least 3 characters");
            }
        }
        JsonNode ext = o.get("extensions");
        if (ext != null && ext.isObject()) {
            for (Map.Entry<String, JsonNode> e : ext.properties()) {
                String key = e.getKey();
                boolean defined = key.startsWith("extension-definition--")
                        && StixIdentifier.parse(key).isPresent();
                if (!defined && !EXTENSION_KEY.matcher(key).matches()) {
                    f.error(id, "extensions." + abbreviate(key),
                            "extension keys must be an extension-definition id or end in '-ext'");
                }
                if (!e.getValue().isObject() || e.getValue().isEmpty()) {
                    f.error(id, "extensions." + abbreviate(key), "an extension must be a non-empty JSON object");
                } else if (e.getValue().has("extension_type")) {
                    vocabulary(e.getValue().get("extension_type"),
                            org.mburoja.stix.model.Vocabularies.EXTENSION_TYPE, id,
                            "extensions." + key + ".extension_type", f);
                }
            }
        } else if (ext != null) {
            f.error(id, "extensions", "must be a JSON object (a dictionary of extensions)");
        }
    }

    private void checkBundle(JsonNode o, String id, Findings f) {
        if (o.has("spec_version")) {
            f.warning(id, "spec_version", "STIX 2.1 bundles have no spec_version (a STIX 2.0 leftover)");
        }
        JsonNode objects = o.get("objects");
        if (objects == null) {
            return;
        }
        if (!objects.isArray()) {
            f.error(id, "objects", "must be a list of STIX objects");
            return;
        }
        Set<String> versions = new HashSet<>();
        int i = 0;
        for (JsonNode member : objects) {
            String where = "(" + id + " objects[" + i++ + "])";
            if (member.isObject() && "bundle".equals(member.path("type").asString(""))) {
                f.error(where, "type", "a bundle must not contain another bundle");
                continue;
            }
            validateObject(member, where, f);
            if (member.isObject() && member.path("id").isString()) {
                String version = member.path("id").stringValue() + "@" + member.path("modified").asString("");
                if (!versions.add(version)) {
                    f.warning(member.path("id").stringValue(), "modified",
                            "the bundle holds this id and modified more than once");
                }
            }
        }
    }

    static void vocabulary(JsonNode value, Vocabulary v, String id, String property, Findings f) {
        List<JsonNode> values = new ArrayList<>();
        if (value.isArray()) {
            value.forEach(values::add);
        } else {
            values.add(value);
        }
        for (JsonNode item : values) {
            if (!item.isString()) {
                f.error(id, property, "vocabulary value must be a string");
            } else if (!v.values().contains(item.stringValue())) {
                String msg = "'" + abbreviate(item.stringValue()) + "' is not in " + v.name();
                if (v.open()) {
                    f.warning(id, property, msg);
                } else {
                    f.error(id, property, msg);
                }
            }
        }
    }

    static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }

    /** The problems found so far; package-private so the rule classes can add to it. */
    static final class Findings {
        final List<StixProblem> list = new ArrayList<>();

        void error(String id, String property, String message) {
            list.add(new StixProblem(Severity.ERROR, id, property, message));
        }

        void warning(String id, String property, String message) {
            list.add(new StixProblem(Severity.WARNING, id, property, message));
        }
    }
}
