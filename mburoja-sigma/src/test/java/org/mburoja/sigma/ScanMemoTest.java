package org.mburoja.sigma;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mburoja.sigma.internal.compile.EventContext;
import org.mburoja.sigma.internal.index.LiteralHits;
import org.mburoja.sigma.internal.index.RuleIndex;

/**
 * A worker remembers, per candidate set and scanned field, the last value it scanned and the literals found in it,
 * and marks them again when the next event has the same value. Over seeded streams that repeat, escape, lengthen and
 * fill values with literals, the literals a long-lived worker finds for every event are exactly those a fresh one
 * (no memory) finds, and so are the rules selected and the matches.
 */
class ScanMemoTest {

    private static final String RULES = """
            title: Encoded PowerShell
            logsource: {category: process_creation, product: windows}
            detection:
              sel:
                CommandLine|contains: [' -enc ', 'frombase64string', 'invoke-expression']
              condition: sel
            ---
            title: Tool images
            logsource: {category: process_creation, product: windows}
            detection:
              sel:
                Image|endswith: ['\\\\rundll32.exe', '\\\\mshta.exe', '\\\\certutil.exe']
              condition: sel
            ---
            title: System user with a dump
            logsource: {category: process_creation, product: windows}
            detection:
              user:
                User|contains: 'AUTHORITY\\\\SYSTEM'
              dump:
                CommandLine|contains|all: ['comsvcs', 'minidump']
              condition: user and dump
            ---
            title: Many aaa
            logsource: {category: process_creation, product: windows}
            detection:
              sel:
                CommandLine|contains: 'aaa'
                Image|contains: 'zzz'
              condition: sel
            """;

    private static final String[] COMMANDS = {
        "powershell -enc SQBFAFgA", "cmd /c whoami", "rundll32 comsvcs.dll MiniDump 624 out.dmp full",
        "certutil -urlcache -f http://x/a", "[System.Convert]::FromBase64String('QUJD')", "notepad.exe",
        "\"C:\\Windows\\System32\\cmd.exe\" /c echo \u00e9t\u00e9 Invoke-Expression",
    };
    private static final String[] IMAGES = {
        "C:\\Windows\\System32\\rundll32.exe", "C:\\Windows\\System32\\cmd.exe", "C:\\Tools\\zzz\\MSHTA.EXE",
        "C:\\Windows\\System32\\certutil.exe", "/usr/bin/zzz",
    };
    private static final String[] USERS = {"NT AUTHORITY\\SYSTEM", "CORP\\alice", "bob", "nt authority\\system"};

    private static String value(Random r, String[] pool) {
        return switch (r.nextInt(10)) {
            case 0 -> "aaa".repeat(30 + r.nextInt(40)) + pool[r.nextInt(pool.length)]; // more than a memo keeps
            case 1 -> "x".repeat(4090 + r.nextInt(12)) + pool[r.nextInt(pool.length)]; // around the longest kept
            default -> pool[r.nextInt(pool.length)]; // repeats
        };
    }

    private static String json(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                default -> b.append(c);
            }
        }
        return b.append('"').toString();
    }

    private static List<Event> stream(long seed, int n) throws Exception {
        Random r = new Random(seed);
        List<Event> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Map<String, String> fields = new LinkedHashMap<>();
            fields.put("Channel", "Microsoft-Windows-Sysmon/Operational");
            fields.put("EventID", "1");
            if (r.nextInt(8) != 0) {
                fields.put("CommandLine", value(r, COMMANDS));
            }
            fields.put("Image", value(r, IMAGES));
            if (r.nextBoolean()) {
                fields.put("User", value(r, USERS));
            }
            if (r.nextInt(4) == 0) {
                out.add(Event.of(new LinkedHashMap<>(fields))); // a map event: the field text path
                continue;
            }
            StringBuilder line = new StringBuilder("{");
            fields.forEach((k, v) -> line.append(line.length() > 1 ? "," : "").append(json(k)).append(':').append(json(v)));
            // bytes: a flat event, whose unescaped ASCII values are scanned as they stand in the line
            out.add(JsonEvents.parse(line.append('}').toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        }
        return out;
    }

    private static TreeSet<Integer> found(RuleIndex index, Event e, LiteralHits hits, List<Integer> selected) {
        EventContext ctx = new EventContext(e);
        RuleIndex.Candidates c = index.candidates(ctx);
        TreeSet<Integer> ids = new TreeSet<>();
        if (c.postings() == null) {
            return ids;
        }
        index.scan(ctx, c, hits);
        hits.forEach(ids::add);
        long[] bits = c.select(hits);
        for (int pos = 0; pos < c.variants().length; pos++) {
            if ((bits[pos >>> 6] >>> pos & 1) != 0) {
                selected.add(c.variants()[pos].variant().rule());
            }
        }
        hits.clear();
        return ids;
    }

    /** The traps one by one: same length other bytes, an overflowing value twice, a value as String, bytes, String. */
    @org.junit.jupiter.api.Test
    void rememberedValuesAreExact() throws Exception {
        SigmaEngine engine = SigmaEngine.compile(SigmaRules.parse(RULES, "memo.yml"),
                EngineOptions.defaults().withEvaluateUnmapped(true));
        RuleIndex index = engine.index();
        String head = "{\"Channel\":\"Microsoft-Windows-Sysmon/Operational\",\"EventID\":\"1\",";
        String many = "aaa".repeat(30) + " -enc x";
        List<String> lines = List.of(
                head + "\"CommandLine\":\"a -enc b\",\"Image\":\"/usr/bin/zzz\"}",
                head + "\"CommandLine\":\"a xenc b\",\"Image\":\"/usr/bin/yyy\"}", // same lengths, other bytes
                head + "\"CommandLine\":\"" + many + "\",\"Image\":\"/usr/bin/zzz\"}",
                head + "\"CommandLine\":\"" + many + "\",\"Image\":\"/usr/bin/zzz\"}", // more ids than kept
                head + "\"CommandLine\":\"x\",\"Image\":\"C:\\\\Tools\\\\zzz\\\\MSHTA.EXE\"}", // a String
                head + "\"CommandLine\":\"x\",\"Image\":\"/usr/bin/zzz\"}", // bytes
                head + "\"CommandLine\":\"x\",\"Image\":\"C:\\\\Tools\\\\zzz\\\\MSHTA.EXE\"}"); // the String again
        LiteralHits longLived = index.newHits();
        List<TreeSet<Integer>> seen = new ArrayList<>();
        for (String l : lines) {
            Event e = JsonEvents.parse(l.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            TreeSet<Integer> memo = found(index, e, longLived, new ArrayList<>());
            assertThat(memo).as(l).isEqualTo(found(index, e, index.newHits(), new ArrayList<>()));
            seen.add(memo);
        }
        assertThat(seen.get(0)).isNotEqualTo(seen.get(1));
        assertThat(seen.get(4)).isNotEqualTo(seen.get(5));
        assertThat(JsonEvents.parse(lines.get(0).getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .isInstanceOf(org.mburoja.sigma.internal.event.FlatEvent.class);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void aRememberedValueFindsWhatAFreshScanFinds(long seed) throws Exception {
        SigmaEngine engine = SigmaEngine.compile(SigmaRules.parse(RULES, "memo.yml"),
                EngineOptions.defaults().withEvaluateUnmapped(true));
        assertThat(engine.problems()).isEmpty();
        RuleIndex index = engine.index();
        LiteralHits longLived = index.newHits();
        int withLiterals = 0;
        for (Event e : stream(seed, 2000)) {
            List<Integer> selectedMemo = new ArrayList<>();
            List<Integer> selectedFresh = new ArrayList<>();
            TreeSet<Integer> memo = found(index, e, longLived, selectedMemo);
            TreeSet<Integer> fresh = found(index, e, index.newHits(), selectedFresh);
            assertThat(memo).as("literals in %s", e).isEqualTo(fresh);
            assertThat(selectedMemo).as("rules selected for %s", e).isEqualTo(selectedFresh);
            withLiterals += fresh.isEmpty() ? 0 : 1;
        }
        assertThat(withLiterals).as("events in which the pre-filter found something").isGreaterThan(1000);
    }

    @ParameterizedTest
    @ValueSource(longs = {6, 7})
    void aLongLivedWorkerMatchesAsFreshOnesDo(long seed) throws Exception {
        SigmaEngine engine = SigmaEngine.compile(SigmaRules.parse(RULES, "memo.yml"),
                EngineOptions.defaults().withEvaluateUnmapped(true));
        List<Event> events = stream(seed, 1000);
        List<String> here = new ArrayList<>();
        for (Event e : events) {
            engine.detect(e).matches().forEach(m -> here.add(m.title() + " " + m.selections()));
        }
        List<String> fresh = new ArrayList<>();
        for (Event e : events) {
            Thread t = Thread.ofPlatform().start(() -> // a new thread: a new LiteralHits, nothing remembered
                    engine.detect(e).matches().forEach(m -> fresh.add(m.title() + " " + m.selections())));
            t.join();
        }
        assertThat(here).isEqualTo(fresh).hasSizeGreaterThan(300);
    }
}
