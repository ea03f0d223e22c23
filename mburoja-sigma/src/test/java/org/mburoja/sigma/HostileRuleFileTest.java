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
