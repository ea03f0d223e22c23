package org.mburoja.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mburoja.cli.StixCommandTest.run;

import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mburoja.stix.StixBundle;
import org.mburoja.stix.StixJson;
import org.mburoja.stix.StixObject;
import org.mburoja.stix.StixValidator;
import tools.jackson.databind.JsonNode;

/**
 * {@code mburoja stix match} finds known indicators in events of any shape, offline: hits name the event, field,
 * value, indicator, kind, TLP and score; revoked, expired and superseded indicators do not match; malformed and
 * hostile lines are counted and reported with their line numbers while the others are matched.
 */
class StixMatchTest {

    private static final String AT = "2026-11-23T12:00:00Z";

    private static String fixture(String name) throws URISyntaxException {
        return Path.of(StixMatchTest.class.getResource("stix/match/" + name).toURI()).toString();
    }

    private static List<String> lines(String out) {
        return out.lines().filter(l -> !l.isBlank()).toList();
    }

    @Test
    void eachHitNamesTheEventTheFieldTheIndicatorItsKindTlpAndScore() throws Exception {
        String events = fixture("events.jsonl");
        StixCommandTest.Run r = run("stix", "match", "--indicators", fixture("indicators.json"), "--events", events,
                "--at", AT);
        assertThat(r.code()).as(r.err()).isZero();
        List<String> hits = lines(r.out());
        assertThat(hits).hasSize(6);
        assertThat(hits.get(0)).startsWith(events + ":1\tDestinationIp\t198.51.100.23\t"
                + "indicator--00000002-0000-4000-8000-000000000000\tipv4\t").contains("RED");
        assertThat(hits.get(1)).startsWith(events + ":2\tQueryName\tmail.EVIL.example\t"
                + "indicator--00000003-0000-4000-8000-000000000000\tdomain\tunmarked\t");
        assertThat(hits.get(2)).startsWith(events + ":4\tHashes\tAEC070645FE53EE3B3763059376134F058CC337247C978ADD178B6CCDFB0019F\t"
                + "indicator--00000005-0000-4000-8000-000000000000\tsha256\t");
        // within an event, in the order of its fields
        assertThat(hits.get(3)).startsWith(events + ":8\turl.full\tHTTP://Bad.Example:80/owa/auth.aspx\t"
                + "indicator--00000004-0000-4000-8000-000000000000\turl\t");
        assertThat(hits.get(4)).startsWith(events + ":8\temail.from.address[1]\tPhisher@Bad.Example\t"
                + "indicator--00000006-0000-4000-8000-000000000000\temail\t");
        assertThat(hits.get(5)).startsWith(events + ":11\tDestinationIp\t203.0.113.7\t"
                + "indicator--00000001-0000-4000-8000-000000000000\tipv4\t").contains("AMBER");
        assertThat(String.join("\n", hits)).as("revoked, expired and superseded indicators")
                .doesNotContain("192.0.2.1").doesNotContain("192.0.2.2").doesNotContain("old.example");
        assertThat(r.err()).contains("indicators: 9 read, 6 indexed (0 of them partly: pattern parts the index does "
                + "not answer), 1 not indexable, 2 inactive or revoked");
        assertThat(r.err()).contains("events: 8 (3 malformed lines), values looked up: ")
                .contains("hits: 6 on 6 indicators");
        assertThat(r.err()).contains(events + ":3: malformed event skipped: ")
                .contains(events + ":5: malformed event skipped: not a JSON object")
                .contains(events + ":7: malformed event skipped: ");
        assertThat(r.err()).doesNotContain("\u0000").doesNotContain("\u001b");
    }

    @Test
    void theSightingRaisesTheScoreOfTheSightedIndicator() throws Exception {
        StixCommandTest.Run r = run("stix", "match", "--indicators", fixture("indicators.json"), "--output", "jsonl",
                "--at", AT, "mail.evil.example", "www.bad.example", "phisher@bad.example");
        assertThat(r.code()).as(r.err()).isZero();
        List<JsonNode> hits = lines(r.out()).stream().map(StixJson::read).toList();
        assertThat(hits).extracting(h -> h.get("indicator").asString()).containsExactly(
                "indicator--00000003-0000-4000-8000-000000000000", "indicator--00000006-0000-4000-8000-000000000000");
        JsonNode sighted = hits.get(0);
        JsonNode unsighted = hits.get(1);
        assertThat(sighted.get("source").asString()).isEqualTo("<argument>");
        assertThat(sighted.get("kind").asString()).isEqualTo("domain");
        assertThat(sighted.get("score").asDouble()).isGreaterThan(unsighted.get("score").asDouble());
    }

    @Test
    void lookingUpLaterDoesNotMatchIndicatorsThatHaveExpiredOrDecayedBy() throws Exception {
        StixCommandTest.Run before = run("stix", "match", "--indicators", fixture("indicators.json"), "--at",
                "2026-11-05T00:00:00Z", "192.0.2.2");
        assertThat(lines(before.out())).singleElement().asString().contains("indicator--00000008");
        StixCommandTest.Run after = run("stix", "match", "--indicators", fixture("indicators.json"), "--at",
                "2026-11-11T00:00:00Z", "192.0.2.2");
        assertThat(after.out()).isBlank();
        StixCommandTest.Run beforeValid = run("stix", "match", "--indicators", fixture("indicators.json"), "--at",
                "2026-10-01T00:00:00Z", "203.0.113.7");
        assertThat(beforeValid.out()).as("not yet valid").isBlank();
    }

    @Test
    void sightingsAreWrittenAsAValidStixBundleWithTheCountPerIndicator(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("sightings.json");
        String identity = "identity--0a1b2c3d-0000-4000-8000-000000000001";
        StixCommandTest.Run r = run("stix", "match", "--indicators", fixture("indicators.json"), "--at", AT,
                "--sightings", out.toString(), "--sighted-by", identity, "198.51.100.1", "198.51.100.2",
                "evil.example");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).contains("sightings: 2 written to ");
        JsonNode tree = StixJson.read(Files.readString(out));
        assertThat(new StixValidator().validate(tree)).noneMatch(p -> p.severity()
                == org.mburoja.stix.StixProblem.Severity.ERROR);
        List<StixObject> sightings = StixBundle.from(tree).objects();
        assertThat(sightings).extracting(s -> s.string("sighting_of_ref").orElseThrow() + "=" + s.get("count"))
                .containsExactlyInAnyOrder("indicator--00000002-0000-4000-8000-000000000000=2",
                        "indicator--00000003-0000-4000-8000-000000000000=1");
        assertThat(sightings).allSatisfy(s -> assertThat(s.toTree().get("where_sighted_refs").get(0).asString())
                .isEqualTo(identity));
    }

    @Test
    void eventsComeFromDirectoriesGzipFilesAndStandardInput(@TempDir Path dir) throws Exception {
        Path sub = Files.createDirectories(dir.resolve("a/b"));
        Files.copy(Path.of(fixture("events.jsonl")), sub.resolve("one.jsonl"));
        try (OutputStream gz = new GZIPOutputStream(Files.newOutputStream(dir.resolve("two.jsonl.gz")))) {
            gz.write(Files.readAllBytes(Path.of(fixture("events.jsonl"))));
        }
        Files.writeString(dir.resolve("ignored.txt"), "{\"DestinationIp\": \"203.0.113.7\"}\n");
        StixCommandTest.Run r = run("stix", "match", "--indicators", fixture("indicators.json"), "--at", AT,
                "--events", dir.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(lines(r.out())).hasSize(12);
        assertThat(r.err()).contains("events: 16 (6 malformed lines)");
    }

    @Test
    void eventsComeFromANamedPipeGivenByName(@TempDir Path dir) throws Exception {
        Path fifo = dir.resolve("events.pipe");
        Thread writer = pipe(fifo, Files.readAllBytes(Path.of(fixture("events.jsonl"))));
        StixCommandTest.Run r = run("stix", "match", "--indicators", fixture("indicators.json"), "--at", AT,
                "--events", fifo.toString());
        writer.join(10_000);
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(lines(r.out())).hasSize(6).allSatisfy(l -> assertThat(l).startsWith(fifo + ":"));
        assertThat(r.err()).contains("events: 8 (3 malformed lines)");
    }

    /** A named pipe at {@code fifo} that a thread fills with {@code bytes} once a reader opens it; skips without mkfifo. */
    static Thread pipe(Path fifo, byte[] bytes) throws Exception {
        Process mk;
        try {
            mk = new ProcessBuilder("mkfifo", fifo.toString()).start();
        } catch (java.io.IOException e) {
            org.junit.jupiter.api.Assumptions.abort("no mkfifo here");
            return null;
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(mk.waitFor() == 0, "mkfifo failed");
        Thread writer = new Thread(() -> {
            try (OutputStream o = Files.newOutputStream(fifo)) {
                o.write(bytes);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        writer.setDaemon(true);
        writer.start();
        return writer;
    }

    /** A byte order mark before a line (PowerShell 5 writes one; concatenated files carry it) is not part of it. */
    @Test
    void aByteOrderMarkBeforeALineIsIgnored(@TempDir Path dir) throws Exception {
        Path events = dir.resolve("bom.jsonl");
        Files.writeString(events, "\uFEFF{\"DestinationIp\": \"203.0.113.7\"}\n\uFEFF{\"QueryName\": \"evil.example\"}\n");
        StixCommandTest.Run r = run("stix", "match", "--indicators", fixture("indicators.json"), "--at", AT,
                "--events", events.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(lines(r.out())).hasSize(2);
        assertThat(r.err()).contains("events: 2 (0 malformed lines)");
    }

    /**
     * Events as PowerShell writes them: one JSON array, UTF-16 with a byte order mark, gzipped under a name without
     * ".gz"; a broken element is reported with its number and the others are matched.
     */
    @Test
    void readsAJsonArrayInUtf16GzippedWhateverItsName(@TempDir Path dir) throws Exception {
        String array = "[\n  {\"DestinationIp\": \"203.0.113.7\"},\n  42,\n  {\"QueryName\": \"evil.example\"}\n]\n";
        byte[] utf16 = array.getBytes(StandardCharsets.UTF_16LE);
        Path events = dir.resolve("events.json");
        try (OutputStream gz = new GZIPOutputStream(Files.newOutputStream(events))) {
            gz.write(new byte[] {(byte) 0xFF, (byte) 0xFE});
            gz.write(utf16);
        }
        StixCommandTest.Run r = run("stix", "match", "--indicators", fixture("indicators.json"), "--at", AT,
                "--events", events.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(lines(r.out())).hasSize(2);
        assertThat(lines(r.out()).get(0)).startsWith(events + ":1\t");
        assertThat(lines(r.out()).get(1)).startsWith(events + ":3\t");
        assertThat(r.err()).contains(events + ":2: malformed event skipped: not a JSON object")
                .contains("events: 2 (1 malformed lines)");
    }

    /** On stdin, a JSON array and pretty-printed events one after another ({@code jq '.[]'}) are read as events. */
    @Test
    void standardInputMayBeAJsonArrayOrPrettyPrintedEventsAsJqWritesThem() throws Exception {
        String array = "[\n  {\"DestinationIp\": \"203.0.113.7\"},\n  {\"QueryName\": \"evil.example\"}\n]\n";
        String jq = "{\n  \"DestinationIp\": \"203.0.113.7\"\n}\n{\n  \"QueryName\": \"evil.example\"\n}\n";
        for (String text : new String[] {array, jq}) {
            java.io.InputStream saved = System.in;
            try {
                System.setIn(new java.io.ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
                StixCommandTest.Run r = run("stix", "match", "--indicators", fixture("indicators.json"), "--at", AT,
                        "--events", "-");
                assertThat(r.code()).as(r.err()).isZero();
                assertThat(lines(r.out())).hasSize(2);
                assertThat(lines(r.out()).get(0)).startsWith("<stdin>:1\t");
                assertThat(lines(r.out()).get(1)).startsWith("<stdin>:2\t");
                assertThat(r.err()).contains("events: 2 (0 malformed lines)");
            } finally {
                System.setIn(saved);
            }
        }
    }

    @Test
    void hostileLinesAreCountedWithTheirLineNumberAndTheRestIsStillMatched(@TempDir Path dir) throws Exception {
        Path events = dir.resolve("hostile.jsonl");
        StringBuilder b = new StringBuilder();
        b.append("[".repeat(100_000)).append('\n');                                   // 1: nesting bomb
        b.append("{\"a\": \"").append("x".repeat(StixMatch.MAX_LINE_CHARS)).append("\"}\n"); // 2: over the limit
        b.append("{\"DestinationIp\": \"203.0.113.7\"}\n");                           // 3: a hit
        b.append("\u00ff\u00fe{\"bad utf-8\"}\n");                                    // 4: garbage bytes
        b.append("{\"QueryName\": \"evil.example\"}\n");                              // 5: another hit
        b.append("\u0000\u0000mburoja: nothing to see here");                        // 6: dressed as a reason, no newline
        Files.write(events, b.toString().getBytes(StandardCharsets.ISO_8859_1));
        StixCommandTest.Run r = run("stix", "match", "--indicators", fixture("indicators.json"), "--at", AT,
                "--events", events.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(lines(r.out())).hasSize(2);
        assertThat(lines(r.out()).get(0)).startsWith(events + ":3\t");
        assertThat(lines(r.out()).get(1)).startsWith(events + ":5\t");
        assertThat(r.err()).contains(events + ":1: malformed event skipped: ")
                .contains(events + ":2: malformed event skipped: longer than 8388608 characters")
                .contains(events + ":4: malformed event skipped: ")
                .contains(events + ":6: malformed event skipped: ").doesNotContain("nothing to see here")
                .contains("events: 2 (4 malformed lines)");
        assertThat(r.err().length()).as("reasons are short").isLessThan(4000);
    }

    @Test
    void unreadableOrMissingInputsAreReportedAndGiveExitCodeTwo(@TempDir Path dir) throws Exception {
        Path garbage = dir.resolve("garbage.json");
        Files.writeString(garbage, "{\"type\": \"bundle\", \"objects\": [");
        StixCommandTest.Run r = run("stix", "match", "203.0.113.7", "--indicators", garbage.toString(),
                fixture("indicators.json"), "--at", AT, "--events", dir.resolve("missing.jsonl").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains(garbage + ": ").contains("missing.jsonl: no such file");
        assertThat(lines(r.out())).as("what could be read is still matched: %s", r.err()).hasSize(1);

        assertThat(run("stix", "match", "1.2.3.4", "--indicators", garbage.toString()).err())
                .contains("no active indicator to match");
        assertThat(run("stix", "match", "--indicators", fixture("indicators.json")).err())
                .contains("nothing to match");
        StixCommandTest.Run badAt = run("stix", "match", "1.2.3.4", "--indicators", fixture("indicators.json"),
                "--at", "yesterday\u001b[2J");
        assertThat(badAt.code()).isEqualTo(2);
        assertThat(badAt.err()).contains("is not an RFC 3339 UTC time").doesNotContain("\u001b");
        assertThat(run("stix", "match", "1.2.3.4", "--indicators", fixture("indicators.json"), "--sightings",
                dir.resolve("s.json").toString()).err()).contains("--sightings needs --sighted-by");
    }
}
