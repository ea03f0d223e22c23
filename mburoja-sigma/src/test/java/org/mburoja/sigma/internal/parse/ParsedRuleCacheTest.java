package org.mburoja.sigma.internal.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mburoja.sigma.model.CorrelationRule;
import org.mburoja.sigma.model.Detection;
import org.mburoja.sigma.model.DetectionRule;
import org.mburoja.sigma.model.FilterRule;
import org.mburoja.sigma.model.SigmaDocument;
import org.yaml.snakeyaml.Yaml;

/**
 * The cache's format on its own: what the parser makes of every test vector (detections, keywords, every value kind,
 * correlations with aliases and time spans, filters, rule problems) comes back equal, in the same order; damaged and
 * hostile bytes are refused with an exception, quickly and without exhausting the stack or the heap.
 */
class ParsedRuleCacheTest {

    /** The parse result of every rule text of the engine's test vectors, by vector file. */
    private static Map<String, ParsedRuleCache.Entry> vectorEntries() throws Exception {
        Path root = Path.of(ParsedRuleCacheTest.class.getResource("/vectors").toURI());
        Map<String, ParsedRuleCache.Entry> out = new LinkedHashMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.filter(f -> f.toString().endsWith(".yml")).sorted().toList()) {
                Map<String, Object> v = new Yaml().load(Files.readString(p));
                String text = (String) v.get("rules");
                out.put(p.toString(), new ParsedRuleCache.Entry(text.getBytes(StandardCharsets.UTF_8),
                        RuleParser.parse(text, p.getFileName().toString())));
            }
        }
        return out;
    }

    private static void assertSameResults(Map<String, ParsedRuleCache.Entry> actual,
                                          Map<String, ParsedRuleCache.Entry> expected) {
        assertThat(actual.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
        expected.forEach((path, e) -> {
            ParsedRuleCache.Entry a = actual.get(path);
            assertThat(a.bytes()).as(path).isEqualTo(e.bytes());
            assertThat(a.result().documents()).as(path).isEqualTo(e.result().documents());
            assertThat(a.result().problems()).as(path).isEqualTo(e.result().problems());
            for (int i = 0; i < e.result().documents().size(); i++) {
                assertThat(order(a.result().documents().get(i))).as(path)
                        .isEqualTo(order(e.result().documents().get(i)));
            }
        });
    }

    /** What record equality does not see: the order of the searches (reported as selections) and of aliases. */
    private static List<String> order(SigmaDocument d) {
        Detection det = switch (d) {
            case DetectionRule r -> r.detection();
            case FilterRule f -> f.detection();
            case CorrelationRule c -> null;
        };
        List<String> out = new ArrayList<>(det == null ? List.of() : det.searches().keySet());
        if (d instanceof CorrelationRule c) {
            out.addAll(c.aliases().keySet());
        }
        return out;
    }

    @Test
    void everyTestVectorComesBackEqualInOrder() throws Exception {
        Map<String, ParsedRuleCache.Entry> entries = vectorEntries();
        long correlations = entries.values().stream().flatMap(e -> e.result().documents().stream())
                .filter(CorrelationRule.class::isInstance).count();
        long filters = entries.values().stream().flatMap(e -> e.result().documents().stream())
                .filter(FilterRule.class::isInstance).count();
        long problems = entries.values().stream().mapToLong(e -> e.result().problems().size()).sum();
        assertThat(entries).hasSizeGreaterThan(100);
        assertThat(correlations).isGreaterThan(10);
        assertThat(filters).isGreaterThan(2);
        assertThat(problems).isGreaterThan(20);

        assertSameResults(ParsedRuleCache.decode(ParsedRuleCache.encode(entries)), entries);
    }

    @Test
    void writeThenReadGivesTheEntriesAndLeavesNoTemporaryFile(@TempDir Path dir) throws Exception {
        Map<String, ParsedRuleCache.Entry> entries = vectorEntries();
        Path cache = dir.resolve("sub/parsed.bin");
        assertThat(ParsedRuleCache.write(cache, entries)).isTrue();
        assertSameResults(ParsedRuleCache.read(cache), entries);
        try (Stream<Path> s = Files.list(cache.getParent())) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactly("parsed.bin");
        }
    }

    @Test
    void aCacheThatCannotBeWrittenOrReadIsNoError(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("plain-file"), "x");
        assertThat(ParsedRuleCache.write(file.resolve("under-a-file.bin"), vectorEntries())).isFalse();
        assertThat(ParsedRuleCache.read(file.resolve("under-a-file.bin"))).isEmpty();
        assertThat(ParsedRuleCache.read(dir.resolve("missing.bin"))).isEmpty();
        assertThat(ParsedRuleCache.read(dir)).isEmpty();
        assertThat(ParsedRuleCache.read(file)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void everyTruncationAndFlippedByteIsRefused(long seed) throws Exception {
        byte[] good = ParsedRuleCache.encode(vectorEntries());
        Random r = new Random(seed);
        for (int k = 0; k < 40; k++) {
            byte[] bad = r.nextBoolean()
                    ? java.util.Arrays.copyOf(good, r.nextInt(good.length))
                    : good.clone();
            if (bad.length == good.length) {
                int at = r.nextInt(bad.length);
                bad[at] ^= (byte) (1 << r.nextInt(8));
            }
            assertThatThrownBy(() -> ParsedRuleCache.decode(bad)).isInstanceOf(RuntimeException.class);
        }
    }

    // ---- hostile bytes with a valid checksum ----

    private static void varint(ByteArrayOutputStream o, long v) {
        while ((v & ~0x7FL) != 0) {
            o.write((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        o.write((int) v);
    }

    /** A cache of this version whose entries are {@code body}, with the checksum it needs. */
    private static byte[] withHeader(byte[] body) {
        return withHeader(body, 0x4D425243, ParsedRuleCache.VERSION);
    }

    private static byte[] withHeader(byte[] body, int magic, int version) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        varint(o, (long) magic << 1);
        varint(o, (long) version << 1);
        CRC32C crc = new CRC32C();
        crc.update(body);
        int v = (int) crc.getValue();
        o.write(v >>> 24);
        o.write(v >>> 16);
        o.write(v >>> 8);
        o.write(v);
        o.writeBytes(body);
        return o.toByteArray();
    }

    /** One entry: a path, its bytes, then the given document bytes, no problems. */
    private static byte[] entry(byte[] document) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        varint(o, 1); // one entry
        varint(o, 1); // a new string
        varint(o, 1);
        o.write('p');
        varint(o, 0); // no content bytes
        varint(o, 1); // one document
        o.writeBytes(document);
        varint(o, 0); // no problems
        return o.toByteArray();
    }

    @Test
    void theEncoderAndTheseHandMadeBytesAgree() {
        // an empty entry list, hand-made, decodes (so the hostile cases below fail for their own reason)
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        varint(o, 0);
        assertThat(ParsedRuleCache.decode(withHeader(o.toByteArray()))).isEmpty();
        assertThat(ParsedRuleCache.encode(Map.of())).isEqualTo(withHeader(o.toByteArray()));
    }

    @Test
    void hugeCountsAreRefusedBeforeAnythingIsAllocated() {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        varint(o, Integer.MAX_VALUE); // entries
        assertThatThrownBy(() -> ParsedRuleCache.decode(withHeader(o.toByteArray())))
                .hasMessageContaining("beyond the end");
        ByteArrayOutputStream s = new ByteArrayOutputStream();
        varint(s, 1);
        varint(s, 1);
        varint(s, 1L << 40); // a string's length
        assertThatThrownBy(() -> ParsedRuleCache.decode(withHeader(s.toByteArray())))
                .hasMessageContaining("beyond the end");
    }

    @Test
    void deepNestingIsRefusedWithoutExhaustingTheStack() {
        ByteArrayOutputStream d = new ByteArrayOutputStream();
        varint(d, 0); // a detection rule
        for (int i = 0; i < 4; i++) {
            varint(d, 0); // id, name, title, status: null
        }
        varint(d, 0); // no level
        varint(d, 0); // no tags
        varint(d, 0); // no description
        varint(d, 0); // no false positives
        varint(d, 0); // no log source
        varint(d, 1); // a detection
        varint(d, 1); // one search
        varint(d, 1);
        varint(d, 1);
        d.write('s');
        for (int i = 0; i < 100_000; i++) {
            varint(d, 0); // all of
            varint(d, 1); // one item
        }
        assertThatThrownBy(() -> ParsedRuleCache.decode(withHeader(entry(d.toByteArray()))))
                .hasMessageContaining("nested too deeply");
    }

    @Test
    void tagsAndReferencesOutOfRangeAreRefused() {
        ByteArrayOutputStream doc = new ByteArrayOutputStream();
        varint(doc, 7); // no such document kind
        assertThatThrownBy(() -> ParsedRuleCache.decode(withHeader(entry(doc.toByteArray()))))
                .hasMessageContaining("out of range");
        ByteArrayOutputStream ref = new ByteArrayOutputStream();
        varint(ref, 1);
        varint(ref, 2 + 5); // the sixth string, before any was read
        assertThatThrownBy(() -> ParsedRuleCache.decode(withHeader(ref.toByteArray())))
                .hasMessageContaining("reference out of range");
        ByteArrayOutputStream level = new ByteArrayOutputStream();
        varint(level, 0);
        for (int i = 0; i < 4; i++) {
            varint(level, 0);
        }
        varint(level, 99); // no such level
        assertThatThrownBy(() -> ParsedRuleCache.decode(withHeader(entry(level.toByteArray()))))
                .hasMessageContaining("out of range");
    }

    @Test
    void anotherVersionOrMagicIsRefused() {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        varint(o, 0);
        byte[] empty = o.toByteArray();
        assertThat(ParsedRuleCache.decode(withHeader(empty, 0x4D425243, ParsedRuleCache.VERSION))).isEmpty();
        assertThatThrownBy(() -> ParsedRuleCache.decode(withHeader(empty, 0x4D425243, ParsedRuleCache.VERSION + 1)))
                .hasMessageContaining("version");
        assertThatThrownBy(() -> ParsedRuleCache.decode(withHeader(empty, 0x4D425244, ParsedRuleCache.VERSION)))
                .hasMessageContaining("version");
    }
}
