package org.mburoja.sigma;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Plain values (equals, contains, startswith, endswith, with and without {@code cased}, with {@code *} and
 * {@code ?}) over text that is not ASCII: hundreds of generated rules compiled into one engine (so through the
 * literal pre-filter and the shared compiled values) fire on generated events, given as maps and as JSON lines,
 * exactly where a plain reference matcher says: case-insensitive letter by letter as
 * {@link String#equalsIgnoreCase} decides, {@code ?} one character (a whole surrogate pair), {@code *} any run.
 */
class PlainValueDifferentialTest {

    /** Letters whose case folding is irregular, Albanian letters, a combining mark, an emoji, separators. */
    private static final String LETTERS = "aAbBkKsSiIeEëËçÇé É\u017f\u212a\u0130\u0131\u00df\u1e9e\u03c3\u03c2\u03a3"
            + "\u00b5\u039c\u00e5\u00c5\u212b\u0301.-_/";
    private static final String EMOJI = "\ud83d\ude00";
    private static final String[] MODIFIERS = {"", "|contains", "|startswith", "|endswith", "|cased",
        "|contains|cased", "|startswith|cased", "|endswith|cased"};

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void generatedRulesFireWhereTheReferenceMatches(long seed) throws Exception {
        Random r = new Random(seed);
        int count = 300;
        StringBuilder yaml = new StringBuilder();
        List<String> values = new ArrayList<>();
        List<String> modifiers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String value = text(r, 1 + r.nextInt(5), true);
            String modifier = MODIFIERS[r.nextInt(MODIFIERS.length)];
            values.add(value);
            modifiers.add(modifier);
            yaml.append(i == 0 ? "" : "---\n").append("title: R").append(i).append("\nid: r").append(i)
                    .append("\nstatus: test\nlevel: medium\nlogsource:\n    product: test\ndetection:\n    sel:\n")
                    .append("        F").append(modifier).append(": \"").append(value).append("\"\n")
                    .append("    condition: sel\n");
        }
        SigmaRules rules = SigmaRules.parse(yaml.toString(), "generated");
        assertThat(rules.problems()).isEmpty();
        SigmaEngine engine = SigmaEngine.compile(rules, EngineOptions.defaults().withEvaluateUnmapped(true));
        assertThat(engine.problems()).isEmpty();
        int fires = 0;
        for (int e = 0; e < 2_000; e++) {
            String text = text(r, r.nextInt(10), false);
            Set<String> expected = new HashSet<>();
            for (int i = 0; i < count; i++) {
                String m = modifiers.get(i);
                String glob = (m.contains("contains") || m.contains("endswith") ? "*" : "") + values.get(i)
                        + (m.contains("contains") || m.contains("startswith") ? "*" : "");
                if (matches(glob, 0, text, 0, !m.contains("cased"))) {
                    expected.add("r" + i);
                }
            }
            fires += expected.size();
            assertThat(ids(engine.evaluate(Event.of(Map.of("F", text))))).as("%s", text).isEqualTo(expected);
            byte[] line = ("{\"F\": \"" + text + "\"}").getBytes(StandardCharsets.UTF_8);
            assertThat(ids(engine.evaluate(JsonEvents.parse(line)))).as("%s as JSON", text).isEqualTo(expected);
        }
        assertThat(fires).isGreaterThan(5_000);
    }

    /** Random text; an emoji counts as one piece, values may hold wildcards. */
    private static String text(Random r, int pieces, boolean wildcards) {
        StringBuilder b = new StringBuilder();
        for (int k = 0; k < pieces; k++) {
            int pick = r.nextInt(LETTERS.length() + (wildcards ? 5 : 2));
            if (pick < LETTERS.length()) {
                b.append(LETTERS.charAt(pick));
            } else if (pick < LETTERS.length() + 2) {
                b.append(EMOJI);
            } else {
                b.append(pick == LETTERS.length() + 2 ? '?' : '*');
            }
        }
        return b.toString();
    }

    /** The reference: a glob over code points, letters compared as equalsIgnoreCase compares them. */
    private static boolean matches(String glob, int g, String text, int t, boolean fold) {
        if (g == glob.length()) {
            return t == text.length();
        }
        char c = glob.charAt(g);
        if (c == '*') {
            for (int at = t; at <= text.length(); at += at < text.length() ? Character.charCount(text.codePointAt(at)) : 1) {
                if (matches(glob, g + 1, text, at, fold)) {
                    return true;
                }
            }
            return false;
        }
        if (t == text.length()) {
            return false;
        }
        int cp = text.codePointAt(t);
        if (c == '?') {
            return matches(glob, g + 1, text, t + Character.charCount(cp), fold);
        }
        int gp = glob.codePointAt(g);
        boolean same = fold ? new String(Character.toChars(gp)).equalsIgnoreCase(new String(Character.toChars(cp)))
                : gp == cp;
        return same && matches(glob, g + Character.charCount(gp), text, t + Character.charCount(cp), fold);
    }

    private static Set<String> ids(List<Match> matches) {
        Set<String> out = new HashSet<>();
        matches.forEach(m -> out.add(m.ruleId()));
        return out;
    }
}
