package org.mburoja.stix;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Base64;
import java.util.regex.Pattern;
import org.mburoja.stix.StixValidator.Findings;
import org.mburoja.stix.model.ObjectType;
import org.mburoja.stix.pattern.PatternParser;
import org.mburoja.stix.pattern.PatternSyntaxException;
import tools.jackson.databind.JsonNode;

/**
 * Rules that span several properties of one type (specification sections 4 to 7): "at least one of", ranges, value
 * formats of observables, TLP marking ids, and STIX patterns of indicators.
 */
final class TypeRules {

    private static final Pattern IPV4 = Pattern.compile(
            "^((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(/(3[0-2]|[12]?\\d))?$");
    private static final Pattern MAC = Pattern.compile("^([0-9a-f]{2}:){5}[0-9a-f]{2}$");
    private static final Pattern RELATIONSHIP_TYPE = Pattern.compile("^[a-z0-9-]{1,250}$");

    private TypeRules() {
    }

    static void check(JsonNode o, ObjectType def, String id, Findings f) {
        switch (def.name()) {
            case "indicator" -> indicator(o, id, f);
            case "malware" -> {
                if (o.has("is_family") && !o.get("is_family").isBoolean()) {
                    f.error(id, "is_family", "must be a boolean");
                } else if (o.path("is_family").asBoolean(false) && !o.has("name")) {
                    f.error(id, "name", "required when is_family is true");
                }
                order(o, "first_seen", "last_seen", id, f);
            }
            case "malware-analysis" -> {
                if (!o.has("result") && !o.has("analysis_sco_refs")) {
                    f.error(id, "result", "one of result or analysis_sco_refs is required");
                }
            }
            case "location" -> location(o, id, f);
            case "observed-data" -> {
                range(o, "number_observed", 1, 999_999_999L, id, f);
                order(o, "first_observed", "last_observed", id, f);
                if (o.has("objects") == o.has("object_refs")) {
                    f.error(id, "object_refs", "exactly one of object_refs and the deprecated objects is required");
                }
            }
            case "sighting" -> {
                range(o, "count", 0, 999_999_999L, id, f);
                order(o, "first_seen", "last_seen", id, f);
            }
            case "relationship" -> {
                if (o.path("relationship_type").isString()
                        && !RELATIONSHIP_TYPE.matcher(o.get("relationship_type").stringValue()).matches()) {
                    f.error(id, "relationship_type", "must use only a-z, 0-9 and '-'");
                }
                order(o, "start_time", "stop_time", id, f);
            }
            case "campaign", "infrastructure", "intrusion-set", "threat-actor" ->
                    order(o, "first_seen", "last_seen", id, f);
            case "file" -> {
                if (!o.has("hashes") && !o.has("name")) {
                    f.error(id, "hashes", "a file needs hashes or name");
                }
            }
            case "artifact" -> artifact(o, id, f);
            case "ipv4-addr" -> value(o, id, f, v -> IPV4.matcher(v).matches(), "an IPv4 address or CIDR");
            case "ipv6-addr" -> value(o, id, f, TypeRules::ipv6, "an IPv6 address or CIDR");
            case "mac-addr" -> value(o, id, f, v -> MAC.matcher(v).matches(),
                    "a MAC address in lowercase, colon-separated form");
            case "email-addr" -> value(o, id, f, v -> v.indexOf('@') > 0 && v.indexOf('@') < v.length() - 1,
                    "an e-mail address");
            case "url" -> value(o, id, f, TypeRules::absoluteUrl, "an absolute URL");
            case "domain-name" -> value(o, id, f, v -> !v.isEmpty() && v.length() <= 253 && !v.contains(" "),
                    "a domain name");
            case "autonomous-system" -> {
                if (o.has("number") && !o.get("number").isIntegralNumber()) {
                    f.error(id, "number", "must be an integer");
                }
            }
            case "network-traffic" -> {
                if (!o.has("src_ref") && !o.has("dst_ref")) {
                    f.error(id, "src_ref", "one of src_ref or dst_ref is required");
                }
                range(o, "src_port", 0, 65535, id, f);
                range(o, "dst_port", 0, 65535, id, f);
            }
            case "email-message" -> {
                boolean multi = o.path("is_multipart").asBoolean(false);
                if (multi && o.has("body")) {
                    f.error(id, "body", "must not be present when is_multipart is true");
                }
                if (!multi && o.has("body_multipart")) {
                    f.error(id, "body_multipart", "must not be present when is_multipart is false");
                }
            }
            case "marking-definition" -> MarkingRules.check(o, id, f);
            case "extension-definition" -> {
                if (!o.path("extension_types").isArray() || o.path("extension_types").isEmpty()) {
                    f.error(id, "extension_types", "must be a non-empty list");
                }
            }
            case "language-content" -> {
                if (!o.path("contents").isObject() || o.path("contents").isEmpty()) {
                    f.error(id, "contents", "must be a non-empty dictionary keyed by language code");
                }
            }
            default -> {
            }
        }
    }

    private static void indicator(JsonNode o, String id, Findings f) {
        order(o, "valid_from", "valid_until", id, f);
        if (o.path("valid_from").isString() && o.path("valid_until").isString()
                && o.get("valid_from").stringValue().equals(o.get("valid_until").stringValue())) {
            f.error(id, "valid_until", "must be later than valid_from");
        }
        if ("stix".equals(o.path("pattern_type").asString("")) && o.path("pattern").isString()) {
            try {
                PatternParser.parse(o.get("pattern").stringValue());
            } catch (PatternSyntaxException e) {
                f.error(id, "pattern", e.getMessage());
            }
        } else if (o.has("pattern") && !o.get("pattern").isString()) {
            f.error(id, "pattern", "must be a string");
        }
    }

    private static void location(JsonNode o, String id, Findings f) {
        boolean lat = o.has("latitude");
        boolean lon = o.has("longitude");
        if (!o.has("region") && !o.has("country") && !(lat && lon)) {
            f.error(id, "region", "a location needs region, country, or latitude and longitude");
        }
        if (lat != lon) {
            f.error(id, lat ? "longitude" : "latitude", "latitude and longitude go together");
        }
        if (o.has("precision") && !(lat && lon)) {
            f.error(id, "precision", "requires latitude and longitude");
        }
        if (lat && (!o.get("latitude").isNumber() || Math.abs(o.get("latitude").doubleValue()) > 90)) {
            f.error(id, "latitude", "must be a number from -90 to 90");
        }
        if (lon && (!o.get("longitude").isNumber() || Math.abs(o.get("longitude").doubleValue()) > 180)) {
            f.error(id, "longitude", "must be a number from -180 to 180");
        }
    }

    private static void artifact(JsonNode o, String id, Findings f) {
        boolean payload = o.has("payload_bin");
        boolean url = o.has("url");
        if (payload && url) {
            f.error(id, "payload_bin", "payload_bin and url must not both be present");
        }
        if (url && !o.has("hashes")) {
            f.error(id, "hashes", "required when url is present");
        }
        if (payload) {
            JsonNode p = o.get("payload_bin");
            if (!p.isString() || !base64(p.stringValue())) {
                f.error(id, "payload_bin", "not valid base64");
            }
        }
    }

    static boolean base64(String s) {
        if (s.length() % 4 != 0) {
            return false;
        }
        try {
            Base64.getDecoder().decode(s);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static void value(JsonNode o, String id, Findings f, java.util.function.Predicate<String> ok,
                              String what) {
        JsonNode v = o.get("value");
        if (v == null) {
            return;
        }
        if (!v.isString() || !ok.test(v.stringValue())) {
            f.error(id, "value", "not " + what + ": " + StixValidator.abbreviate(v.toString()));
        }
    }

    static boolean ipv6(String v) {
        String addr = v;
        int slash = v.indexOf('/');
        if (slash >= 0) {
            String bits = v.substring(slash + 1);
            if (!bits.matches("\\d{1,3}") || Integer.parseInt(bits) > 128) {
                return false;
            }
            addr = v.substring(0, slash);
        }
        if (!addr.contains(":") || !addr.matches("[0-9A-Fa-f:.]+")) {
            return false;
        }
        try {
            return InetAddress.getByName(addr) instanceof Inet6Address
                    || InetAddress.getByName(addr).getAddress().length == 4 && addr.startsWith("::");
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static boolean absoluteUrl(String v) {
        try {
            URI u = new URI(v);
            return u.isAbsolute();
        } catch (URISyntaxException e) {
            return v.matches("^[a-zA-Z][a-zA-Z0-9+.-]*://\\S+$");
        }
    }

    private static void range(JsonNode o, String p, long min, long max, String id, Findings f) {
        JsonNode v = o.get(p);
        if (v != null && (!v.isIntegralNumber() || !v.canConvertToLong() || v.longValue() < min
                || v.longValue() > max)) {
            f.error(id, p, "must be an integer from " + min + " to " + max);
        }
    }

    private static void order(JsonNode o, String first, String last, String id, Findings f) {
        if (!o.path(first).isString() || !o.path(last).isString()) {
            return;
        }
        String a = o.get(first).stringValue();
        String b = o.get(last).stringValue();
        if (StixTimestamp.problem(a).isEmpty() && StixTimestamp.problem(b).isEmpty()
                && StixTimestamp.parse(b).isBefore(StixTimestamp.parse(a))) {
            f.error(id, last, "must not be earlier than " + first);
        }
    }
}
