package org.mburoja.leak.quality;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
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

/**
 * A leaked JSON export damaged in one place (a stray character in one record, as a bad copy or a hand edit leaves
 * it): the records after it are still assembled one by one, so the count of people affected stays what it is for the
 * undamaged export. The records are the generator's JSON-lines dump laid out as pretty-printed arrays (two- and
 * four-space indentation, each element opened on a line of its own) and as an array with one record a line.
 */
class BrokenJsonArrayTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static List<JsonNode> records;

    @TempDir
    static Path tmp;

    @BeforeAll
    static void records() throws Exception {
        records = GeneratedDump.generate("jsonl", 4, 1200).jsonLines();
    }

    @ParameterizedTest
    @ValueSource(strings = {"indent 2", "indent 4", "one a line"})
    void aStrayCharacterInOneRecordCostsThatRecordOnly(String layout) throws Exception {
        List<String> elements = new ArrayList<>();
        for (JsonNode r : records) {
            elements.add(switch (layout) {
                case "indent 2" -> pretty(r, "  ");
                case "indent 4" -> pretty(r, "    ");
                default -> "  " + JSON.writeValueAsString(r);
            });
        }
        ScanReport whole = scan("whole.json", elements);
        FileReport wf = whole.perFile().getFirst();
        assertThat(wf.problems()).isEmpty();
        assertThat(wf.records()).isEqualTo(records.size());

        Random rnd = new Random(layout.hashCode());
        int broken = 0;
        for (int round = 0; round < 10; round++) {
            List<String> damaged = new ArrayList<>(elements);
            int k = 1 + rnd.nextInt(elements.size() - 2);
            String e = damaged.get(k);
            List<Integer> places = structural(e); // between tokens, inside the record
            int at = places.get(rnd.nextInt(places.size()));
            damaged.set(k, e.substring(0, at) + "x#]}{:,"
                    .charAt(rnd.nextInt(7)) + e.substring(at));
            ScanReport r = scan("damaged-" + round + ".json", damaged);
            FileReport f = r.perFile().getFirst();
            String as = layout + ", record " + k + " damaged at " + at + ": " + f.problems();
            assertThat(f.problems()).as(as).hasSizeLessThanOrEqualTo(3); // none when the character fell in a string
            broken += f.problems().isEmpty() ? 0 : 1;
            assertThat(f.records()).as(as).isBetween(records.size() - 1L, records.size() + 1L);
            // the damaged record may lose what linked it (at most itself, and one person it was linked to)
            assertThat(r.distinctPersons()).as(as).isBetween(whole.distinctPersons() - 2, whole.distinctPersons() + 2);
            assertThat(r.count(EntityType.PERSON_NAME)).as(as)
                    .isBetween(whole.count(EntityType.PERSON_NAME) - 1, whole.count(EntityType.PERSON_NAME));
            assertThat(r.count(EntityType.NID)).as(as)
                    .isBetween(whole.count(EntityType.NID) - 3, whole.count(EntityType.NID));
        }
        assertThat(broken).as("rounds whose damage broke the JSON").isGreaterThanOrEqualTo(5);
    }

    /**
     * The places right after a brace, bracket, colon or comma outside strings, from the record's opening brace to
     * before its closing one: where a stray character breaks the structure rather than a value.
     */
    private static List<Integer> structural(String e) {
        List<Integer> out = new ArrayList<>();
        boolean inString = false;
        int last = e.lastIndexOf('}');
        for (int i = e.indexOf('{'); i < last; i++) {
            char c = e.charAt(i);
            if (inString) {
                inString = c != '"' || e.charAt(i - 1) == '\\';
            } else if (c == '"') {
                inString = true;
            } else if ("{}[]:,".indexOf(c) >= 0) {
                out.add(i + 1);
            }
        }
        return out;
    }

    private static ScanReport scan(String name, List<String> elements) throws Exception {
        Path p = tmp.resolve(name);
        Files.writeString(p, "[\n" + String.join(",\n", elements) + "\n]\n", StandardCharsets.UTF_8);
        return new LeakScanner(ScanOptions.defaults()).scan(List.of(p), ScanProgress.NONE);
    }

    /** A record laid out one name a line, nested objects indented, the element's braces at one indent. */
    private static String pretty(JsonNode node, String indent) throws Exception {
        StringBuilder out = new StringBuilder();
        write(node, indent, 1, out);
        return indent + out;
    }

    private static void write(JsonNode node, String indent, int depth, StringBuilder out) throws Exception {
        if (node.isObject()) {
            out.append("{\n");
            var names = new ArrayList<String>(node.propertyNames());
            for (int i = 0; i < names.size(); i++) {
                out.append(indent.repeat(depth + 1)).append(JSON.writeValueAsString(names.get(i))).append(": ");
                write(node.get(names.get(i)), indent, depth + 1, out);
                out.append(i < names.size() - 1 ? ",\n" : "\n");
            }
            out.append(indent.repeat(depth)).append('}');
        } else {
            out.append(JSON.writeValueAsString(node));
        }
    }
}
