package org.mburoja.sigma;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * All of SigmaHQ's Windows rules over the EVTX-ATTACK-SAMPLES events: every rule loads, every line is an event, and
 * the techniques the samples were recorded for are detected. docs/sigma-support.md lists the techniques that fire.
 */
class EvtxAttackTest {

    @Test
    void windowsRulesRunOverAttackSamplesWithoutErrors() throws Exception {
        Path data = SharedData.dir();
        SigmaRules rules = SigmaRules.load(List.of(data.resolve("sigma/rules/windows")));
        assertThat(rules.problems()).isEmpty();
        SigmaEngine engine = SigmaEngine.compile(rules, EngineOptions.defaults().withMapping(SharedData.mapping()));
        assertThat(engine.problems()).isEmpty();
        Map<String, Integer> techniques = new TreeMap<>();
        Map<String, Integer> perRule = new TreeMap<>();
        int events = 0;
        for (String line : Files.readAllLines(data.resolve("evtx-attack/events.jsonl"))) {
            events++;
            for (Match m : engine.evaluate(JsonEvents.parse(line))) {
                perRule.merge(m.title(), 1, Integer::sum);
                for (String t : m.techniques()) {
                    techniques.merge(t, 1, Integer::sum);
                }
            }
        }
        assertThat(events).isEqualTo(8255);
        assertThat(engine.regexAborted()).isZero();
        if (Boolean.getBoolean("mburoja.print")) {
            techniques.forEach((t, n) -> System.out.println("TECH\t" + t + "\t" + n));
            perRule.forEach((t, n) -> System.out.println("RULE\t" + t + "\t" + n));
        }
        // the 2022 campaign's steps: LSASS dumping, event-log clearing (T1685.005 in the ATT&CK version SigmaHQ tags
        // with), shadow-copy deletion, SMB lateral movement, RDP, web shells
        assertThat(techniques).containsKeys("T1003.001", "T1685.005", "T1490", "T1021.002", "T1021.001", "T1505.003");
        assertThat(perRule.size()).isGreaterThan(50);
    }
}
