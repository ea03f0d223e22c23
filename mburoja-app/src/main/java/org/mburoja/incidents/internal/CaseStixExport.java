package org.mburoja.incidents.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.mburoja.incidents.internal.CaseViews.Case;
import org.mburoja.incidents.internal.CaseViews.CaseDetail;
import org.mburoja.incidents.internal.CaseViews.Observable;

/**
 * A case as a STIX 2.1 bundle for sharing through the intelligence module: the {@code incident} SDO (name,
 * description, RSIT classification as a label, ATT&CK techniques as external references, severity and status as
 * {@code x_mburoja_*} properties), one SCO per observable with its deterministic UUIDv5 id (STIX 2.1 section 2.9),
 * a {@code related-to} relationship from the incident to each, the authority's identity, and the TLP 2.0 marking
 * definition (OASIS TLP 2.0 extension) that every object carries. Observables of kind OTHER have no STIX type and
 * are left out; the incident's {@code x_mburoja_unexported_observables} counts them.
 */
public final class CaseStixExport {

    private static final UUID SCO_NAMESPACE = UUID.fromString("00abedb4-aa42-466c-9c01-fed23315a9b7");
    private static final UUID MBUROJA_NAMESPACE = UUID.fromString("6d1a6f5e-6c2f-4b5e-9b0a-6b1f2e7c3a10");
    private static final String TLP_EXTENSION = "extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d";
    private static final Map<String, String> TLP_IDS = Map.of(
            "CLEAR", "marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487",
            "GREEN", "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb",
            "AMBER", "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421",
            "AMBER_STRICT", "marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003",
            "RED", "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1");
    private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(java.time.ZoneOffset.UTC);

    private CaseStixExport() {
    }

    public static Map<String, Object> bundle(CaseDetail detail, String authorityName) {
        Case c = detail.summary();
        String marking = TLP_IDS.get(c.tlp());
        String identity = "identity--" + uuid5(MBUROJA_NAMESPACE, "authority:" + authorityName);
        String created = ts(c.createdAt());
        String modified = ts(c.updatedAt());
        List<Map<String, Object>> objects = new ArrayList<>();

        Map<String, Object> tlp = new LinkedHashMap<>();
        tlp.put("type", "marking-definition");
        tlp.put("spec_version", "2.1");
        tlp.put("id", marking);
        tlp.put("created", "2022-10-01T00:00:00.000Z");
        tlp.put("name", CaseFields.tlpName(c.tlp()));
        tlp.put("extensions", Map.of(TLP_EXTENSION, Map.of("extension_type", "property-extension",
                "tlp_2_0", c.tlp().toLowerCase(java.util.Locale.ROOT).replace("_", "+"))));
        objects.add(tlp);

        Map<String, Object> id = sdo("identity", identity, created, created, marking);
        id.put("name", authorityName);
        id.put("identity_class", "organization");
        id.put("sectors", List.of("government-national"));
        objects.add(id);

        String incidentId = "incident--" + c.id();
        Map<String, Object> incident = sdo("incident", incidentId, created, modified, marking);
        incident.put("created_by_ref", identity);
        incident.put("name", c.title());
        if (c.description() != null) {
            incident.put("description", c.description());
        }
        if (c.rsitClass() != null) {
            incident.put("labels", List.of("rsit:" + c.rsitClass() + (c.rsitType() == null ? "" : "=\"" + c.rsitType() + "\"")));
        }
        List<Map<String, Object>> refs = new ArrayList<>();
        refs.add(Map.of("source_name", "mburoja", "external_id", c.number()));
        for (String t : c.attackTechniques()) {
            refs.add(Map.of("source_name", "mitre-attack", "external_id", t,
                    "url", "https://attack.mitre.org/techniques/" + t.replace('.', '/') + "/"));
        }
        incident.put("external_references", refs);
        incident.put("x_mburoja_severity", c.severity());
        incident.put("x_mburoja_status", c.status());
        incident.put("x_mburoja_pap", "PAP:" + c.pap());
        incident.put("x_mburoja_cross_border", c.crossBorder());
        objects.add(incident);

        int skipped = 0;
        for (Observable o : detail.observables()) {
            Map<String, Object> sco = sco(o, marking);
            if (sco == null) {
                skipped++;
                continue;
            }
            objects.add(sco);
            Map<String, Object> rel = sdo("relationship", "relationship--" + uuid5(MBUROJA_NAMESPACE, c.id() + "/" + sco.get("id")),
                    ts(o.createdAt()), ts(o.createdAt()), marking);
            rel.put("relationship_type", "related-to");
            rel.put("source_ref", incidentId);
            rel.put("target_ref", sco.get("id"));
            objects.add(rel);
        }
        if (skipped > 0) {
            incident.put("x_mburoja_unexported_observables", skipped);
        }
        Map<String, Object> bundle = new LinkedHashMap<>();
        bundle.put("type", "bundle");
        bundle.put("id", "bundle--" + UUID.randomUUID());
        bundle.put("objects", objects);
        return bundle;
    }

    private static Map<String, Object> sdo(String type, String id, String created, String modified, String marking) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", type);
        m.put("spec_version", "2.1");
        m.put("id", id);
        m.put("created", created);
        m.put("modified", modified);
        m.put("object_marking_refs", List.of(marking));
        return m;
    }

    /** The SCO for an observable, or null when STIX has no type for it. */
    static Map<String, Object> sco(Observable o, String marking) {
        String v = o.value();
        Map<String, Object> props = new LinkedHashMap<>();
        String type;
        String contributing;
        switch (o.kind()) {
            case "IP" -> {
                type = v.contains(":") ? "ipv6-addr" : "ipv4-addr";
                props.put("value", v);
                contributing = "{\"value\":" + quote(v) + "}";
            }
            case "DOMAIN" -> {
                type = "domain-name";
                props.put("value", v);
                contributing = "{\"value\":" + quote(v) + "}";
            }
            case "URL" -> {
                type = "url";
                props.put("value", v);
                contributing = "{\"value\":" + quote(v) + "}";
            }
            case "EMAIL" -> {
                type = "email-addr";
                props.put("value", v);
                contributing = "{\"value\":" + quote(v) + "}";
            }
            case "HASH" -> {
                type = "file";
                String alg = switch (v.length()) {
                    case 32 -> "MD5";
                    case 40 -> "SHA-1";
                    case 64 -> "SHA-256";
                    default -> "SHA-512";
                };
                props.put("hashes", Map.of(alg, v));
                contributing = "{\"hashes\":{" + quote(alg) + ":" + quote(v) + "}}";
            }
            case "FILE" -> {
                type = "file";
                props.put("name", v);
                contributing = "{\"name\":" + quote(v) + "}";
            }
            case "ACCOUNT" -> {
                type = "user-account";
                props.put("user_id", v);
                contributing = "{\"user_id\":" + quote(v) + "}";
            }
            default -> {
                return null;
            }
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", type);
        m.put("spec_version", "2.1");
        m.put("id", type + "--" + uuid5(SCO_NAMESPACE, contributing));
        m.putAll(props);
        m.put("object_marking_refs", List.of(marking));
        return m;
    }

    /** JSON string literal per RFC 8785 for the characters that need escaping. */
    static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                case '\b' -> b.append("\\b");
                case '\f' -> b.append("\\f");
                default -> {
                    if (ch < 0x20) {
                        b.append(String.format("\\u%04x", (int) ch));
                    } else {
                        b.append(ch);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    /** RFC 4122 name-based UUID, version 5 (SHA-1). */
    static UUID uuid5(UUID namespace, String name) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            ByteBuffer ns = ByteBuffer.allocate(16).putLong(namespace.getMostSignificantBits()).putLong(namespace.getLeastSignificantBits());
            sha1.update(ns.array());
            byte[] h = sha1.digest(name.getBytes(StandardCharsets.UTF_8));
            h[6] = (byte) ((h[6] & 0x0f) | 0x50);
            h[8] = (byte) ((h[8] & 0x3f) | 0x80);
            ByteBuffer bb = ByteBuffer.wrap(h, 0, 16);
            return new UUID(bb.getLong(), bb.getLong());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String ts(Instant t) {
        return TS.format(t.truncatedTo(ChronoUnit.MILLIS));
    }
}
