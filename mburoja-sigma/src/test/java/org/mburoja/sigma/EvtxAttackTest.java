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

    /**
     * The hunt reads lines as bytes into flat events ({@link JsonEvents#parse(byte[])}); over every sample event they
     * must give the same detections (rules, selections) and the same event fields, in the same order, as the map
     * events of the generic parser.
     */
    @Test
    void flatEventsFromBytesDetectExactlyAsMapEvents() throws Exception {
        Path data = SharedData.dir();
        SigmaEngine engine = SigmaEngine.compile(SigmaRules.load(List.of(data.resolve("sigma/rules"),
                data.resolve("sigma/rules-emerging-threats"))), EngineOptions.defaults().withMapping(SharedData.mapping()));
        int flat = 0;
        int matches = 0;
        for (String line : Files.readAllLines(data.resolve("evtx-attack/events.jsonl"))) {
            Event fromBytes = JsonEvents.parse(line.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            flat += fromBytes instanceof org.mburoja.sigma.internal.event.FlatEvent ? 1 : 0;
            List<String> expected = detections(engine, JsonEvents.parse(line));
            assertThat(detections(engine, fromBytes)).as(line).isEqualTo(expected);
            matches += expected.size() - 1;
        }
        assertThat(flat).isEqualTo(8255);
        assertThat(matches).isGreaterThan(1000);
    }

    private static List<String> detections(SigmaEngine engine, Event e) {
        List<String> out = new java.util.ArrayList<>();
        StringBuilder fields = new StringBuilder();
        e.forEach((k, v) -> fields.append(k).append('=').append(v).append('\u0001'));
        out.add(fields.toString());
        for (Match m : engine.detect(e).matches()) {
            out.add(m.ruleId() + " " + m.selections());
        }
        return out;
    }
}
