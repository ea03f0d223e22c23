package org.mburoja.sigma;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mburoja.sigma.internal.parse.ParsedRuleCache;
import org.mburoja.sigma.internal.parse.RuleParser;
import org.mburoja.sigma.model.DetectionRule;
import org.mburoja.sigma.model.RuleMeta;
import org.mburoja.sigma.model.SigmaDocument;

/**
 * Loading rules with a parse cache ({@link SigmaRules#load(java.util.Collection, Path)}) gives what loading without
 * one gives, whatever the cache holds: the same documents in the same order, the same problems, whether the cache
 * is new, used, stale, damaged or cannot be written.
 */
class RuleCacheTest {

    private static List<Path> sigmaHq() {
        Path sigma = SharedData.dir().resolve("sigma");
        return List.of(sigma.resolve("rules"), sigma.resolve("rules-emerging-threats"));
    }

    private static void assertSame(SigmaRules actual, SigmaRules expected) {
        assertThat(actual.files()).isEqualTo(expected.files());
        assertThat(actual.problems()).isEqualTo(expected.problems());
        assertThat(actual.documents()).isEqualTo(expected.documents());
        for (int i = 0; i < expected.documents().size(); i++) {
            if (expected.documents().get(i) instanceof DetectionRule d) {
                assertThat(((DetectionRule) actual.documents().get(i)).detection().searches().keySet())
                        .containsExactlyElementsOf(d.detection().searches().keySet());
            }
        }
    }

    /** A copy of some SigmaHQ rule files (and one that does not parse) to change at will. */
    private static Path copyOfSomeRules(Path dir) throws Exception {
        Path rules = Files.createDirectories(dir.resolve("rules"));
        Path source = SharedData.dir().resolve("sigma/rules/windows/process_creation");
        try (Stream<Path> s = Files.list(source)) {
            for (Path p : s.sorted().limit(30).toList()) {
                Files.copy(p, rules.resolve(p.getFileName()));
            }
        }
        Files.writeString(rules.resolve("broken.yml"), "title: [unclosed\n");
        return rules;
    }

    @Test
    void theWholeSigmaHqSetLoadsTheSameFromANewAndFromAFilledCache(@TempDir Path dir) throws Exception {
        SigmaRules fresh = SigmaRules.load(sigmaHq());
        Path cache = dir.resolve("parsed.bin");

        SigmaRules filling = SigmaRules.load(sigmaHq(), cache);
        assertSame(filling, fresh);
        Map<String, ParsedRuleCache.Entry> entries = ParsedRuleCache.read(cache);
        assertThat(entries).hasSize(fresh.files());

        long written = Files.getLastModifiedTime(cache).toMillis();
        Thread.sleep(20);
        SigmaRules fromCache = SigmaRules.load(sigmaHq(), cache);
        assertSame(fromCache, fresh);
        assertThat(Files.getLastModifiedTime(cache).toMillis()).as("every file a hit: not rewritten").isEqualTo(written);
    }

    @Test
    void anEntryIsUsedForTheSameBytesOnlyAndAnEditedFileIsParsedAgain(@TempDir Path dir) throws Exception {
        Path rules = copyOfSomeRules(dir);
        Path cache = dir.resolve("parsed.bin");
        SigmaRules fresh = SigmaRules.load(List.of(rules));
        assertSame(SigmaRules.load(List.of(rules), cache), fresh);

        // a forged entry for one file, with that file's bytes: the load takes it (so entries are used) ...
        Map<String, ParsedRuleCache.Entry> entries = new LinkedHashMap<>(ParsedRuleCache.read(cache));
        String victim = entries.keySet().stream().filter(k -> !k.endsWith("broken.yml")).sorted().findFirst().orElseThrow();
        ParsedRuleCache.Entry real = entries.get(victim);
        DetectionRule d = (DetectionRule) real.result().documents().getFirst();
        RuleMeta m = d.meta();
        DetectionRule forged = new DetectionRule(new RuleMeta(m.id(), m.name(), "FORGED", m.status(), m.level(),
                m.tags(), m.description(), m.falsePositives()), d.logSource(), d.detection(), d.file(), d.line());
        entries.put(victim, new ParsedRuleCache.Entry(real.bytes(),
                new RuleParser.Result(List.of(forged), List.of())));
        assertThat(ParsedRuleCache.write(cache, entries)).isTrue();
        assertThat(titles(SigmaRules.load(List.of(rules), cache))).contains("FORGED");

        // ... and once the file's bytes differ by one character, it is parsed again
        Path file = Path.of(victim);
        String text = Files.readString(file);
        Files.writeString(file, text.replaceFirst("title: ", "title: X"));
        SigmaRules edited = SigmaRules.load(List.of(rules), cache);
        assertThat(titles(edited)).doesNotContain("FORGED").contains("X" + m.title());
        assertSame(edited, SigmaRules.load(List.of(rules)));
        // and the cache now holds the edited file's parse
        assertSame(SigmaRules.load(List.of(rules), cache), edited);
        assertThat(ParsedRuleCache.read(cache).get(victim).bytes()).isEqualTo(Files.readAllBytes(file));
    }

    private static List<String> titles(SigmaRules r) {
        return r.documents().stream().map(SigmaDocument::meta).map(RuleMeta::title).toList();
    }

    @Test
    void aDamagedCacheIsIgnoredAndReplaced(@TempDir Path dir) throws Exception {
        Path rules = copyOfSomeRules(dir);
        Path cache = dir.resolve("parsed.bin");
        SigmaRules fresh = SigmaRules.load(List.of(rules));
        SigmaRules.load(List.of(rules), cache);
        byte[] good = Files.readAllBytes(cache);
        Random r = new Random(42);
        for (int k = 0; k < 30; k++) {
            byte[] bad = k % 3 == 0 ? java.util.Arrays.copyOf(good, r.nextInt(good.length)) : good.clone();
            if (k % 3 != 0) {
                bad[r.nextInt(bad.length)] ^= (byte) (1 << r.nextInt(8));
            }
            if (k % 10 == 9) {
                r.nextBytes(bad);
            }
            Files.write(cache, bad);
            assertSame(SigmaRules.load(List.of(rules), cache), fresh);
            assertThat(ParsedRuleCache.read(cache)).hasSize(fresh.files()); // rewritten whole
        }
    }

    @Test
    void aCacheThatCannotBeWrittenChangesNothing(@TempDir Path dir) throws Exception {
        Path rules = copyOfSomeRules(dir);
        Path notADir = Files.writeString(dir.resolve("file"), "x");
        SigmaRules fresh = SigmaRules.load(List.of(rules));
        assertSame(SigmaRules.load(List.of(rules), notADir.resolve("parsed.bin")), fresh);
        assertSame(SigmaRules.load(List.of(rules), dir), fresh); // a directory where the file should be
    }

    @Test
    void entriesOfAnotherRuleSetStayInTheCache(@TempDir Path dir) throws Exception {
        Path a = copyOfSomeRules(dir.resolve("a"));
        Path b = copyOfSomeRules(dir.resolve("b"));
        Files.delete(b.resolve("broken.yml"));
        Path cache = dir.resolve("parsed.bin");
        SigmaRules.load(List.of(a), cache);
        SigmaRules.load(List.of(b), cache);
        List<String> kept = new ArrayList<>(ParsedRuleCache.read(cache).keySet());
        assertThat(kept).hasSize(31 + 30);
        long before = Files.getLastModifiedTime(cache).toMillis();
        Thread.sleep(20);
        assertSame(SigmaRules.load(List.of(a), cache), SigmaRules.load(List.of(a)));
        assertThat(Files.getLastModifiedTime(cache).toMillis()).as("all hits: not rewritten").isEqualTo(before);
    }
}
