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
import org.junit.jupiter.params.provider.ValueSource;
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
    /**
     * java.util.regex tries a match at the low half of a surrogate pair only when no test of the pattern can accept a
     * supplementary character: between the halves of the emoji, {@code \\B} holds (neither side is a word char).
     */
    @Test
    void startsBetweenTheHalvesOfASurrogatePairOnlyWhereJavaDoes() {
        String text = "s\ud83d\ude00k";
        assertThat(LinearRegex.compile("\\B", 0).find(text, null)).isTrue();
        assertThat(LinearRegex.compile("\\B[^\\n]?", 0).find(text, null)).isFalse();
        assertThat(LinearRegex.compile("\\B\\W?", 0).find(text, null)).isFalse();
        assertThat(Pattern.compile("\\B").matcher(text).find()).isTrue();
        assertThat(Pattern.compile("\\B[^\\n]?").matcher(text).find()).isFalse();
        assertThat(Pattern.compile("\\B\\W?").matcher(text).find()).isFalse();
    }

    /** Pieces of generated patterns: the constructs of the subset, with letters whose case folding is irregular. */
    private static final String[] ATOMS = {"a", "b", "x", "\u00e9", "\u00c9", "k", "K", "s", "S", "\u017f",
        "\u212a", "i", "I", "\u0130", "\u0131", "\u00df", "\u1e9e", "0", "\u0661", "\\d", "\\w", "\\s",
        "\\W", "\\D", "\\S", "\\b", "\\B", ".", "^", "$", "\\A", "\\z", "\\n", "[a-z]", "[^a-z]",
        "[\\w]", "[\\d\\s]", "[^\\n]", "[k]", "[^k]", "[\u00df]", "[\u00b5]", "[\u00e5]", "[\u212b]",
        "[\u0130]", "[\u017f-\u0180]", "[\u00c0-\u00ff]", "[A-Z]", "[\\x41-\\x5a_]", "[\u03c2]", "\\x41",
        "\\u00e9", "\\.", "(a|\u00e9)", "(?:k)", "ab", "\u00dfs", "\u017fk", "ki", "e\u0301", "\u0301",
        "\u03c3", "\u03c2", "\u00b5", "\u039c"};
    /** Text characters: the same letters, other scripts' digits and spaces, line ends, combining marks, emoji. */
    private static final String ALPHABET = "abxkKsSiI0 \t\n\r.-_\u00e9\u00c9\u017f\u212a\u0130\u0131\u00df"
            + "\u1e9e\u0661\u00a0\u2028\u0085\u3000\uff21\u03c3\u03c2\u03a3\u00b5\u039c\u03bc\u00e5\u00c5"
            + "\u212b\u0301\u0308\u00ff\u0178\ud83d\ude00\ud834\udd67";

    /**
     * Generated patterns under every flag combination the compiler uses (and inline flags) over short texts mixing
     * ASCII with letters that fold irregularly, combining marks and surrogate pairs (whole, and halves alone): the
     * linear engine gives java.util.regex's answer on every one.
     */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4})
    void agreesWithJavaOnGeneratedPatternsOverTextThatIsNotAscii(long seed) {
        Random r = new Random(seed);
        int linear = 0;
        int compared = 0;
        for (int n = 0; n < 4_000; n++) {
            StringBuilder p = new StringBuilder();
            for (int k = 1 + r.nextInt(4); k > 0; k--) {
                p.append(ATOMS[r.nextInt(ATOMS.length)]);
                p.append(switch (r.nextInt(8)) {
                    case 0 -> "*";
                    case 1 -> "+";
                    case 2 -> "?";
                    case 3 -> "{1,2}";
                    default -> "";
                });
            }
            if (r.nextInt(5) == 0) {
                p.insert(0, new String[] {"(?i)", "(?m)", "(?s)", "(?im)"}[r.nextInt(4)]);
            }
            int flags = switch (r.nextInt(4)) {
                case 1 -> Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
                case 2 -> Pattern.CASE_INSENSITIVE;
                case 3 -> Pattern.UNICODE_CASE;
                default -> 0;
            } | (r.nextInt(3) == 0 ? Pattern.MULTILINE : 0) | (r.nextInt(3) == 0 ? Pattern.DOTALL : 0);
            Pattern java;
            try {
                java = Pattern.compile(p.toString(), flags);
            } catch (java.util.regex.PatternSyntaxException e) {
                continue;
            }
            LinearRegex l = LinearRegex.compile(p.toString(), flags);
            if (l == null) {
                continue;
            }
            linear++;
            for (int t = 0; t < 30; t++) {
                StringBuilder text = new StringBuilder();
                for (int m = r.nextInt(9); m > 0; m--) {
                    text.append(ALPHABET.charAt(r.nextInt(ALPHABET.length())));
                }
                String s = text.toString();
                assertThat(l.find(s, null)).as("/%s/ flags %d on %s", p, flags, s.codePoints()
                        .mapToObj(c -> String.format("U+%04X", c)).toList()).isEqualTo(java.matcher(s).find());
                compared++;
            }
        }
        assertThat(linear).isGreaterThan(3_000);
        assertThat(compared).isGreaterThan(90_000);
    }

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
