package org.mburoja.sigma;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rule files built to hurt the loader are rejected with a reason; they never throw or exhaust memory. */
class HostileRuleFileTest {

    @TempDir
    Path tmp;

    private static Path fixture(String name) throws Exception {
        return Path.of(HostileRuleFileTest.class.getResource("/hostile/" + name).toURI());
    }

    @Test
    void rejectsYamlAliasBomb() throws Exception {
        SigmaRules r = SigmaRules.load(List.of(fixture("alias_bomb.yml")));
        assertThat(r.documents()).isEmpty();
        assertThat(r.problems()).singleElement().satisfies(p -> assertThat(p.reason()).contains("aliases"));
    }

    @Test
    void rejectsDeeplyNestedYaml() throws Exception {
        SigmaRules r = SigmaRules.load(List.of(fixture("deep_nesting.yml")));
        assertThat(r.documents()).isEmpty();
        assertThat(r.problems()).singleElement().satisfies(p -> assertThat(p.reason()).contains("Nesting Depth"));
    }

    @Test
    void rejectsFileThatIsNotUtf8() throws Exception {
        SigmaRules r = SigmaRules.load(List.of(fixture("not_utf8.yml")));
        assertThat(r.problems()).singleElement().satisfies(p -> assertThat(p.reason()).isEqualTo("file is not UTF-8"));
    }

    /**
     * A rule saved as UTF-8 with a byte order mark or as UTF-16 with one (a Windows editor's "Unicode") loads as the
     * same rule; UTF-16 with an unpaired surrogate, or without its mark, is rejected like malformed UTF-8.
     */
    @Test
    void readsRulesSavedAsUtf16OrWithAByteOrderMarkAndRejectsBrokenUtf16() throws Exception {
        String rule = "title: Përdorues i ri\nid: 11111111-0000-4000-8000-00000000000a\nstatus: test\nlevel: medium\n"
                + "logsource:\n    product: windows\ndetection:\n    sel:\n        User|contains: 'ë'\n    condition: sel\n";
        Path plain = tmp.resolve("plain.yml");
        Files.writeString(plain, rule);
        String expected = SigmaRules.load(List.of(plain)).documents().toString();
        assertThat(SigmaRules.load(List.of(plain)).documents()).hasSize(1);
        java.util.Map<String, byte[]> files = new java.util.LinkedHashMap<>();
        files.put("bom8.yml", concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
                rule.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        files.put("le.yml", concat(new byte[] {(byte) 0xFF, (byte) 0xFE},
                rule.getBytes(java.nio.charset.StandardCharsets.UTF_16LE)));
        files.put("be.yml", concat(new byte[] {(byte) 0xFE, (byte) 0xFF},
                rule.getBytes(java.nio.charset.StandardCharsets.UTF_16BE)));
        for (var f : files.entrySet()) {
            Path p = tmp.resolve(f.getKey());
            Files.write(p, f.getValue());
            SigmaRules r = SigmaRules.load(List.of(p));
            assertThat(r.problems()).as(f.getKey()).isEmpty();
            assertThat(r.documents().toString().replace(f.getKey(), "plain.yml")).as(f.getKey()).isEqualTo(expected);
        }
        byte[] broken = concat(concat(new byte[] {(byte) 0xFF, (byte) 0xFE},
                "title: x".getBytes(java.nio.charset.StandardCharsets.UTF_16LE)), new byte[] {0x00, (byte) 0xD8, 0x0A, 0x00});
        Path bad = tmp.resolve("broken16.yml");
        Files.write(bad, broken);
        assertThat(SigmaRules.load(List.of(bad)).problems()).singleElement()
                .satisfies(p -> assertThat(p.reason()).isEqualTo("file is not UTF-8"));
        Path noMark = tmp.resolve("nomark16.yml");
        Files.write(noMark, rule.getBytes(java.nio.charset.StandardCharsets.UTF_16LE));
        assertThat(SigmaRules.load(List.of(noMark)).documents()).isEmpty();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void rejectsOversizedFileUnread() throws Exception {
        Path big = tmp.resolve("big.yml");
        Files.writeString(big, "title: x\n# " + "y".repeat((int) SigmaRules.MAX_FILE_BYTES) + "\n");
        SigmaRules r = SigmaRules.load(List.of(big));
        assertThat(r.problems()).singleElement().satisfies(p -> assertThat(p.reason()).contains("larger than"));
    }

    @Test
    void keepsTheGoodDocumentOfAFileWhoseOtherDocumentIsBroken() throws Exception {
        SigmaRules r = SigmaRules.load(List.of(fixture("two_documents_one_broken.yml")));
        assertThat(r.documents()).singleElement().satisfies(d -> assertThat(d.meta().title()).isEqualTo("Good one"));
        assertThat(r.problems()).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(16);
            assertThat(p.reason()).isEqualTo("unknown modifier 'nope'");
        });
    }

    @Test
    void reportsAMissingRulePath() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SigmaRules.load(List.of(tmp.resolve("absent"))))
                .isInstanceOf(java.nio.file.NoSuchFileException.class);
    }

    @Test
    void walksRuleDirectoriesInPathOrderFollowingLinksToFilesOnly() throws Exception {
        String rule = "title: T%s\nlogsource:\n    product: windows\ndetection:\n    s:\n        a: b\n    condition: s\n";
        Path dir = Files.createDirectories(tmp.resolve("rules/b"));
        Files.writeString(tmp.resolve("rules/b/2.yml"), rule.formatted("2"));
        Files.writeString(tmp.resolve("rules/1.yaml"), rule.formatted("1"));
        Files.writeString(tmp.resolve("rules/notes.txt"), "not a rule");
        Files.writeString(tmp.resolve("elsewhere.yml"), rule.formatted("3"));
        Files.createSymbolicLink(dir.resolve("3.yml"), tmp.resolve("elsewhere.yml"));
        Files.createSymbolicLink(dir.resolve("4.yml"), tmp.resolve("missing.yml")); // broken: skipped
        Files.createDirectories(tmp.resolve("other"));
        Files.writeString(tmp.resolve("other/5.yml"), rule.formatted("5"));
        Files.createSymbolicLink(dir.resolve("linked-dir.yml"), tmp.resolve("other")); // a directory: skipped
        Files.writeString(tmp.resolve("big.yml"), "title: x\n# " + "y".repeat((int) SigmaRules.MAX_FILE_BYTES) + "\n");
        Files.createSymbolicLink(dir.resolve("big.yml"), tmp.resolve("big.yml")); // a link: its target's size counts

        SigmaRules r = SigmaRules.load(List.of(tmp.resolve("rules")));
        assertThat(r.files()).isEqualTo(4);
        assertThat(r.documents()).extracting(d -> d.meta().title()).containsExactly("T1", "T2", "T3");
        assertThat(r.problems()).singleElement().satisfies(p -> {
            assertThat(p.file()).endsWith("big.yml");
            assertThat(p.reason()).contains("larger than");
        });
    }
}
