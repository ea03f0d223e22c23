package org.mburoja.sigma;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.mburoja.sigma.model.SigmaDocument;

/**
 * The compiler shares work between the rules of one set (a value's compiled form by its text and modifiers, a log
 * source's alternatives). One engine holding many rules must therefore fire exactly the rules that engines holding
 * one rule each fire, event by event: for the same value under different modifiers, cased or not, encoded or not,
 * and for a sample of SigmaHQ's process-creation rules over the EVTX events.
 */
class SharedCompileTest {

    private static final String[] SAME_VALUE_RULES = {
        "endswith: 'cmd.exe'", "startswith: 'cmd.exe'", "contains|cased: 'Cmd.exe'", "contains: 'Cmd.exe'",
        "contains|cased: 'cmd.exe'", "'cmd.exe'", "'*cmd.exe'", "contains|all: ['cmd.exe', '/c']",
        "contains: ['cmd.exe', '/c']", "base64: 'cmd.exe'", "base64offset|contains: 'cmd.exe'",
        "windash|contains: '-c'", "windash|contains: '/c'", "contains|windash: '-c'", "re: 'cmd\\.exe$'",
        "re|i: 'CMD\\.exe$'", "utf16le|base64offset|contains: 'cmd'", "wide|base64offset|contains: 'cmd'",
        "utf16be|base64offset|contains: 'cmd'", "contains: 'Y21kLmV4ZQ'", "startswith: 'Y21k'"};

    private static final String[] EVENTS = {"cmd.exe", "CMD.EXE /c dir", "c:\\\\windows\\\\cmd.exe", "Cmd.exe",
        "cmd.exe -c", "cmd.exe /c", "xcmd.exe", "Y21kLmV4ZQ==", "powershell -e YwBtAGQA", "IABjAG0AZAA",
        "AGMAbQBk", "echo Y21kLmV4ZQ", "cmd.exe—c", "cmd.exe –c"};

    private static String rule(int i, String selection) {
        return """
                title: Rule %d
                id: 00000000-0000-0000-0000-%012d
                logsource:
                    product: windows
                    category: process_creation
                detection:
                    selection:
                        CommandLine|%s
                    condition: selection
                """.formatted(i, i, selection).replace("CommandLine|'", "CommandLine: '");
    }

    /** Which rule ids fire on each event, for one engine over all documents and for one engine per document. */
    private static void assertSharedEqualsAlone(List<SigmaDocument> docs, List<Event> events, EngineOptions options,
                                                int minMatches) {
        SigmaEngine all = SigmaEngine.compile(new SigmaRules(docs, List.of(), 1), options);
        assertThat(all.problems()).isEmpty();
        List<SigmaEngine> alone = docs.stream()
                .map(d -> SigmaEngine.compile(new SigmaRules(List.of(d), List.of(), 1), options)).toList();
        int fired = 0;
        for (Event e : events) {
            TreeSet<String> shared = new TreeSet<>();
            all.evaluate(e).forEach(m -> shared.add(m.ruleId()));
            TreeSet<String> single = new TreeSet<>();
            for (SigmaEngine one : alone) {
                one.evaluate(e).forEach(m -> single.add(m.ruleId()));
            }
            assertThat(shared).as(e.toString()).isEqualTo(single);
            fired += single.size();
        }
        assertThat(fired).as("matches over all events").isGreaterThan(minMatches);
    }

    @Test
    void theSameValueUnderOtherModifiersCompilesAsItsOwnRuleDoes() throws Exception {
        StringBuilder yaml = new StringBuilder();
        for (int i = 0; i < SAME_VALUE_RULES.length; i++) {
            yaml.append(i > 0 ? "---\n" : "").append(rule(i, SAME_VALUE_RULES[i]));
        }
        SigmaRules rules = SigmaRules.parse(yaml.toString(), "same-values.yml");
        assertThat(rules.problems()).isEmpty();
        assertThat(rules.documents()).hasSize(SAME_VALUE_RULES.length);
        List<Event> events = new ArrayList<>();
        for (String cmd : EVENTS) {
            events.add(Event.of(Map.of("Channel", "Microsoft-Windows-Sysmon/Operational", "EventID", "1",
                    "CommandLine", cmd)));
        }
        assertSharedEqualsAlone(rules.documents(), events, EngineOptions.defaults().withMapping(SharedData.mapping()), 70);
    }

    @Test
    void sigmaHqProcessCreationRulesFireTheSameTogetherAsAlone() throws Exception {
        Path data = SharedData.dir();
        List<Path> files;
        try (Stream<Path> s = Files.list(data.resolve("sigma/rules/windows/process_creation"))) {
            List<Path> all = s.sorted().toList();
            files = new ArrayList<>();
            for (int i = 0; i < all.size(); i += 4) {
                files.add(all.get(i));
            }
        }
        SigmaRules rules = SigmaRules.load(files);
        assertThat(rules.documents()).hasSizeGreaterThan(250);
        List<Event> events = new ArrayList<>();
        Map<String, Integer> kinds = new TreeMap<>();
        for (String line : Files.readAllLines(data.resolve("evtx-attack/events.jsonl"))) {
            Event e = JsonEvents.parse(line);
            Object id = e.get("EventID");
            if ("1".equals(String.valueOf(id)) || "4688".equals(String.valueOf(id))) {
                events.add(e);
                kinds.merge(String.valueOf(id), 1, Integer::sum);
            }
        }
        assertThat(events).hasSizeGreaterThan(500);
        assertSharedEqualsAlone(rules.documents(), events, EngineOptions.defaults().withMapping(SharedData.mapping()), 150);
    }
}
