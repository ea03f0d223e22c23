package org.mburoja.intel.internal;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.mburoja.stix.marking.Tlp;
import org.mburoja.stix.StixProblem;
import org.mburoja.stix.StixTimestamp;
import org.mburoja.stix.StixValidator;
import tools.jackson.databind.JsonNode;

/**
 * Checks one object of an envelope before it is stored: the common properties every STIX 2.1 object needs (type,
 * id as {@code type--uuid}, spec_version, created/modified as RFC 3339 UTC timestamps, reference formats, markings)
 * and the required properties of indicators, relationships and sightings, and extracts what the store indexes.
 *
 * <p>After these checks the STIX engine's {@link StixValidator} runs the full per-type validation; its errors
 * (not its warnings) refuse the object. Unknown and custom properties are left alone (stored as received). Timestamps keep microsecond precision in the index;
 * two versions that differ only below a microsecond count as the same version.
 */
final class StixObjectCheck {

    static final Set<String> OBSERVABLE_TYPES = Set.of("artifact", "autonomous-system", "directory", "domain-name",
            "email-addr", "email-message", "file", "ipv4-addr", "ipv6-addr", "mac-addr", "mutex", "network-traffic",
            "process", "software", "url", "user-account", "windows-registry-key", "x509-certificate");

    // the shapes below are checked by hand (typeOk, uuidOk, timestampOk): these regular expressions and Instant.parse
    // cost a fifth of the ingest's JVM time; StixObjectCheckShapesTest holds them as the oracle
    private static final int MAX_VALUES = 64;
    private static final StixValidator VALIDATOR = new StixValidator();
    private static final int MAX_VALUE_LENGTH = 1000;

    private StixObjectCheck() {
    }

    /** The outcome of the check: an admissible object with its index facts, or the reason it is refused. */
    sealed interface Result permits Admissible, Refused {
    }

    /**
     * @param version     null when the object has neither modified nor created (versioned by date_added)
     * @param values      lower-cased literals of a STIX pattern and observable values/hashes, for search
     */
    record Admissible(String id, String type, String specVersion, Instant version, String versionText,
                      boolean revoked, Tlp tlp, String createdByRef, List<String> labels, List<String> values)
            implements Result {
    }

    record Refused(String id, String versionText, String reason) implements Result {
    }

    static Result check(JsonNode o) {
        if (o == null || !o.isObject()) {
            return new Refused(null, null, "not a JSON object");
        }
        String id = text(o, "id");
        String modified = text(o, "modified");
        String created = text(o, "created");
        String versionText = modified != null ? modified : created;
        String nul = nulAt(o, "");
        if (nul != null) {
            // PostgreSQL text cannot hold U+0000: refused here, per object, instead of failing the whole batch
            return new Refused(printable(id), printable(versionText),
                    "contains the character U+0000 (NUL) in " + abbreviate(nul) + ", which cannot be stored");
        }
        try {
            Admissible admitted = admit(o, id, versionText, created, modified);
            List<StixProblem> errors = VALIDATOR.validateObject(o).stream()
                    .filter(p -> p.severity() == StixProblem.Severity.ERROR).toList();
            if (!errors.isEmpty()) {
                return new Refused(id, versionText, describe(errors));
            }
            return admitted;
        } catch (Invalid e) {
            return new Refused(id, versionText, e.getMessage());
        }
    }

    private static Admissible admit(JsonNode o, String id, String versionText, String created, String modified) {
        String type = requireString(o, "type");
        if (!typeOk(type)) {
            throw new Invalid("type: '" + abbreviate(type) + "' is not 3-250 characters of a-z, 0-9 and '-'");
        }
        if (type.equals("bundle")) {
            throw new Invalid("type: a bundle cannot be an object of an envelope or bundle");
        }
        requireString(o, "id");
        if (!id.startsWith(type + "--") || !uuidOk(id, type.length() + 2)) {
            throw new Invalid("id: '" + abbreviate(id) + "' is not '" + type + "--<uuid>'");
        }
        boolean observable = OBSERVABLE_TYPES.contains(type);
        String specVersion = text(o, "spec_version");
        if (specVersion == null && o.has("spec_version")) {
            throw new Invalid("spec_version: must be a string");
        }
        if (specVersion == null && !observable) {
            throw new Invalid("spec_version: required");
        }
        if (specVersion != null && !specVersion.equals("2.1")) {
            throw new Invalid("spec_version: '" + abbreviate(specVersion) + "' is not supported (only 2.1)");
        }
        Instant createdAt = timestamp(o, "created", !observable);
        Instant modifiedAt = timestamp(o, "modified", !observable && !type.equals("marking-definition"));
        if (createdAt != null && modifiedAt != null && modifiedAt.isBefore(createdAt)) {
            throw new Invalid("modified: " + modified + " is before created " + created);
        }
        JsonNode revokedNode = o.get("revoked");
        if (revokedNode != null && !revokedNode.isBoolean()) {
            throw new Invalid("revoked: must be true or false");
        }
        String createdBy = text(o, "created_by_ref");
        if (o.has("created_by_ref")) {
            reference(createdBy, "created_by_ref", "identity");
        }
        Tlp tlp = markings(o);
        List<String> labels = strings(o, "labels");
        List<String> values = new ArrayList<>();
        switch (type) {
            case "indicator" -> {
                String pattern = requireString(o, "pattern");
                String patternType = requireString(o, "pattern_type");
                Instant from = timestamp(o, "valid_from", true);
                Instant until = timestamp(o, "valid_until", false);
                if (until != null && !until.isAfter(from)) {
                    throw new Invalid("valid_until: must be later than valid_from");
                }
                if (patternType.equals("stix")) {
                    PatternLiterals.collect(pattern, values);
                }
            }
            case "relationship" -> {
                requireString(o, "relationship_type");
                reference(requireString(o, "source_ref"), "source_ref", null);
                reference(requireString(o, "target_ref"), "target_ref", null);
            }
            case "sighting" -> reference(requireString(o, "sighting_of_ref"), "sighting_of_ref", null);
            default -> observableValues(o, values);
        }
        Instant version = modifiedAt != null ? modifiedAt : createdAt;
        return new Admissible(id, type, specVersion == null ? "2.1" : specVersion,
                version == null ? null : version.truncatedTo(ChronoUnit.MICROS),
                version == null ? null : (modifiedAt != null ? modified : created),
                revokedNode != null && revokedNode.booleanValue(), tlp, createdBy, labels, bounded(values));
    }

    private static Tlp markings(JsonNode o) {
        Tlp tlp = null;
        JsonNode refs = o.get("object_marking_refs");
        if (refs != null) {
            if (!refs.isArray()) {
                throw new Invalid("object_marking_refs: must be a list");
            }
            for (JsonNode r : refs) {
                String ref = r.isString() ? r.stringValue() : null;
                reference(ref, "object_marking_refs", "marking-definition");
                tlp = stricter(tlp, Tlp.ofMarkingId(ref).orElse(null));
            }
        }
        JsonNode granular = o.get("granular_markings");
        if (granular != null) {
            if (!granular.isArray()) {
                throw new Invalid("granular_markings: must be a list");
            }
            for (JsonNode g : granular) {
                String ref = g.isObject() ? text(g, "marking_ref") : null;
                if (ref != null) {
                    reference(ref, "granular_markings.marking_ref", "marking-definition");
                    tlp = stricter(tlp, Tlp.ofMarkingId(ref).orElse(null));
                }
            }
        }
        return tlp;
    }

    private static String describe(List<StixProblem> errors) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < Math.min(3, errors.size()); i++) {
            StixProblem p = errors.get(i);
            b.append(i == 0 ? "" : "; ").append(p.property() == null || p.property().isEmpty() ? "" : p.property() + ": ")
                    .append(p.message());
        }
        if (errors.size() > 3) {
            b.append("; and ").append(errors.size() - 3).append(" more problems");
        }
        return b.toString();
    }

    private static Tlp stricter(Tlp a, Tlp b) {
        return a == null ? b : b == null ? a : a.max(b);
    }

    private static void observableValues(JsonNode o, List<String> values) {
        String value = text(o, "value");
        if (value != null) {
            values.add(value);
        }
        JsonNode hashes = o.get("hashes");
        if (hashes != null && hashes.isObject()) {
            for (JsonNode h : hashes.values()) {
                if (h.isString()) {
                    values.add(h.stringValue());
                }
            }
        }
    }

    private static List<String> bounded(List<String> raw) {
        Set<String> out = new LinkedHashSet<>();
        for (String v : raw) {
            if (out.size() == MAX_VALUES) {
                break;
            }
            if (!v.isEmpty() && v.length() <= MAX_VALUE_LENGTH) {
                out.add(v.toLowerCase(Locale.ROOT));
            }
        }
        return List.copyOf(out);
    }

    private static List<String> strings(JsonNode o, String name) {
        JsonNode n = o.get(name);
        if (n == null) {
            return List.of();
        }
        if (!n.isArray()) {
            throw new Invalid(name + ": must be a list of strings");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode e : n) {
            if (!e.isString()) {
                throw new Invalid(name + ": must be a list of strings");
            }
            if (e.stringValue().length() <= 250) {
                out.add(e.stringValue());
            }
        }
        return out;
    }

    private static void reference(String ref, String property, String requiredType) {
        int sep = ref == null ? -1 : ref.indexOf("--");
        if (sep < 1 || !typeOk(ref.substring(0, sep)) || !uuidOk(ref, sep + 2)) {
            throw new Invalid(property + ": '" + abbreviate(ref) + "' is not an identifier <type>--<uuid>");
        }
        if (requiredType != null && !ref.startsWith(requiredType + "--")) {
            throw new Invalid(property + ": '" + abbreviate(ref) + "' must reference a " + requiredType);
        }
    }

    private static Instant timestamp(JsonNode o, String name, boolean required) {
        JsonNode n = o.get(name);
        if (n == null) {
            if (required) {
                throw new Invalid(name + ": required");
            }
            return null;
        }
        String s = n.isString() ? n.stringValue() : null;
        if (s == null || !timestampOk(s)) {
            throw new Invalid(name + ": '" + abbreviate(String.valueOf(s == null ? n : s))
                    + "' is not a timestamp YYYY-MM-DDTHH:MM:SS[.s]Z");
        }
        Instant t = instant(s);
        if (t == null) {
            throw new Invalid(name + ": '" + s + "' is not a valid date or time");
        }
        return t;
    }

    /** Type names as stored: 3-250 characters of a-z, 0-9 and '-', not starting or ending with '-'. */
    static boolean typeOk(String t) {
        int n = t.length();
        if (n < 3 || n > 250 || t.charAt(0) == '-' || t.charAt(n - 1) == '-') {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char c = t.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-')) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code s} from {@code from} to its end is a UUID: 8-4-4-4-12 ASCII hexadecimal digits. */
    static boolean uuidOk(String s, int from) {
        if (s.length() - from != 36) {
            return false;
        }
        for (int i = 0; i < 36; i++) {
            char c = s.charAt(from + i);
            boolean ok = i == 8 || i == 13 || i == 18 || i == 23
                    ? c == '-'
                    : c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** The shape {@code YYYY-MM-DDTHH:MM:SS[.s]Z} with one to nine fractional digits, ASCII digits only. */
    static boolean timestampOk(String s) {
        int n = s.length();
        if (n != 20 && (n < 22 || n > 30) || s.charAt(n - 1) != 'Z') {
            return false;
        }
        for (int i = 0; i < n - 1; i++) {
            char c = s.charAt(i);
            boolean ok = switch (i) {
                case 4, 7 -> c == '-';
                case 10 -> c == 'T';
                case 13, 16 -> c == ':';
                case 19 -> c == '.';
                default -> c >= '0' && c <= '9';
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /**
     * The instant of a timestamp of the right shape, read as {@link Instant#parse} reads it; null when that refuses
     * it. Plain valid times take {@link StixTimestamp#parse} (no formatter); the rest (a leap second, 24:00, impossible
     * dates) goes through {@link Instant#parse} itself, so what is accepted and how it is read stays the same.
     */
    static Instant instant(String s) {
        if (!s.startsWith("60", 17)) {
            try {
                return StixTimestamp.parse(s);
            } catch (IllegalArgumentException e) {
                // not a plain valid time: Instant.parse decides below
            }
        }
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String requireString(JsonNode o, String name) {
        JsonNode n = o.get(name);
        if (n == null || n.isNull()) {
            throw new Invalid(name + ": required");
        }
        if (!n.isString() || n.stringValue().isEmpty()) {
            throw new Invalid(name + ": must be a non-empty string");
        }
        return n.stringValue();
    }

    static String text(JsonNode o, String name) {
        JsonNode n = o.get(name);
        return n != null && n.isString() ? n.stringValue() : null;
    }

    /** The path of the first property name or string holding U+0000 ({@code labels[1]}, {@code x_...}), or null. */
    private static String nulAt(JsonNode n, String path) {
        if (n.isString()) {
            return n.stringValue().indexOf('\0') >= 0 ? (path.isEmpty() ? "the value" : path) : null;
        }
        if (n.isArray()) {
            for (int i = 0; i < n.size(); i++) {
                String found = nulAt(n.get(i), path + "[" + i + "]");
                if (found != null) {
                    return found;
                }
            }
            return null;
        }
        if (n.isObject()) {
            for (var e : n.properties()) {
                String name = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
                if (e.getKey().indexOf('\0') >= 0) {
                    return "the property name " + printable(name);
                }
                String found = nulAt(e.getValue(), name);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    /** Text with U+0000 written as the JSON escape, so a report of it can be stored and shown. */
    private static String printable(String s) {
        return s == null || s.indexOf('\0') < 0 ? s : s.replace("\0", "\\u0000");
    }

    private static String abbreviate(String s) {
        return s == null ? "null" : s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }

    /** A refusal with its reason, thrown inside the check only. */
    private static final class Invalid extends RuntimeException {
        Invalid(String message) {
            super(message, null, false, false);
        }
    }
}
