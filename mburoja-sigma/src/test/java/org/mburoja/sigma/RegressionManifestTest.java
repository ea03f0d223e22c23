package org.mburoja.sigma;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every case of SigmaHQ's regression data: the rule matches at least the expected number of events of its file. */
class RegressionManifestTest {

    static Stream<Arguments> cases() throws IOException {
        Path dir = SharedData.dir().resolve("sigma-regression");
        List<Arguments> out = new ArrayList<>();
        List<String> lines = Files.readAllLines(dir.resolve("manifest.tsv"));
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            String[] c = line.split("\t");
            out.add(Arguments.of(c[4], dir.resolve(c[0]).normalize(), dir.resolve(c[1]), Integer.parseInt(c[2]), c[3]));
        }
        assertThat(out).hasSize(92);
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void ruleMatchesAtLeastTheExpectedEvents(String ruleId, Path rule, Path events, int expected, String semantics)
            throws Exception {
        assertThat(semantics).startsWith("at_least");
        SigmaRules rules = SigmaRules.load(List.of(rule));
        assertThat(rules.problems()).isEmpty();
        SigmaEngine engine = SigmaEngine.compile(rules, EngineOptions.defaults().withMapping(SharedData.mapping()));
        assertThat(engine.problems()).isEmpty();
        int matched = 0;
        for (String line : Files.readAllLines(events)) {
            if (line.isBlank()) {
                continue;
            }
            for (Match m : engine.evaluate(JsonEvents.parse(line))) {
                if (m.ruleId().equals(ruleId)) {
                    matched++;
                }
            }
        }
        assertThat(matched).as("matches of %s in %s", ruleId, events.getFileName()).isGreaterThanOrEqualTo(expected);
    }
}
