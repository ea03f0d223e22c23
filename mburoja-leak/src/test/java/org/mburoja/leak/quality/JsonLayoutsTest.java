package org.mburoja.leak.quality;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mburoja.leak.EntityType;
import org.mburoja.leak.FileReport;
import org.mburoja.leak.LeakScanner;
import org.mburoja.leak.ScanOptions;
import org.mburoja.leak.ScanProgress;
import org.mburoja.leak.ScanReport;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The same leaked records in the layouts JSON exports come in give the same count of people: JSON lines (the
 * generator's), one array, a document that wraps the array ({@code {"status": "ok", "data": [...]}}, as APIs answer),
 * a search engine's answer ({@code {"hits": {"hits": [{"_source": {...}}]}}}), a map of records keyed by ids (a
 * Firebase export, {@code {"users": {"uid00001": {...}}}}, or the map alone), by user names ({@code "arben.hoxha"}),
 * e-mail addresses or people's names ({@code "Arben Hoxha"}), a table (an array of rows whose first
 * row names the columns, alone or as a spreadsheet's answer {@code {"values": [[...]]}}), each pretty-printed and on
 * one line,
 * and records that hold arrays of objects of their own (a person's addresses), which stay one record each. One
 * record alone as a document, whose parts are objects under names ("person", "contact", "work"), is one person.
 */
class JsonLayoutsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static List<JsonNode> records;
    private static ScanReport asLines;

    @TempDir
    static Path tmp;

    @BeforeAll
    static void records() throws Exception {
        GeneratedDump dump = GeneratedDump.generate("jsonl", 5, 1500);
        records = dump.jsonLines();
        asLines = new LeakScanner(ScanOptions.defaults()).scan(dump.files(), ScanProgress.NONE);
        assertThat(asLines.perFile().getFirst().records()).isEqualTo(records.size());
    }

    @ParameterizedTest
    @ValueSource(strings = {"array", "wrapped", "search hits", "with addresses", "map", "map at the top",
            "map by user name", "map by e-mail", "map by name", "table", "sheet"})
    void everyLayoutCountsThePeopleOfTheJsonLines(String layout) throws Exception {
        ArrayNode array = JSON.createArrayNode();
        for (int k = 0; k < records.size(); k++) {
            JsonNode r = records.get(k);
            switch (layout) {
                case "search hits" -> array.add(JSON.createObjectNode().put("_index", "qytetaret")
                        .put("_id", String.valueOf(k)).put("_score", 1.0).set("_source", r));
                case "with addresses" -> {
                    ObjectNode copy = ((ObjectNode) r).deepCopy();
                    ArrayNode addresses = copy.putArray("addresses");
                    addresses.addObject().put("lloji", "shtëpi").put("qyteti", "Tiranë");
                    addresses.addObject().put("lloji", "punë").put("qyteti", "Durrës");
                    array.add(copy);
                }
                default -> array.add(r);
            }
        }
        ObjectNode map = JSON.createObjectNode();
        for (int k = 0; k < records.size(); k++) {
            String[] name = nameOf(records.get(k));
            String key = switch (layout) {
                case "map" -> String.format("uid%05d", k);
                case "map by user name" -> (name[0] + "." + name[1]).toLowerCase(java.util.Locale.ROOT);
                case "map by e-mail" -> (name[0] + "." + name[1]).toLowerCase(java.util.Locale.ROOT) + "@gmail.com";
                case "map by name" -> name[0] + " " + name[1];
                default -> String.valueOf(1000 + k);
            };
            while (map.has(key)) {
                key = key.replace("@", "x@") + (layout.equals("map by e-mail") ? "" : "x"); // (no digit: not an id)
            }
            map.set(key, records.get(k));
        }
        ArrayNode table = table(true);
        JsonNode document = switch (layout) {
            case "table" -> table;
            case "sheet" -> JSON.createObjectNode().put("range", "Fleta1!A1:Z" + (records.size() + 1))
                    .set("values", table);
            case "map", "map by user name", "map by e-mail", "map by name" -> JSON.createObjectNode().set("users", map);
            case "map at the top" -> map;
            case "wrapped" -> JSON.createObjectNode().put("status", "ok").put("count", records.size()).set("data", array);
            case "search hits" -> {
                ObjectNode hits = JSON.createObjectNode();
                hits.putObject("total").put("value", records.size());
                hits.set("hits", array);
                yield JSON.createObjectNode().put("took", 3).put("timed_out", false).set("hits", hits);
            }
            default -> array;
        };
        // (a map's first record is the document's own record: no extra one then)
        for (boolean pretty : new boolean[] {true, false}) {
            Path p = tmp.resolve(layout.replace(' ', '-') + (pretty ? "-pretty" : "-line") + ".json");
            Files.writeString(p, pretty ? JSON.writerWithDefaultPrettyPrinter().writeValueAsString(document)
                    : JSON.writeValueAsString(document), StandardCharsets.UTF_8);
            ScanReport r = new LeakScanner(ScanOptions.defaults()).scan(List.of(p), ScanProgress.NONE);
            FileReport f = r.perFile().getFirst();
            String as = layout + (pretty ? ", pretty" : ", one line");
            assertThat(f.problems()).as(as).isEmpty();
            // the records, and for a document around them one record more: what it holds besides them
            assertThat(f.records()).as(as).isBetween((long) records.size(), records.size() + 1L);
            assertThat(r.distinctPersons()).as(as).isEqualTo(asLines.distinctPersons());
            assertThat(r.distinctNids()).as(as).isEqualTo(asLines.distinctNids());
            for (EntityType t : List.of(EntityType.PERSON_NAME, EntityType.NID, EntityType.PHONE, EntityType.IBAN,
                    EntityType.SALARY, EntityType.POLITICAL_PREFERENCE)) {
                assertThat(r.count(t)).as(as + ": " + t).isEqualTo(asLines.count(t));
            }
        }
    }

    @org.junit.jupiter.api.Test
    void oneRecordAloneIsOnePersonWhateverObjectsItIsMadeOf() throws Exception {
        for (int k = 0; k < 20; k++) {
            JsonNode r = records.get(k);
            Path p = tmp.resolve("one-" + k + ".json");
            Files.writeString(p, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(r), StandardCharsets.UTF_8);
            ScanReport report = new LeakScanner(ScanOptions.defaults()).scan(List.of(p), ScanProgress.NONE);
            assertThat(report.perFile().getFirst().records()).as(r.toString()).isEqualTo(1);
            assertThat(report.distinctPersons()).as(r.toString()).isLessThanOrEqualTo(1);
        }
    }

    /**
     * Parts of one record under phrases that name columns ({@code "adresa e shtëpisë"}, {@code "home address"}) or
     * under single words stay one record: only keys that look like ids, user names, e-mails or people's names make a
     * map of records.
     */
    @org.junit.jupiter.api.Test
    void partsUnderColumnPhrasesStayOneRecord() throws Exception {
        String doc = """
                {"person": {"emri": "Arben", "mbiemri": "Hoxha", "numri personal": "J00101999W"},
                 "adresa e shtëpisë": {"rruga": "Rruga e Kavajës", "qyteti": "Tiranë"},
                 "home address": {"street": "Rruga e Durrësit", "city": "Tiranë"},
                 "Nr. ID": {"vlera": "J00101999W"},
                 "work": {"employer": "Bashkia Tiranë"}}
                """;
        Path p = tmp.resolve("parts.json");
        Files.writeString(p, doc, StandardCharsets.UTF_8);
        ScanReport r = new LeakScanner(ScanOptions.defaults()).scan(List.of(p), ScanProgress.NONE);
        assertThat(r.perFile().getFirst().records()).isEqualTo(1);
        assertThat(r.distinctPersons()).isEqualTo(1);
    }

    /** The record's first name and surname (English or Albanian keys), or a stand-in when it has none. */
    private static String[] nameOf(JsonNode r) {
        String first = r.findPath("first_name").asString(r.findPath("emri").asString(""));
        String last = r.findPath("last_name").asString(r.findPath("mbiemri").asString(""));
        return new String[] {first.isEmpty() ? "Arben" : first, last.isEmpty() ? "Hoxha" : last};
    }

    /**
     * A table without a header row: its first row is a record like the others (all NIDs found, nothing lost), though
     * without column names no cell has a role.
     */
    @org.junit.jupiter.api.Test
    void aTableWithoutHeaderKeepsItsFirstRow() throws Exception {
        Path p = tmp.resolve("headerless-table.json");
        Files.writeString(p, JSON.writeValueAsString(table(false)), StandardCharsets.UTF_8);
        ScanReport r = new LeakScanner(ScanOptions.defaults()).scan(List.of(p), ScanProgress.NONE);
        assertThat(r.perFile().getFirst().records()).isEqualTo(records.size());
        assertThat(r.count(EntityType.NID)).isEqualTo(asLines.count(EntityType.NID));
        assertThat(r.distinctNids()).isEqualTo(asLines.distinctNids());
    }

    /** The records as rows of their leaf values, nested objects flattened, the columns in a fixed order. */
    private static ArrayNode table(boolean withHeader) {
        java.util.TreeSet<String> columns = new java.util.TreeSet<>();
        List<java.util.Map<String, JsonNode>> flat = new java.util.ArrayList<>();
        for (JsonNode r : records) {
            java.util.Map<String, JsonNode> row = new java.util.HashMap<>();
            flatten(r, row);
            columns.addAll(row.keySet());
            flat.add(row);
        }
        ArrayNode table = JSON.createArrayNode();
        if (withHeader) {
            ArrayNode head = table.addArray();
            columns.forEach(head::add);
        }
        for (var row : flat) {
            ArrayNode cells = table.addArray();
            for (String c : columns) {
                cells.add(row.getOrDefault(c, tools.jackson.databind.node.NullNode.getInstance()));
            }
        }
        return table;
    }

    private static void flatten(JsonNode node, java.util.Map<String, JsonNode> into) {
        for (var e : node.properties()) {
            if (e.getValue().isObject()) {
                flatten(e.getValue(), into);
            } else {
                into.put(e.getKey(), e.getValue());
            }
        }
    }
}
