package org.mburoja.sigma.internal.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mburoja.sigma.internal.compile.Text;

/**
 * Seeded property tests: the automaton reports exactly the literals that the folded text contains
 * ({@code Text.fold(text).contains(literal)}), for random literal sets of every size (from one literal to thousands,
 * so the tables grow over many rows and classes), ASCII and non-ASCII text, empty and very long values.
 */
class AhoCorasickTest {

    private static final String ALPHABET = "abcxyz\\.-_ :0AB\u00e9\u00c9\u0130\u00df\u4e2d\ud83d\ude00";

    static Stream<Long> seeds() {
        return LongStream(40);
    }

    private static Stream<Long> LongStream(int n) {
        return IntStream.range(0, n).mapToObj(i -> 0x5eed_0000L + i);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void reportsExactlyTheLiteralsTheFoldedTextContains(long seed) {
        Random rnd = new Random(seed);
        int size = switch ((int) (seed % 4)) {
            case 0 -> 1 + rnd.nextInt(3);
            case 1 -> 10 + rnd.nextInt(50);
            case 2 -> 200 + rnd.nextInt(300);
            default -> 2000 + rnd.nextInt(2000);
        };
        Set<String> set = new LinkedHashSet<>();
        while (set.size() < size) {
            set.add(Text.fold(random(rnd, 1 + rnd.nextInt(rnd.nextBoolean() ? 4 : 12))));
        }
        List<String> literals = new ArrayList<>(set);
        AhoCorasick ac = new AhoCorasick(literals, null, rowLimit(seed));
        LiteralHits hits = new LiteralHits(literals.size());
        for (int t = 0; t < 60; t++) {
            int len = switch (t % 6) {
                case 0 -> 0;
                case 1 -> 1;
                case 2 -> 5000 + rnd.nextInt(20000);
                default -> rnd.nextInt(200);
            };
            String text = random(rnd, len);
            if (len > 0 && rnd.nextBoolean()) {
                // plant a literal, in upper case, so there are hits to find
                String lit = literals.get(rnd.nextInt(literals.size()));
                int at = rnd.nextInt(text.length() + 1);
                text = text.substring(0, at) + lit.toUpperCase(java.util.Locale.ROOT) + text.substring(at);
            }
            String folded = Text.fold(text);
            Set<Integer> expected = new TreeSet<>();
            for (int i = 0; i < literals.size(); i++) {
                if (folded.contains(literals.get(i))) {
                    expected.add(i);
                }
            }
            ac.scan(text, hits);
            Set<Integer> actual = new TreeSet<>();
            hits.forEach(actual::add);
            hits.clear();
            assertThat(actual).as("seed %d text %d (%d chars)", seed, t, text.length()).isEqualTo(expected);
        }
    }

    /**
     * Full rows for the shallow states only, for some deeper ones, or within the default budget (for small literal
     * sets: every state), so that both transition paths are compared.
     */
    private static int rowLimit(long seed) {
        return switch ((int) (seed % 3)) {
            case 0 -> 0;
            case 1 -> 2_000;
            default -> AhoCorasick.ROW_BUDGET;
        };
    }

    @Test
    void reportsLiteralsUnderTheirGivenIds() {
        AhoCorasick ac = new AhoCorasick(List.of("cmd", "\u00e9t\u00e9", "md.exe"), new int[] {70, 3, 129});
        LiteralHits hits = new LiteralHits(130);
        ac.scan("C:\\Windows\\CMD.EXE \u00c9T\u00c9", hits);
        Set<Integer> found = new TreeSet<>();
        hits.forEach(found::add);
        assertThat(found).containsExactly(3, 70, 129);
    }

    @Test
    void findsNothingWithoutLiteralsOrText() {
        LiteralHits hits = new LiteralHits(1);
        new AhoCorasick(List.of()).scan("anything \u00e9", hits);
        new AhoCorasick(List.of("abc")).scan("", hits);
        List<Integer> found = new ArrayList<>();
        hits.forEach(found::add);
        assertThat(found).isEmpty();
    }

    /**
     * The byte scan of printable ASCII (as a flat event's values stand in the line) reports what the String scan
     * reports, at any offset; the literal sets reach deep below the full rows (paths sharing long prefixes).
     */
    @ParameterizedTest
    @MethodSource("seeds")
    void scansAsciiBytesAsItScansTheirString(long seed) {
        Random rnd = new Random(seed);
        String[] stems = {"c:\\windows\\system32\\", "\\appdata\\local\\temp\\", "powershell", ".exe", "-enc"};
        Set<String> set = new LinkedHashSet<>();
        int size = 1 + rnd.nextInt(seed % 2 == 0 ? 20 : 3000);
        while (set.size() < size) {
            String stem = rnd.nextBoolean() ? stems[rnd.nextInt(stems.length)] : "";
            set.add(Text.fold(stem + ascii(rnd, 1 + rnd.nextInt(10))));
        }
        List<String> literals = new ArrayList<>(set);
        AhoCorasick ac = new AhoCorasick(literals, null, rowLimit(seed));
        assertThat(ac.denseStates()).isLessThanOrEqualTo(ac.states());
        LiteralHits fromString = new LiteralHits(literals.size());
        LiteralHits fromBytes = new LiteralHits(literals.size());
        for (int t = 0; t < 40; t++) {
            StringBuilder sb = new StringBuilder();
            int parts = t % 5 == 0 ? 0 : 1 + rnd.nextInt(t % 7 == 0 ? 2000 : 8);
            for (int k = 0; k < parts; k++) {
                sb.append(rnd.nextInt(3) == 0 ? literals.get(rnd.nextInt(literals.size())).toUpperCase(java.util.Locale.ROOT)
                        : rnd.nextBoolean() ? stems[rnd.nextInt(stems.length)] : ascii(rnd, rnd.nextInt(12)));
            }
            String text = sb.toString();
            int pad = rnd.nextInt(5);
            byte[] line = ("x".repeat(pad) + text + "y".repeat(pad)).getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
            ac.scan(text, fromString);
            ac.scan(line, pad, pad + text.length(), fromBytes);
            Set<Integer> a = new TreeSet<>();
            Set<Integer> b = new TreeSet<>();
            fromString.forEach(a::add);
            fromBytes.forEach(b::add);
            fromString.clear();
            fromBytes.clear();
            Set<Integer> expected = new TreeSet<>();
            String folded = Text.fold(text);
            for (int i = 0; i < literals.size(); i++) {
                if (folded.contains(literals.get(i))) {
                    expected.add(i);
                }
            }
            assertThat(a).isEqualTo(expected);
            assertThat(b).isEqualTo(expected);
        }
    }

    private static String ascii(Random rnd, int len) {
        StringBuilder sb = new StringBuilder(len);
        for (int i = 0; i < len; i++) {
            sb.append((char) (' ' + rnd.nextInt(96)));
        }
        return sb.toString();
    }

    private static String random(Random rnd, int len) {
        StringBuilder sb = new StringBuilder(len);
        while (sb.length() < len) {
            int i = rnd.nextInt(ALPHABET.length());
            char c = ALPHABET.charAt(i);
            if (Character.isHighSurrogate(c)) {
                sb.append(c).append(ALPHABET.charAt(i + 1));
            } else if (!Character.isLowSurrogate(c)) {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
