package org.mburoja.sigma.internal.compile;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mburoja.sigma.Event;
import org.mburoja.sigma.JsonEvents;
import org.mburoja.sigma.SigmaRules;
import org.mburoja.sigma.model.DetectionRule;
import org.mburoja.sigma.model.FieldMatch;
import org.mburoja.sigma.model.Modifier;
import org.mburoja.sigma.model.Search;
import org.mburoja.sigma.model.SigmaValue;

class LinearRegexTest {

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
            "abc;xxabcxx;true",
            "^abc$;abc;true",
            "^abc$;abcd;false",
            "a.c;a\\nc;false",
            "a[0-9]{2,3}b;a12b;true",
            "a[0-9]{2,3}b;a1b;false",
            "a[^x]b;axb;false",
            "(foo|bar)+baz;foobarbaz;true",
            "\\bcmd\\b;run cmd now;true",
            "\\bcmd\\b;runcmdnow;false",
            "\\d+\\.\\d+;v 10.5;true",
            "colou?r;color;true",
            "colou?r;colr;false",
            "x?;'';true",
            "^$;'';true",
            "\\s[a-f0-9]{4}\\s[a-f0-9]{2};a 0af3 9b;true",
            "\\s[a-f0-9]{4}\\s[a-f0-9]{2};a 0af3 9;false",
            "(ab|c)d{2};cdd;true",
            "(ab|c)d{2};cd;false",
            "(?i)POWERSHELL;powershell.exe;true",
            "x{0}y;y;true",
    })
    void agreesWithJavaOnHandWrittenCases(String regex, String text, boolean expected) {
        LinearRegex r = LinearRegex.compile(regex, 0);
        assertThat(r).as("supported: %s", regex).isNotNull();
        assertThat(r.find(text.replace("\\n", "\n"), null)).isEqualTo(expected)
                .isEqualTo(Pattern.compile(regex).matcher(text.replace("\\n", "\n")).find());
    }

    @Test
    void catastrophicBacktrackingPatternsRunInLinearTime() {
        String hostile = "a".repeat(200_000) + "!";
        assertThat(LinearRegex.compile("^(a+)+$", 0).find(hostile, null)).isFalse();
        assertThat(LinearRegex.compile("(a|aa)*b", 0).find(hostile, null)).isFalse();
        String plus = "+x".repeat(50_000);
        assertThat(LinearRegex.compile("\\+.*\\+.*\\+.*\\+.*\\+.*\\+.*\\+.*\\+.*\\+.*\\+.*\\+.*\\+.*\\+.*\\+", 0)
                .find(plus, null)).isTrue();
    }

    @Test
    void leavesConstructsOutsideTheSubsetToTheBoundedEngine() {
        assertThat(LinearRegex.compile("(a)\\1", 0)).isNull();
        assertThat(LinearRegex.compile("foo(?=bar)", 0)).isNull();
        assertThat(LinearRegex.compile("(?<!x)y", 0)).isNull();
        assertThat(LinearRegex.compile("a++", 0)).isNull();
        assertThat(LinearRegex.compile("\\p{L}", 0)).isNull();
        assertThat(RegexMatcher.of(Pattern.compile("(a)\\1"), 100)).isInstanceOf(BoundedRegex.class);
    }

    /**
     * Differential property test: every {@code |re} of the SigmaHQ rule set, against real event values and seeded
     * mutations of them, gives the same answer as java.util.regex (where that finishes within its budget).
     */
    @Test
    void agreesWithJavaOnEveryRuleRegexOverRealAndMutatedValues() throws Exception {
        Path data = Path.of(System.getProperty("mburoja.shared.dir", "../../shared"), "data");
        Assumptions.assumeTrue(Files.isDirectory(data));
        SigmaRules rules = SigmaRules.load(List.of(data.resolve("sigma/rules"), data.resolve("sigma/rules-emerging-threats")));
        List<Pattern> patterns = new ArrayList<>();
        for (var d : rules.documents()) {
            if (d instanceof DetectionRule r) {
                r.detection().searches().values().forEach(s -> collect(s, patterns));
            }
        }
        assertThat(patterns).hasSizeGreaterThan(150);
        Random random = new Random(20261123L);
        List<String> lines = Files.readAllLines(data.resolve("evtx-attack/events.jsonl"));
        List<String> corpus = new ArrayList<>();
        for (int k = 0; k < 300; k++) {
            Event e = JsonEvents.parse(lines.get(random.nextInt(lines.size())));
            e.forEach((name, v) -> {
                if (v instanceof String s && s.length() > 3 && random.nextInt(6) == 0) {
                    corpus.add(s);
                    corpus.add(mutate(s, random));
                }
            });
        }
        int supported = 0;
        int compared = 0;
        for (Pattern p : patterns) {
            LinearRegex linear = LinearRegex.compile(p.pattern(), p.flags());
            if (linear == null) {
                continue;
            }
            supported++;
            BoundedRegex bounded = new BoundedRegex(p, 1000);
            List<String> texts = new ArrayList<>(corpus.subList(0, Math.min(corpus.size(), 400)));
            texts.addAll(samplesFor(p.pattern(), random));
            for (String t : texts) {
                EventContext ctx = new EventContext(Event.of(java.util.Map.of()));
                boolean java = bounded.find(t, ctx);
                if (ctx.regexAbortedCount() > 0) {
                    continue;
                }
                assertThat(linear.find(t, null)).as("/%s/ on %s", p.pattern(), t).isEqualTo(java);
                compared++;
            }
        }
        assertThat(supported).as("rule regexes in the linear subset").isGreaterThan(patterns.size() * 9 / 10);
        assertThat(compared).isGreaterThan(10_000);
    }

    private static void collect(Search s, List<Pattern> out) {
        switch (s) {
            case Search.AllOf a -> a.items().forEach(i -> collect(i, out));
            case Search.AnyOf a -> a.items().forEach(i -> collect(i, out));
            case Search.Field f -> {
                FieldMatch fm = f.match();
                if (fm.has(Modifier.RE)) {
                    int flags = (fm.has(Modifier.I) ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0)
                            | (fm.has(Modifier.M) ? Pattern.MULTILINE : 0) | (fm.has(Modifier.S) ? Pattern.DOTALL : 0);
                    for (SigmaValue v : fm.values()) {
                        out.add(Pattern.compile(v.text(), flags));
                    }
                }
            }
        }
    }

    /** Strings built from the pattern's own literal characters, so that matches are not all trivially false. */
    private static List<String> samplesFor(String pattern, Random random) {
        String alphabet = pattern.replaceAll("[\\\\()\\[\\]{}|*+?^$]", "") + " \n-_/\\.";
        List<String> out = new ArrayList<>();
        for (int k = 0; k < 40; k++) {
            StringBuilder sb = new StringBuilder();
            int n = random.nextInt(60);
            for (int j = 0; j < n; j++) {
                sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            out.add(sb.toString());
        }
        return out;
    }

    private static String mutate(String s, Random random) {
        StringBuilder sb = new StringBuilder(s);
        for (int k = 0; k < 3; k++) {
            int at = random.nextInt(sb.length());
            switch (random.nextInt(3)) {
                case 0 -> sb.deleteCharAt(at);
                case 1 -> sb.insert(at, (char) random.nextInt(0x20, 0x7f));
                default -> sb.setCharAt(at, Character.toUpperCase(sb.charAt(at)));
            }
            if (sb.isEmpty()) {
                break;
            }
        }
        return sb.toString();
    }

}
