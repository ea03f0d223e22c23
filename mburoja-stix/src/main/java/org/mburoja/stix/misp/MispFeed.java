package org.mburoja.stix.misp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.mburoja.stix.StixIds;
import org.mburoja.stix.StixJson;
import org.mburoja.stix.StixObject;
import org.mburoja.stix.marking.Tlp;
import org.mburoja.stix.marking.TlpMarkings;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * MISP feeds: a directory (or URL) with {@code manifest.json} and one {@code <uuid>.json} per event, as MISP
 * publishes and consumes them. Import reads every event of the manifest; export writes reports (and loose
 * indicators) of a collection as events, with {@code manifest.json} and {@code hashes.csv}.
 *
 * <p>Export maps an indicator whose pattern is one comparison on a known path back to the MISP type (inverse of the
 * import table); other patterns travel as {@code stix2-pattern} attributes, so nothing is lost.
 */
public final class MispFeed {

    private static final Pattern UUID_NAME = Pattern.compile("^[0-9a-fA-F-]{36}$");
    private static final Pattern SIMPLE = Pattern.compile("^\\[([a-z0-9-]+:[A-Za-z0-9_.'\\-\\[\\]*]+) = '((?:[^'\\\\]|\\\\.)*)'\\]$");
    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("ipv4-addr:value", "ip-dst"), Map.entry("ipv6-addr:value", "ip-dst"),
            Map.entry("domain-name:value", "domain"), Map.entry("url:value", "url"),
            Map.entry("file:hashes.MD5", "md5"), Map.entry("file:hashes.'SHA-1'", "sha1"),
            Map.entry("file:hashes.'SHA-256'", "sha256"), Map.entry("file:hashes.'SHA-512'", "sha512"),
            Map.entry("file:name", "filename"), Map.entry("email-addr:value", "email"),
            Map.entry("email-message:from_ref.value", "email-src"), Map.entry("mutex:name", "mutex"),
            Map.entry("windows-registry-key:key", "regkey"), Map.entry("mac-addr:value", "mac-address"));
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

    private final MispImporter importer;

    public MispFeed(MispImporter importer) {
        this.importer = importer;
    }

    /** Imports a feed directory. */
    public MispImport importDirectory(Path dir) {
        return importFeed(name -> {
            Path p = dir.resolve(name);
            try {
                return Files.exists(p) ? Optional.of(Files.readString(p)) : Optional.empty();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /**
     * Imports a feed through a fetch function (file name to content; empty when missing), for directories and URLs
     * alike. Names come from the manifest and are accepted only when they are UUIDs, so a hostile manifest cannot
     * make the importer read {@code ../../etc/passwd}.
     */
    public MispImport importFeed(Function<String, Optional<String>> fetch) {
        List<StixObject> objects = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Optional<String> manifest = fetch.apply("manifest.json");
        if (manifest.isEmpty()) {
            return new MispImport(List.of(), List.of("feed has no manifest.json"));
        }
        JsonNode m = StixJson.read(manifest.get());
        for (String uuid : m.propertyNames()) {
            if (!UUID_NAME.matcher(uuid).matches()) {
                problems.add("manifest entry '" + MispImporter.abbreviate(uuid) + "' is not an event uuid: skipped");
                continue;
            }
            Optional<String> event = fetch.apply(uuid + ".json");
            if (event.isEmpty()) {
                problems.add("event " + uuid + " listed in the manifest but missing");
                continue;
            }
            try {
                MispImport r = importer.importDocument(StixJson.read(event.get()));
                objects.addAll(r.objects());
                problems.addAll(r.problems());
            } catch (org.mburoja.stix.StixParseException e) {
                problems.add("event " + uuid + ": " + e.getMessage());
            }
        }
        return new MispImport(dedupe(objects), problems);
    }

    private static List<StixObject> dedupe(List<StixObject> objects) {
        Map<String, StixObject> byId = new LinkedHashMap<>();
        objects.forEach(o -> byId.put(o.id(), o));
        return List.copyOf(byId.values());
    }

    /** Writes STIX content as a MISP feed into {@code dir}; returns the event uuids written. */
    public List<String> export(List<StixObject> objects, Path dir, String orgName) throws IOException {
        Files.createDirectories(dir);
        Map<String, StixObject> byId = new LinkedHashMap<>();
        objects.forEach(o -> byId.put(o.id(), o));
        Set<String> placed = new LinkedHashSet<>();
        ObjectNode manifest = StixJson.mapper().createObjectNode();
        StringBuilder hashes = new StringBuilder();
        List<String> written = new ArrayList<>();
        for (StixObject report : objects) {
            if (!report.type().equals("report")) {
                continue;
            }
            List<StixObject> members = report.refs("object_refs").stream().map(byId::get)
                    .filter(o -> o != null && o.type().equals("indicator")).toList();
            members.forEach(i -> placed.add(i.id()));
            String uuid = report.id().substring("report--".length());
            writeEvent(dir, uuid, report.string("name").orElse("STIX report"), report, members, orgName,
                    manifest, hashes);
            written.add(uuid);
        }
        List<StixObject> loose = objects.stream().filter(o -> o.type().equals("indicator"))
                .filter(o -> !placed.contains(o.id())).toList();
        if (!loose.isEmpty()) {
            String uuid = StixIds.v5("x", MispImporter.NAMESPACE, String.join(",",
                    loose.stream().map(StixObject::id).sorted().toList())).substring(3);
            writeEvent(dir, uuid, "Mburoja indicators", null, loose, orgName, manifest, hashes);
            written.add(uuid);
        }
        Files.writeString(dir.resolve("manifest.json"), StixJson.write(manifest));
        Files.writeString(dir.resolve("hashes.csv"), hashes.toString());
        return written;
    }

    private void writeEvent(Path dir, String uuid, String info, StixObject report, List<StixObject> indicators,
                            String orgName, ObjectNode manifest, StringBuilder hashes) throws IOException {
        Instant ts = (report != null ? report.modified() : indicators.stream().map(StixObject::modified)
                .flatMap(Optional::stream).max(Instant::compareTo)).orElse(Instant.EPOCH);
        ObjectNode ev = StixJson.mapper().createObjectNode();
        ev.put("uuid", uuid);
        ev.put("info", info);
        ev.put("date", DAY.format(ts));
        ev.put("timestamp", String.valueOf(ts.getEpochSecond()));
        ev.put("publish_timestamp", String.valueOf(ts.getEpochSecond()));
        ev.put("published", true);
        ev.put("analysis", "2");
        ev.put("threat_level_id", "2");
        ev.put("distribution", "0");
        ev.putObject("Orgc").put("name", orgName);
        Optional<Tlp> eventTlp = report == null ? Optional.empty() : TlpMarkings.effectiveTlp(report);
        ArrayNode tags = ev.putArray("Tag");
        eventTlp.ifPresent(t -> tags.addObject().put("name", "tlp:" + t.level()));
        ArrayNode attrs = ev.putArray("Attribute");
        for (StixObject i : indicators) {
            ObjectNode a = attrs.addObject();
            a.put("uuid", i.id().substring("indicator--".length()));
            String pattern = i.string("pattern").orElse("");
            var simple = SIMPLE.matcher(pattern);
            String type = "stix2-pattern";
            String value = pattern;
            if ("stix".equals(i.string("pattern_type").orElse("")) && simple.matches()
                    && TYPES.containsKey(simple.group(1))) {
                type = TYPES.get(simple.group(1));
                value = simple.group(2).replace("\\'", "'").replace("\\\\", "\\");
            } else if (!"stix".equals(i.string("pattern_type").orElse("stix"))) {
                type = i.string("pattern_type").get();
            }
            a.put("type", type);
            a.put("category", type.equals("stix2-pattern") ? "Other" : "Network activity");
            a.put("value", value);
            a.put("to_ids", true);
            a.put("timestamp", String.valueOf(i.modified().orElse(ts).getEpochSecond()));
            i.string("description").ifPresent(d -> a.put("comment", d));
            TlpMarkings.effectiveTlp(i).filter(t -> eventTlp.map(e -> e != t).orElse(true))
                    .ifPresent(t -> a.putArray("Tag").addObject().put("name", "tlp:" + t.level()));
            hashes.append(md5(value)).append(',').append(uuid).append('\n');
        }
        ObjectNode wrapper = StixJson.mapper().createObjectNode();
        wrapper.set("Event", ev);
        Files.writeString(dir.resolve(uuid + ".json"), StixJson.write(wrapper), StandardCharsets.UTF_8);
        ObjectNode entry = manifest.putObject(uuid);
        for (String k : new String[] {"info", "date", "analysis", "threat_level_id", "timestamp"}) {
            entry.set(k, ev.get(k));
        }
        entry.set("Orgc", ev.get("Orgc"));
        entry.set("Tag", ev.get("Tag"));
    }

    private static String md5(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5")
                    .digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
