package org.mburoja.sigma.internal.correlate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.RepeatedTest;
import org.mburoja.sigma.EngineOptions;
import org.mburoja.sigma.Event;
import org.mburoja.sigma.Match;
import org.mburoja.sigma.SigmaEngine;
import org.mburoja.sigma.SigmaRules;

/**
 * When one event fires several correlations, they are reported in the order of the rule files, in every engine
 * (the order once followed identity hash codes, so it changed from run to run).
 */
class CorrelationOrderTest {

    private static final String RULES = """
            title: Failed logon
            id: 5b0c2b67-1f1c-4f1d-9d55-000000000001
            name: failed_logon
            logsource: {product: windows, service: security}
            detection:
              selection: {EventID: 4625}
              condition: selection
            ---
            """;

    private static String correlation(int n) {
        return """
                title: Correlation %d
                id: 5b0c2b67-1f1c-4f1d-9d55-1000000000%02d
                correlation:
                  type: event_count
                  rules: [failed_logon]
                  group-by: [TargetUserName]
                  timespan: 5m
                  condition: {gte: 1}
                ---
                """.formatted(n, n);
    }

    @RepeatedTest(12)
    void severalCorrelationsFiredByOneEventComeInTheOrderOfTheRules() {
        StringBuilder text = new StringBuilder(RULES);
        for (int n = 1; n <= 8; n++) {
            text.append(correlation(n));
        }
        SigmaEngine engine = SigmaEngine.compile(SigmaRules.parse(text.toString(), "order.yml"),
                EngineOptions.defaults().withEvaluateUnmapped(true));
        List<String> fired = new ArrayList<>();
        for (Match m : engine.evaluate(Event.of(Map.of("EventID", 4625, "TargetUserName", "admin",
                "@timestamp", "2026-12-04T10:00:00Z")))) {
            if (m.kind() == Match.Kind.CORRELATION) {
                fired.add(m.ruleId());
            }
        }
        List<String> expected = new ArrayList<>();
        for (int n = 1; n <= 8; n++) {
            expected.add("5b0c2b67-1f1c-4f1d-9d55-1000000000%02d".formatted(n));
        }
        assertThat(fired).isEqualTo(expected);
    }
}
