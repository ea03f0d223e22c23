package org.mburoja.sigma.hunt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mburoja.sigma.Level;
import org.yaml.snakeyaml.Yaml;

class HuntTest {

    @TempDir
    Path tmp;

    private static Path fixture(String name) throws URISyntaxException {
        return Path.of(HuntTest.class.getResource("/hunt/" + name).toURI());
    }

    private HuntOptions options(List<String> events, HuntOptions.Output output, int threads, int maxLine) throws Exception {
        return new HuntOptions(List.of(fixture("rules")), events, fixture("mapping.yml"), null, null, threads, output,
                tmp.resolve("summary.json"), false, maxLine, false);
    }

    private record Run(HuntReport report, String out) {
    }

    private Run run(HuntOptions o, InputStream stdin) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        HuntReport r = Hunt.run(o, stdin, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(OutputStream.nullOutputStream()));
        return new Run(r, out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void countsMalformedLinesWithTheirLineNumbersAndGoesOn() throws Exception {
        Run run = run(options(List.of(fixture("events/mixed.jsonl").toString()), HuntOptions.Output.TABLE, 2,
                HuntOptions.DEFAULT_MAX_LINE), InputStream.nullInputStream());
        assertThat(run.report().events()).isEqualTo(3);
        assertThat(run.report().malformed()).isEqualTo(2);
        assertThat(run.report().malformedSamples()).hasSize(2);
        assertThat(run.report().malformedSamples().get(0)).contains("mixed.jsonl:2: invalid JSON");
        assertThat(run.report().malformedSamples().get(1)).contains("mixed.jsonl:4: not a JSON object");
        assertThat(run.report().matches()).containsOnly(
                Map.entry("11111111-0000-4000-8000-000000000001", 1L),
                Map.entry("11111111-0000-4000-8000-000000000002", 1L));
        assertThat(run.out()).contains("LSASS Memory Access").contains("high").contains("T1003.001");
    }

    @Test
    void reportsRejectedRulesWithFileLineAndReasonAndRunsTheOthers() throws Exception {
        Run run = run(options(List.of(fixture("events/mixed.jsonl").toString()), HuntOptions.Output.TABLE, 1,
                HuntOptions.DEFAULT_MAX_LINE), InputStream.nullInputStream());
        assertThat(run.report().rejected()).singleElement().satisfies(p -> {
            assertThat(p.file()).endsWith("broken_modifier.yml");
            assertThat(p.line()).isEqualTo(10);
            assertThat(p.field()).isEqualTo("detection.selection.CommandLine|containz");
            assertThat(p.reason()).isEqualTo("unknown modifier 'containz'");
        });
        assertThat(run.report().rulesLoaded()).isEqualTo(3);
    }

    @Test
    @SuppressWarnings("unchecked")
    void writesSummaryJsonWithExactlyTheDocumentedKeys() throws Exception {
        run(options(List.of(fixture("events").toString()), HuntOptions.Output.JSONL, 2, HuntOptions.DEFAULT_MAX_LINE),
                InputStream.nullInputStream());
        Map<String, Object> json = new Yaml().load(Files.readString(tmp.resolve("summary.json")));
        assertThat(json).containsOnlyKeys("rules_loaded", "rules_rejected", "events", "malformed", "matches", "timing");
        assertThat(json.get("rules_loaded")).isEqualTo(3);
        assertThat(json.get("rules_rejected")).isEqualTo(1);
        assertThat(json.get("events")).isEqualTo(6);
        assertThat(json.get("malformed")).isEqualTo(2);
        assertThat((Map<String, Object>) json.get("matches")).containsOnly(
                Map.entry("11111111-0000-4000-8000-000000000001", 1),
                Map.entry("11111111-0000-4000-8000-000000000002", 2),
                Map.entry("11111111-0000-4000-8000-000000000004", 1));
        Map<String, Object> timing = (Map<String, Object>) json.get("timing");
        assertThat(timing).containsOnlyKeys("compile_ms", "scan_ms", "threads");
        assertThat(timing.get("threads")).isEqualTo(2);
    }

    @Test
    void readsDirectoriesRecursivelyGzipAndStdin() throws Exception {
        Path gz = tmp.resolve("more.jsonl.gz");
        try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(gz))) {
            o.write(Files.readAllBytes(fixture("events/sub/more.jsonl")));
        }
        byte[] stdin = Files.readAllBytes(fixture("events/sub/more.jsonl"));
        Run run = run(options(List.of(fixture("events/sub").toString(), gz.toString(), "-"), HuntOptions.Output.CSV, 2,
                HuntOptions.DEFAULT_MAX_LINE), new ByteArrayInputStream(stdin));
        assertThat(run.report().events()).isEqualTo(3);
        assertThat(run.report().matches()).containsOnly(Map.entry("11111111-0000-4000-8000-000000000002", 3L));
        assertThat(run.out().lines().toList()).hasSize(4)
                .first().isEqualTo("rule_id,level,title,techniques,selections,source,line,event_time,computer");
        assertThat(run.out()).contains("<stdin>");
    }

    /**
     * Windows PowerShell 5 writes UTF-8 with a byte order mark ({@code Out-File -Encoding utf8}) and UTF-16 with one
     * ({@code >}); concatenated files carry the UTF-8 mark into a line. Each reads as the plain file does: the same
     * events, matches and JSON lines (but for the source name), also gzipped and from stdin.
     */
    @Test
    void readsFilesWithAByteOrderMarkAndUtf16AsThePlainFile() throws Exception {
        byte[] plain = Files.readAllBytes(fixture("events/sub/more.jsonl"));
        String text = new String(plain, StandardCharsets.UTF_8) + "{\"Channel\": \"Security\", \"EventID\": \"1102\", "
                + "\"Computer\": \"Përdoruesi-\ud83d\ude00\", \"TimeCreated_SystemTime\": \"2022-07-15T11:01:00Z\"}\n";
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        Map<String, byte[]> files = new java.util.LinkedHashMap<>();
        files.put("plain.jsonl", text.getBytes(StandardCharsets.UTF_8));
        files.put("utf8-bom.jsonl", concat(bom, text.getBytes(StandardCharsets.UTF_8)));
        files.put("utf16le.jsonl", concat(new byte[] {(byte) 0xFF, (byte) 0xFE}, text.getBytes(StandardCharsets.UTF_16LE)));
        files.put("utf16be.jsonl", concat(new byte[] {(byte) 0xFE, (byte) 0xFF}, text.getBytes(StandardCharsets.UTF_16BE)));
        files.put("concatenated.jsonl", concat(concat(bom, plain), concat(bom, text.substring(new String(plain,
                StandardCharsets.UTF_8).length()).getBytes(StandardCharsets.UTF_8))));
        Run expected = null;
        for (var f : files.entrySet()) {
            for (Run run : asFileGzipAndStdin(f.getKey(), f.getValue())) {
                assertThat(run.report().malformed()).as(f.getKey()).isZero();
                assertThat(run.report().events()).as(f.getKey()).isEqualTo(2);
                String out = run.out().replaceAll("\"source\":\"[^\"]*\"", "");
                if (expected == null) {
                    expected = new Run(run.report(), out);
                    assertThat(run.report().matches()).containsOnly(Map.entry("11111111-0000-4000-8000-000000000002", 2L));
                }
                assertThat(run.report().matches()).as(f.getKey()).isEqualTo(expected.report().matches());
                assertThat(out).as(f.getKey()).isEqualTo(expected.out());
            }
        }
        assertThat(expected.out()).containsAnyOf("Përdoruesi-\ud83d\ude00", "P\\u00EBrdoruesi", "P\\u00ebrdoruesi");
    }

    /**
     * A gzip file cut short (a partial copy of a log) is reported with where it broke, and every event read before
     * the cut is still hunted, as are the files after it.
     */
    @Test
    void huntsWhatATruncatedGzipFileHeldBeforeTheCut() throws Exception {
        String event = "{\"Channel\": \"Security\", \"EventID\": \"1102\", \"Computer\": \"DC%02d\", "
                + "\"TimeCreated_SystemTime\": \"2022-07-15T11:00:00Z\"}\n";
        StringBuilder text = new StringBuilder();
        Random random = new Random(7);
        for (int i = 0; i < 3_000; i++) {
            text.append(String.format(event, i % 100)).append("{\"Pad\": \"").append(random.nextLong()).append("\"}\n");
        }
        java.io.ByteArrayOutputStream zipped = new java.io.ByteArrayOutputStream();
        try (OutputStream o = new GZIPOutputStream(zipped)) {
            o.write(text.toString().getBytes(StandardCharsets.UTF_8));
        }
        byte[] whole = zipped.toByteArray();
        Path cut = tmp.resolve("cut.jsonl.gz");
        Files.write(cut, java.util.Arrays.copyOf(whole, whole.length * 2 / 3));
        Path after = tmp.resolve("after.jsonl");
        Files.writeString(after, String.format(event, 1));
        Run run = run(options(List.of(cut.toString(), after.toString()), HuntOptions.Output.JSONL, 1,
                HuntOptions.DEFAULT_MAX_LINE), InputStream.nullInputStream());
        // every whole line the cut file still gives up
        java.io.ByteArrayOutputStream recoverable = new java.io.ByteArrayOutputStream();
        try (InputStream in = new java.util.zip.GZIPInputStream(Files.newInputStream(cut))) {
            byte[] buf = new byte[1];
            while (in.read(buf) > 0) {
                recoverable.write(buf[0]);
            }
        } catch (java.io.EOFException expected) {
            // the cut
        }
        String prefix = recoverable.toString(StandardCharsets.UTF_8);
        long complete = prefix.substring(0, prefix.lastIndexOf('\n') + 1).lines()
                .filter(l -> l.contains("\"EventID\": \"1102\"")).count();
        assertThat(complete).isGreaterThan(1_000);
        long matched = run.report().matches().get("11111111-0000-4000-8000-000000000002");
        assertThat(matched).as("events of the cut file hunted, and the next file").isEqualTo(complete + 1);
        assertThat(run.out().lines().filter(l -> l.contains("cut.jsonl.gz")).count()).isEqualTo(matched - 1);
        assertThat(run.report().malformed()).isEqualTo(1);
        assertThat(run.report().malformedSamples()).singleElement().asString()
                .contains("cut.jsonl.gz: unreadable after line ").contains("ZLIB");
    }

    /** Two "security log cleared" events (rule ...0002), the second with a number, a decimal and a non-ASCII value. */
    private static final String LOG_CLEARED_DC01 = "{\"Channel\": \"Security\", \"EventID\": \"1102\", "
            + "\"Computer\": \"DC01\", \"TimeCreated_SystemTime\": \"2022-07-15T11:00:00Z\"}";
    private static final String LOG_CLEARED_PERDORUES = "{\"Channel\": \"Security\", \"EventID\": 1102, "
            + "\"Computer\": \"Përdorues\", \"Size\": 1.50, \"TimeCreated_SystemTime\": \"2022-07-15T11:01:00Z\"}";

    /** The hunt of the two events above as JSON lines: what every other layout of them must give. */
    private Run clearedLogsAsJsonLines() throws Exception {
        Path lines = tmp.resolve("expected.jsonl");
        Files.writeString(lines, LOG_CLEARED_DC01 + "\n" + LOG_CLEARED_PERDORUES + "\n");
        Run expected = run(options(List.of(lines.toString()), HuntOptions.Output.JSONL, 1, HuntOptions.DEFAULT_MAX_LINE),
                InputStream.nullInputStream());
        assertThat(expected.report().matches()).containsOnly(Map.entry("11111111-0000-4000-8000-000000000002", 2L));
        return expected;
    }

    /**
     * A .json file or stdin that is one JSON array (PowerShell's {@code ConvertTo-Json}: pretty-printed, often UTF-16)
     * gives the same events and matches as the same events in JSON lines, plain and gzipped; element N is reported as
     * line N. In a .jsonl file a first line that opens an array is one malformed line and the lines after it are
     * events; on stdin it opens an array whose first syntax error hands the rest back to JSON lines: a line an
     * attacker wrote cannot turn the rest of a log into one broken array.
     */
    @Test
    void readsAJsonArrayOfEventsAsJsonLines() throws Exception {
        String a = LOG_CLEARED_DC01;
        String b = LOG_CLEARED_PERDORUES;
        Run expected = clearedLogsAsJsonLines();
        String pretty = "\n  [\n    " + a.replace(", ", ",\n      ") + " ,\n" + b.replace(", ", " ,\r\n\t") + "\n]\n";
        Map<String, byte[]> files = new java.util.LinkedHashMap<>();
        files.put("array.json", pretty.getBytes(StandardCharsets.UTF_8));
        files.put("array-utf16.json", concat(new byte[] {(byte) 0xFF, (byte) 0xFE}, pretty.getBytes(StandardCharsets.UTF_16LE)));
        for (var f : files.entrySet()) {
            for (Run run : asFileGzipAndStdin(f.getKey(), f.getValue())) {
                assertThat(run.report().malformed()).as(f.getKey()).isZero();
                assertThat(run.report().events()).as(f.getKey()).isEqualTo(2);
                assertThat(run.report().matches()).as(f.getKey()).isEqualTo(expected.report().matches());
                assertThat(run.out().lines().map(l -> l.replaceAll("\"source\":\"[^\"]*\"", "")).toList())
                        .as(f.getKey()).isEqualTo(expected.out().lines()
                                .map(l -> l.replaceAll("\"source\":\"[^\"]*\"", "")).toList());
            }
        }
        String hostile = "[{\"x\": 1},\n" + a + "\n" + b + "\n";
        List<Run> hostileRuns = asFileGzipAndStdin("hostile.jsonl", hostile.getBytes(StandardCharsets.UTF_8));
        for (int k = 0; k < hostileRuns.size(); k++) {
            Run run = hostileRuns.get(k);
            // on stdin the array's first element {"x": 1} is an event, a's line element 2, b's line the syntax error
            assertThat(run.report().events()).isEqualTo(k < 2 ? 2 : 3);
            assertThat(run.report().malformed()).isEqualTo(1);
            assertThat(run.report().matches()).isEqualTo(expected.report().matches());
        }
        Path bomb = tmp.resolve("bomb-first.json");
        Files.writeString(bomb, "[".repeat(10_000) + "\n" + a + "\n" + b + "\n");
        Run lines2 = run(options(List.of(bomb.toString()), HuntOptions.Output.JSONL, 1, HuntOptions.DEFAULT_MAX_LINE),
                InputStream.nullInputStream());
        assertThat(lines2.report().events()).as("'[[' does not open an array of events").isEqualTo(2);
        Path empty = tmp.resolve("empty.json");
        Files.writeString(empty, " [ ]\n");
        Run none = run(options(List.of(empty.toString()), HuntOptions.Output.JSONL, 1, HuntOptions.DEFAULT_MAX_LINE),
                InputStream.nullInputStream());
        assertThat(none.report().events()).isZero();
        assertThat(none.report().malformed()).isZero();
    }

    /**
     * Events pretty-printed one after another (what {@code jq '.[]' events.json} writes, the usual way to pick events
     * out of an export before a hunt) give the same events and matches as JSON lines, as a file of any name, gzipped
     * and on stdin.
     */
    @Test
    void readsEventsPrettyPrintedOneAfterAnotherAsJqWritesThem() throws Exception {
        String a = LOG_CLEARED_DC01;
        String b = LOG_CLEARED_PERDORUES;
        Run expected = clearedLogsAsJsonLines();
        String jq = (a + b).replace("{", "{\n  ").replace(", ", ",\n  ").replace("}", "\n}\n");
        assertThat(jq).startsWith("{\n  \"Channel\": \"Security\",\n");
        for (String name : new String[] {"picked.json", "picked.jsonl", "picked.log"}) {
            for (Run run : asFileGzipAndStdin(name, jq.getBytes(StandardCharsets.UTF_8))) {
                assertThat(run.report().malformed()).as(name).isZero();
                assertThat(run.report().events()).as(name).isEqualTo(2);
                assertThat(run.report().matches()).as(name).isEqualTo(expected.report().matches());
            }
        }
    }

    /**
     * A broken JSON array: an element that is not an object and one over the size limit are reported with their
     * number and the elements after them are read; a syntax error is reported with its line and column, and what came
     * before it still counts; a nesting bomb stops at the depth limit.
     */
    @Test
    void reportsWhatIsWrongInAJsonArrayAndKeepsTheEventsBeforeIt() throws Exception {
        String event = "{\"Channel\": \"Security\", \"EventID\": \"1102\", \"Computer\": \"DC01\", "
                + "\"TimeCreated_SystemTime\": \"2022-07-15T11:00:00Z\"}";
        Path broken = tmp.resolve("broken.json");
        Files.writeString(broken, "[" + event + ", 42, {\"Big\": \"" + "x".repeat(5_000) + "\"}, {\"Huge\": [\""
                + "y\", \"".repeat(50_000) + "\"]}, " + event + ",\n" + event + " " + event + "]");
        Run run = run(options(List.of(broken.toString()), HuntOptions.Output.JSONL, 1, 1_000),
                InputStream.nullInputStream());
        assertThat(run.report().events()).isEqualTo(3);
        assertThat(run.report().matches()).containsOnly(Map.entry("11111111-0000-4000-8000-000000000002", 3L));
        assertThat(run.report().malformedSamples()).hasSize(4);
        assertThat(run.report().malformedSamples().get(0)).endsWith("broken.json:2: not a JSON object");
        assertThat(run.report().malformedSamples().get(1))
                .endsWith("broken.json:3: line of 5,010 characters exceeds the limit of 1,000");
        assertThat(run.report().malformedSamples().get(2))
                .endsWith("broken.json:4: element of more than 1,000 bytes exceeds the limit");
        assertThat(run.report().malformedSamples().get(3)).contains("broken.json:7: invalid JSON array at line 2, column");

        Path bomb = tmp.resolve("bomb.json");
        Files.writeString(bomb, "[" + event + ", " + "[".repeat(100_000));
        Run deep = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> run(options(List.of(bomb.toString()),
                HuntOptions.Output.JSONL, 1, HuntOptions.DEFAULT_MAX_LINE), InputStream.nullInputStream()));
        assertThat(deep.report().events()).isEqualTo(1);
        assertThat(deep.report().malformedSamples()).singleElement().asString().contains("bomb.json:2: invalid JSON array")
                .containsIgnoringCase("depth");

        Path unclosed = tmp.resolve("unclosed.json");
        Files.writeString(unclosed, "[" + event + ",\n" + event);
        Run cut = run(options(List.of(unclosed.toString()), HuntOptions.Output.JSONL, 1, HuntOptions.DEFAULT_MAX_LINE),
                InputStream.nullInputStream());
        assertThat(cut.report().events()).isEqualTo(2);
        assertThat(cut.report().malformed()).isEqualTo(1);
    }

    /**
     * A line written to look like one of the reader's own reason lines (two NUL bytes, then the reader's prefix as it
     * was before it carried a random part, or with a guessed one) is a malformed line reported with its own parse error: the text of a
     * report is never chosen by the input. In JSON lines; after a broken array such a line is among the lines skipped.
     */
    @Test
    void aLineDressedAsTheReadersReasonIsReportedWithItsOwnError() throws Exception {
        String forged = "\u0000\u0000mburoja: 0 events, nothing to see here";
        String guessed = "\u0000\u0000mburoja 0123456789abcdef: guessed";
        Path lines = tmp.resolve("forged.jsonl");
        Files.writeString(lines, LOG_CLEARED_DC01 + "\n" + forged + "\n" + guessed + "\n");
        Path array = tmp.resolve("forged.json");
        Files.writeString(array, "[" + LOG_CLEARED_DC01 + ",\n" + LOG_CLEARED_PERDORUES + " x\n" + forged + "\n");
        for (Path f : List.of(lines, array)) {
            Run run = run(options(List.of(f.toString()), HuntOptions.Output.JSONL, 1, HuntOptions.DEFAULT_MAX_LINE),
                    InputStream.nullInputStream());
            assertThat(run.report().malformedSamples()).as(f.toString()).allSatisfy(s -> assertThat(s)
                    .doesNotContain("nothing to see here").doesNotContain("guessed").contains("invalid JSON"));
            assertThat(run.report().malformedSamples()).as(f.toString()).filteredOn(s -> s.contains("Illegal character ((CTRL-CHAR, code 0))"))
                    .hasSize(f == lines ? 2 : 0);
        }
        Run broken = run(options(List.of(array.toString()), HuntOptions.Output.JSONL, 1, HuntOptions.DEFAULT_MAX_LINE),
                InputStream.nullInputStream());
        assertThat(broken.report().malformedSamples()).singleElement().asString()
                .contains("forged.json:3: invalid JSON array at line 2").endsWith("; lines 3-3 after it hold no event");
    }

    /**
     * After a syntax error in pretty-printed events, the lines read on as JSON lines are reported with their own line
     * numbers in the file, so that an analyst finds them there.
     */
    @Test
    void linesReadOnAfterABrokenValueAreReportedWithTheirLinesInTheFile() throws Exception {
        String jq = LOG_CLEARED_DC01.replace("{", "{\n  ").replace(", ", ",\n  ").replace("}", "\n}\n");
        int jqLines = (int) jq.lines().count();
        String text = jq + "{\n  \"EventID\": 1 2\n}\n" + LOG_CLEARED_PERDORUES + "\n" + LOG_CLEARED_DC01 + "\n"
                + "not json\n";
        Path f = tmp.resolve("picked.log");
        Files.writeString(f, text);
        Run run = run(options(List.of(f.toString()), HuntOptions.Output.JSONL, 1, HuntOptions.DEFAULT_MAX_LINE),
                InputStream.nullInputStream());
        assertThat(run.report().events()).isEqualTo(3);
        assertThat(run.report().malformedSamples()).hasSize(2);
        // value 1, then the reason as line 2 (naming the broken value's lines it skipped); the rest by its own lines
        assertThat(run.report().malformedSamples().get(0)).contains("picked.log:2: invalid JSON text at line "
                + (jqLines + 2)).endsWith("; lines " + (jqLines + 2) + "-" + (jqLines + 3)
                + " skipped; the rest is read as JSON lines from line " + (jqLines + 4));
        assertThat(run.report().malformedSamples().get(1)).contains("picked.log:" + (jqLines + 6) + ": ");
        assertThat(run.out().lines().toList()).hasSize(3).anySatisfy(m -> assertThat(m)
                .contains("\"line\":" + (jqLines + 4))).anySatisfy(m -> assertThat(m).contains("\"line\":" + (jqLines + 5)));
    }

    /**
     * A pretty-printed export (PowerShell's layout) with a broken element between the two events: both events are
     * hunted, the broken element is one malformed line that names the lines skipped, and the matches are those of
     * the two events as JSON lines.
     */
    @Test
    void aBrokenElementOfAPrettyExportCostsOnlyThatElement() throws Exception {
        Run expected = clearedLogsAsJsonLines();
        java.util.function.UnaryOperator<String> ps = e -> "    " + e.replace("{", "{\n        ")
                .replace(", ", ",\n        ").replace(": ", ":  ").replace("}", "\n    }");
        String broken = ps.apply("{\"Channel\": \"Security\", \"EventID\": \"4625\" \"Computer\": \"DC02\"}");
        String text = "[\n" + ps.apply(LOG_CLEARED_DC01) + ",\n" + broken + ",\n" + ps.apply(LOG_CLEARED_PERDORUES)
                + "\n]\n";
        for (Run run : asFileGzipAndStdin("export.json", text.getBytes(StandardCharsets.UTF_8))) {
            assertThat(run.report().events()).isEqualTo(2);
            assertThat(run.report().matches()).isEqualTo(expected.report().matches());
            assertThat(run.report().malformedSamples()).singleElement().asString()
                    .contains(":2: invalid JSON array at line ").containsPattern("; lines \\d+-\\d+ skipped; read on "
                            + "from the element at line \\d+$");
        }
    }

    /** The hunt (JSON lines out) of {@code content} as a file, gzipped on two threads, and on stdin. */
    private List<Run> asFileGzipAndStdin(String name, byte[] content) throws Exception {
        Path p = tmp.resolve(name);
        Files.write(p, content);
        Path gz = tmp.resolve(name + ".gz");
        try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(gz))) {
            o.write(content);
        }
        return List.of(
                run(options(List.of(p.toString()), HuntOptions.Output.JSONL, 1, HuntOptions.DEFAULT_MAX_LINE),
                        InputStream.nullInputStream()),
                run(options(List.of(gz.toString()), HuntOptions.Output.JSONL, 2, HuntOptions.DEFAULT_MAX_LINE),
                        InputStream.nullInputStream()),
                run(options(List.of("-"), HuntOptions.Output.JSONL, 1, HuntOptions.DEFAULT_MAX_LINE),
                        new ByteArrayInputStream(content)));
    }

    /**
     * The log-source mapping saved as UTF-16 (a Windows editor's "Unicode") maps as the UTF-8 one does; a mapping
     * that is neither is refused with its name and why (it said "Input length = 1").
     */
    @Test
    void readsAUtf16MappingAndRefusesOneThatIsNeitherUtf8NorUtf16() throws Exception {
        String events = fixture("events/mixed.jsonl").toString();
        Run utf8 = run(options(List.of(events), HuntOptions.Output.JSONL, 1, HuntOptions.DEFAULT_MAX_LINE),
                InputStream.nullInputStream());
        String mapping = Files.readString(fixture("mapping.yml"));
        Path utf16 = tmp.resolve("mapping16.yml");
        Files.write(utf16, concat(new byte[] {(byte) 0xFF, (byte) 0xFE}, mapping.getBytes(StandardCharsets.UTF_16LE)));
        Run run = run(new HuntOptions(List.of(fixture("rules")), List.of(events), utf16, null, null, 1,
                HuntOptions.Output.JSONL, tmp.resolve("summary.json"), false, HuntOptions.DEFAULT_MAX_LINE, false),
                InputStream.nullInputStream());
        assertThat(run.report().matches()).isNotEmpty().isEqualTo(utf8.report().matches());
        Path latin = tmp.resolve("mapping-latin1.yml");
        Files.write(latin, (mapping + "# Përdorues\n").getBytes(StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> run(new HuntOptions(List.of(fixture("rules")), List.of(events), latin, null, null, 1,
                HuntOptions.Output.JSONL, tmp.resolve("summary.json"), false, HuntOptions.DEFAULT_MAX_LINE, false),
                InputStream.nullInputStream())).isInstanceOf(Hunt.HuntException.class)
                .hasMessageContaining("mapping-latin1.yml: not UTF-8 text");
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /**
     * CSV cells taken from events cannot become spreadsheet formulas (OWASP "CSV injection"): a Computer field
     * "=HYPERLINK(...)" is written as text, quoted where it holds separators, and ordinary cells are unchanged.
     */
    @Test
    void csvCellsFromEventsCannotBecomeSpreadsheetFormulas() throws Exception {
        Path events = tmp.resolve("formula.jsonl");
        Files.writeString(events, "{\"Channel\": \"Security\", \"EventID\": \"1102\", "
                + "\"Computer\": \"=HYPERLINK(\\\"http://x.example\\\", \\\"DC01\\\")\", "
                + "\"TimeCreated_SystemTime\": \"@2022-07-15\"}\n");
        Run run = run(options(List.of(events.toString()), HuntOptions.Output.CSV, 1, HuntOptions.DEFAULT_MAX_LINE),
                InputStream.nullInputStream());
        List<String> rows = run.out().lines().toList();
        assertThat(rows).hasSize(2);
        assertThat(rows.get(1)).endsWith(",'@2022-07-15,\"'=HYPERLINK(\"\"http://x.example\"\", \"\"DC01\"\")\"");
        for (String[] c : new String[][] {{"-1", "'-1"}, {"+cmd", "'+cmd"}, {"\tx", "'\tx"}, {"a=b", "a=b"},
            {"", ""}, {"x,y", "\"x,y\""}, {"\rx", "\"'\rx\""}}) {
            assertThat(MatchOutput.Csv.cell(c[0])).as(c[0]).isEqualTo(c[1]);
        }
    }

    /** A named pipe, as bash's process substitution gives ({@code --events <(zcat logs.gz)} is /dev/fd/63). */
    @Test
    void readsEventsFromANamedPipe() throws Exception {
        Path fifo = tmp.resolve("events.pipe");
        Process mk;
        try {
            mk = new ProcessBuilder("mkfifo", fifo.toString()).start();
        } catch (java.io.IOException e) {
            org.junit.jupiter.api.Assumptions.abort("no mkfifo here");
            return;
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(mk.waitFor() == 0, "mkfifo failed");
        byte[] events = Files.readAllBytes(fixture("events/sub/more.jsonl"));
        Thread producer = new Thread(() -> {
            try (OutputStream o = Files.newOutputStream(fifo)) {
                for (int i = 0; i < 3; i++) {
                    o.write(events);
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        producer.setDaemon(true); // if the hunt never opens the pipe, the producer must not keep the JVM alive
        producer.start();
        Run run = run(options(List.of(fifo.toString()), HuntOptions.Output.JSONL, 1, HuntOptions.DEFAULT_MAX_LINE),
                InputStream.nullInputStream());
        producer.join(10_000);
        assertThat(run.report().events()).isEqualTo(3);
        assertThat(run.report().matches()).containsOnly(Map.entry("11111111-0000-4000-8000-000000000002", 3L));
        assertThat(run.out()).contains(fifo.toString());
    }

    /**
     * A live stream on stdin ({@code tail -f ... | mburoja hunt --events -}): a match is written while the stream is
     * still open, not when 512 events have come or the stream ends.
     */
    @Test
    void writesTheMatchesOfALiveStreamWithoutWaitingForItsEnd() throws Exception {
        java.io.PipedOutputStream producer = new java.io.PipedOutputStream();
        java.io.PipedInputStream stdin = new java.io.PipedInputStream(producer, 1 << 16);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        HuntOptions o = options(List.of("-"), HuntOptions.Output.JSONL, 1, HuntOptions.DEFAULT_MAX_LINE);
        java.util.concurrent.CompletableFuture<HuntReport> hunt = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return Hunt.run(o, stdin, out, new PrintStream(OutputStream.nullOutputStream()));
            } catch (Hunt.HuntException e) {
                throw new IllegalStateException(e);
            }
        });
        String lsass = Files.readAllLines(fixture("events/mixed.jsonl")).getFirst();
        producer.write((lsass + "\n" + "{\"Channel\": \"Security\", \"EventID\": \"4624\"}\n")
                .getBytes(StandardCharsets.UTF_8));
        producer.flush();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (bytes.size() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        String early;
        synchronized (bytes) {
            early = bytes.toString(StandardCharsets.UTF_8);
        }
        assertThat(hunt).as("still reading the open stream").isNotDone();
        assertThat(early.lines().toList()).as("the match, written before the stream ended").hasSize(1)
                .first().asString().contains("11111111-0000-4000-8000-000000000001");
        producer.write((lsass + "\n").getBytes(StandardCharsets.UTF_8));
        producer.close();
        HuntReport report = hunt.get(20, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(report.events()).isEqualTo(3);
        assertThat(bytes.toString(StandardCharsets.UTF_8).lines().toList()).hasSize(2);
    }

    @Test
    void jsonLinesOutputCarriesRuleEventAndSelections() throws Exception {
        Run run = run(options(List.of(fixture("events/mixed.jsonl").toString()), HuntOptions.Output.JSONL, 1,
                HuntOptions.DEFAULT_MAX_LINE), InputStream.nullInputStream());
        List<String> lines = run.out().lines().toList();
        assertThat(lines).hasSize(2);
        Map<String, Object> first = new Yaml().load(lines.getFirst());
        assertThat(first).containsEntry("rule_id", "11111111-0000-4000-8000-000000000001")
                .containsEntry("level", "high").containsEntry("line", 1).containsEntry("selections", List.of("selection"))
                .containsKey("event");
    }

    @Test
    void skipsAHugeLineAsMalformedAndReadsTheNextOne() throws Exception {
        Path f = tmp.resolve("huge.jsonl");
        String huge = "{\"Payload\": \"" + "x".repeat(3_000_000) + "\"}";
        Files.writeString(f, huge + "\n" + Files.readString(fixture("events/sub/more.jsonl")));
        Run run = run(options(List.of(f.toString()), HuntOptions.Output.TABLE, 2, 1 << 20), InputStream.nullInputStream());
        assertThat(run.report().malformed()).isEqualTo(1);
        assertThat(run.report().malformedSamples().getFirst()).contains("huge.jsonl:1: line of 3,000,015 characters");
        assertThat(run.report().events()).isEqualTo(1);
    }

    @Test
    void rejectsDeeplyNestedJsonAndGarbage() throws Exception {
        Path f = tmp.resolve("hostile.jsonl");
        Random random = new Random(42);
        StringBuilder garbage = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            garbage.append((char) random.nextInt(0x20, 0x7f));
        }
        Files.writeString(f, "{\"a\": " + "[".repeat(5000) + "]".repeat(5000) + "}\n" + garbage + "\n"
                + "{\"a\": 1} {\"b\": 2}\n" + "\u0000\u0001\u0002\n");
        Run run = run(options(List.of(f.toString()), HuntOptions.Output.TABLE, 2, HuntOptions.DEFAULT_MAX_LINE),
                InputStream.nullInputStream());
        assertThat(run.report().malformed()).isEqualTo(4);
        assertThat(run.report().events()).isZero();
        assertThat(run.report().malformedSamples().getFirst()).contains(":1: invalid JSON").contains("nesting depth");
        assertThat(run.report().malformedSamples().get(2)).contains(":3: text after the JSON object");
    }

    @Test
    void catastrophicRegexOnHostileEventDoesNotHang() throws Exception {
        Path f = tmp.resolve("redos.jsonl");
        Files.writeString(f, "{\"Channel\": \"Security\", \"Payload\": \"" + "a".repeat(100_000) + "!\"}\n"
                + Files.readString(fixture("events/catastrophic.jsonl")));
        Run run = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> run(options(List.of(f.toString()),
                HuntOptions.Output.TABLE, 1, HuntOptions.DEFAULT_MAX_LINE), InputStream.nullInputStream()));
        assertThat(run.report().events()).isEqualTo(3);
        assertThat(run.report().matches()).containsOnly(Map.entry("11111111-0000-4000-8000-000000000004", 1L));
    }

    @Test
    void minLevelHidesLowerLevels() throws Exception {
        HuntOptions o = options(List.of(fixture("events/mixed.jsonl").toString()), HuntOptions.Output.TABLE, 1,
                HuntOptions.DEFAULT_MAX_LINE);
        o = new HuntOptions(o.rules(), o.events(), o.mapping(), null, Level.HIGH, 1, o.output(), null, false,
                o.maxLineChars(), false);
        assertThat(run(o, InputStream.nullInputStream()).report().matches())
                .containsOnlyKeys("11111111-0000-4000-8000-000000000001");
    }

    @Test
    void resultsDoNotDependOnTheThreadCount() throws Exception {
        Path f = tmp.resolve("many.jsonl");
        String one = Files.readString(fixture("events/mixed.jsonl"));
        Files.writeString(f, one.repeat(700));
        Run single = run(options(List.of(f.toString()), HuntOptions.Output.JSONL, 1, HuntOptions.DEFAULT_MAX_LINE),
                InputStream.nullInputStream());
        Run four = run(options(List.of(f.toString()), HuntOptions.Output.JSONL, 4, HuntOptions.DEFAULT_MAX_LINE),
                InputStream.nullInputStream());
        assertThat(four.out()).isEqualTo(single.out());
        assertThat(four.report().malformed()).isEqualTo(1400);
    }

    @Test
    void missingEventFileIsAClearError() throws Exception {
        assertThatThrownBy(() -> run(options(List.of(tmp.resolve("nope.jsonl").toString()), HuntOptions.Output.TABLE, 1,
                HuntOptions.DEFAULT_MAX_LINE), InputStream.nullInputStream()))
                .isInstanceOf(Hunt.HuntException.class).hasMessageContaining("nope.jsonl: no such event file or directory");
    }
}
