package org.mburoja.sigma;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The whole SigmaHQ rule set loads and compiles. The only rejections allowed are the ones documented in
 * docs/sigma-support.md (placeholders that need site-specific values).
 */
class RuleSetLoadTest {

    /** Documented in docs/sigma-support.md, "Rules we reject". */
    private static final Set<String> DOCUMENTED = Set.of("placeholder '…' has no values configured");

    @Test
    void loadsEveryRuleOfTheSigmaHqRuleSet() throws Exception {
        Path sigma = SharedData.dir().resolve("sigma");
        SigmaRules rules = SigmaRules.load(List.of(sigma.resolve("rules"), sigma.resolve("rules-emerging-threats")));
        assertThat(rules.problems()).as("parse problems").isEmpty();
        SigmaEngine engine = SigmaEngine.compile(rules, EngineOptions.defaults().withMapping(SharedData.mapping()));
        List<RuleProblem> undocumented = engine.problems().stream()
                .filter(p -> !DOCUMENTED.contains(p.kind()))
                .toList();
        assertThat(undocumented).as("compile problems").isEmpty();
        assertThat(engine.problems()).hasSizeLessThanOrEqualTo(2);
        assertThat(rules.files()).isGreaterThanOrEqualTo(3141 + 473);
        assertThat(engine.detectionRuleCount() + engine.problems().size()).isEqualTo(rules.documents().size());
    }

    @Test
    void rulesDirectoryAloneLoadsAll3141Files() throws Exception {
        Path sigma = SharedData.dir().resolve("sigma");
        SigmaRules rules = SigmaRules.load(List.of(sigma.resolve("rules")));
        assertThat(rules.files()).isEqualTo(3141);
        assertThat(rules.problems()).isEmpty();
        SigmaEngine engine = SigmaEngine.compile(rules, EngineOptions.defaults().withMapping(SharedData.mapping()));
        assertThat(engine.problems().stream().map(RuleProblem::toString).collect(Collectors.toList())).isEmpty();
        assertThat(engine.detectionRuleCount()).isEqualTo(3141);
    }
}
