package org.mburoja.sigma.internal.compile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Seeded property tests of the lazily built DFA in {@link LinearRegex#find} against the Pike VM it replaces
 * ({@link LinearRegex#pike}) as the oracle: random patterns of the supported subset without assertions (classes,
 * counted repeats, alternation, case-insensitive, dot-all), random texts (empty, very long, non-ASCII, Turkish i,
 * sharp s, Kelvin sign), one matcher reused over many texts so the states built for one text serve the next, and
 * patterns whose DFA outgrows its state limit.
 */
class RegexDfaTest {

    private static final String ATOMS = "abcABC.-\\_ :0x";
    private static final String TEXT = "abcABCxyz.-\\_ :019`\"'{}\u00e9\u0130\u0131\u00df\u212a\u4e2d";

    static Stream<Long> seeds() {
        return IntStream.range(0, 300).mapToObj(i -> 0xDFA0_0000L + i);
    }

    private static String atom(Random r) {
        return switch (r.nextInt(10)) {
            case 0 -> ".";
            case 1 -> "\\w";
            case 2 -> "\\d";
            case 3 -> "\\s";
            case 4 -> "[a-c0-9]";
            case 5 -> "[^a\\\\ ]";
            case 6 -> "\\\\";
            case 7 -> new String[] {"\u00e9", "\u0130", "\u00df", "k"}[r.nextInt(4)];
            default -> {
                char c = ATOMS.charAt(r.nextInt(ATOMS.length()));
                yield c == '.' || c == '\\' ? "\\" + c : String.valueOf(c);
            }
        };
    }

    private static String pattern(Random r, int depth) {
        StringBuilder sb = new StringBuilder();
        int n = 1 + r.nextInt(5);
        for (int i = 0; i < n; i++) {
            String a = depth < 2 && r.nextInt(6) == 0 ? "(?:" + pattern(r, depth + 1) + "|" + pattern(r, depth + 1) + ")" : atom(r);
            sb.append(a);
            switch (r.nextInt(8)) {
                case 0 -> sb.append('*');
                case 1 -> sb.append('+');
                case 2 -> sb.append('?');
                case 3 -> sb.append('{').append(r.nextInt(3)).append(',').append(2 + r.nextInt(12)).append('}');
                case 4 -> sb.append("*?");
                default -> {
                }
            }
        }
        return sb.toString();
    }

    private static String text(Random r) {
        int n = switch (r.nextInt(8)) {
            case 0 -> 0;
            case 1 -> 1;
            case 2 -> 3000 + r.nextInt(10_000);
            default -> r.nextInt(80);
        };
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append(TEXT.charAt(r.nextInt(TEXT.length())));
        }
        return sb.toString();
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void dfaAnswersAsThePikeVm(long seed) {
        Random r = new Random(seed);
        String p = pattern(r, 0);
        int flags = (r.nextInt(3) == 0 ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0)
                | (r.nextInt(4) == 0 ? Pattern.DOTALL : 0);
        LinearRegex re = LinearRegex.compile(p, flags);
        assertThat(re).as(p).isNotNull();
        assertThat(re.usesDfa()).isTrue();
        for (int k = 0; k < 60; k++) {
            String t = text(r);
            if (r.nextInt(3) == 0 && t.length() > 2) {
                // plant a piece of a matching text: the pattern's own characters
                t = t.substring(0, t.length() / 2) + p.replaceAll("[\\\\()\\[\\]{}|*+?^$:]", "") + t.substring(t.length() / 2);
            }
            assertThat(re.find(t, null)).as("/%s/ on '%s'", p, t).isEqualTo(re.pike(t));
        }
    }

    @Test
    void patternsWithTooManyStatesFallBackToTheVm() {
        // the 14th character from the end is an a: 2^14 DFA states, far above the limit
        LinearRegex re = LinearRegex.compile("a[ab]{13}", 0);
        Random r = new Random(7);
        int matches = 0;
        for (int k = 0; k < 200; k++) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0, n = r.nextInt(400); i < n; i++) {
                sb.append(r.nextBoolean() ? 'a' : 'b');
            }
            String t = sb.toString();
            boolean expected = Pattern.compile("a[ab]{13}").matcher(t).find();
            assertThat(re.find(t, null)).as(t).isEqualTo(expected).isEqualTo(re.pike(t));
            matches += expected ? 1 : 0;
        }
        assertThat(matches).isBetween(1, 199);
    }

    @Test
    void programsWithAssertionsKeepTheVm() {
        assertThat(LinearRegex.compile("^ab", 0).usesDfa()).isFalse();
        assertThat(LinearRegex.compile("a\\b", 0).usesDfa()).isFalse();
        assertThat(LinearRegex.compile("a$", 0).usesDfa()).isFalse();
        assertThat(LinearRegex.compile("a[bc]+d", 0).usesDfa()).isTrue();
    }

    @Test
    void emptyMatchesAndEmptyTexts() {
        assertThat(LinearRegex.compile("a*", 0).find("", null)).isTrue();
        assertThat(LinearRegex.compile("a?b?", 0).find("zzz", null)).isTrue();
        assertThat(LinearRegex.compile("ab", 0).find("", null)).isFalse();
        assertThat(LinearRegex.compile("(?i)K", 0).find("\u212a", null)).isEqualTo(LinearRegex.compile("(?i)K", 0).pike("\u212a"));
    }
}
