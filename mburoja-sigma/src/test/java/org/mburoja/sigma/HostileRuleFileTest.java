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
}
