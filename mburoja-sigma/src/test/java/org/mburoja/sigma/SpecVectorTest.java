package org.mburoja.sigma;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.Yaml;

/**
 * Language-neutral test vectors written from the Sigma specification v2.1 (rules, modifiers appendix, correlation
 * rules, filters): each file under {@code vectors/} holds rule text, events, and which rules fire on each event, or
 * the error a rule must be rejected with. Any Sigma implementation can run the same files.
 *
 * <pre>
 * rules: |            # one or more YAML documents
 * placeholders: {...} # optional values for |expand
 * cases:              # events in order (correlations keep state across them)
 *   - event: {...}
 *     fires: [id...]  # rule ids (or titles) reported for this event
 * error:              # instead of cases: the rule is rejected
 *   line: n
 *   field: detection.sel.X|foo
 *   reason: text the reason contains
 * </pre>
 */
class SpecVectorTest {

    static Stream<Arguments> vectors() throws IOException, URISyntaxException {
        Path root = Path.of(SpecVectorTest.class.getResource("/vectors").toURI());
        List<Arguments> out = new ArrayList<>();
        try (Stream<Path> s = Files.walk(root)) {
            s.filter(p -> p.toString().endsWith(".yml")).sorted()
                    .forEach(p -> out.add(Arguments.of(root.relativize(p).toString(), p)));
        }
        assertThat(out).hasSizeGreaterThan(50);
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    @SuppressWarnings("unchecked")
    void vectorHolds(String name, Path file) throws Exception {
        Map<String, Object> v = new Yaml().load(Files.readString(file));
        String rulesText = (String) v.get("rules");
        Map<String, List<String>> placeholders = new LinkedHashMap<>();
        if (v.get("placeholders") instanceof Map<?, ?> ph) {
            ph.forEach((k, val) -> placeholders.put(String.valueOf(k), ((List<Object>) val).stream().map(String::valueOf).toList()));
        }
        SigmaRules rules = SigmaRules.parse(rulesText, name);
        EngineOptions options = EngineOptions.defaults().withEvaluateUnmapped(true).withPlaceholders(placeholders);
        if (v.get("mapping") instanceof String mapping) {
            options = options.withMapping(LogSourceMapping.parse(mapping, name)).withEvaluateUnmapped(false);
        }
        SigmaEngine engine = SigmaEngine.compile(rules, options);
        List<RuleProblem> problems = new ArrayList<>(rules.problems());
        problems.addAll(engine.problems());
        if (v.get("error") instanceof Map<?, ?> err) {
            assertThat(problems).as("expected a rejection").isNotEmpty();
            RuleProblem p = problems.getFirst();
            if (err.get("line") != null) {
                assertThat(p.line()).as("line of %s", p).isEqualTo(((Number) err.get("line")).intValue());
            }
            if (err.get("field") != null) {
                assertThat(p.field()).as("field of %s", p).isEqualTo(err.get("field"));
            }
            assertThat(p.reason()).as("reason of %s", p).contains((String) err.get("reason"));
            return;
        }
        assertThat(problems).as("problems").isEmpty();
        List<Map<String, Object>> cases = (List<Map<String, Object>>) v.get("cases");
        int i = 0;
        for (Map<String, Object> c : cases) {
            Map<String, Object> event = (Map<String, Object>) c.get("event");
            List<String> fired = new ArrayList<>();
            for (Match m : engine.evaluate(Event.of(event))) {
                fired.add(m.ruleId());
            }
            List<String> expected = ((List<Object>) c.getOrDefault("fires", List.of())).stream().map(String::valueOf).toList();
            assertThat(fired).as("case %d of %s: %s", i, name, event).containsExactlyInAnyOrderElementsOf(expected);
            i++;
        }
    }
}
