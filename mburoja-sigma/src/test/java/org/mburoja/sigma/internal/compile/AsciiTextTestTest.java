package org.mburoja.sigma.internal.compile;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mburoja.sigma.Event;
import org.mburoja.sigma.JsonEvents;
import org.mburoja.sigma.internal.event.FlatEvent;

/**
 * Seeded property tests of the byte paths against the String paths as the oracle: {@link TextTest#testAscii} gives
 * {@code test(fold ? Text.fold(s) : s)} on every printable-ASCII text (offsets inside a larger array, empty, very
 * long, capitals), for globs of every shape, case-folded or not, including literals whose folding is not ASCII's
 * (Turkish dotted and dotless i, German sharp s, the Kelvin sign, which folds to an ASCII k); and a keyword search on
 * a flat event answers as the same search on the map event of the same line.
 */
class AsciiTextTestTest {

    private static final String TEXT_CHARS = "abcAB\\C.-_ :/\"'0x%*?{}~\u007f";
    private static final String GLOB_CHARS = "abcAB\\C.-_ :0x";
    private static final String[] ODD = {"\u0130", "\u0131", "\u00df", "\u212a", "\u00e9", "SS", "I", "i", "K"};

    static Stream<Long> seeds() {
        return IntStream.range(0, 300).mapToObj(i -> 0xA5C1_0000L + i);
    }

    private static String text(Random r) {
        int n = switch (r.nextInt(8)) {
            case 0 -> 0;
            case 1 -> 1;
            case 2 -> 2000 + r.nextInt(20_000);
            default -> r.nextInt(60);
        };
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append(r.nextInt(10) == 0 ? (char) (' ' + r.nextInt(96)) : TEXT_CHARS.charAt(r.nextInt(TEXT_CHARS.length())));
        }
        return sb.toString();
    }

    /** A glob pattern, often a piece of the text so that it matches. */
    private static String pattern(Random r, String text) {
        StringBuilder sb = new StringBuilder();
        if (r.nextInt(3) == 0 && !text.isEmpty()) {
            int a = r.nextInt(text.length());
            int b = Math.min(text.length(), a + r.nextInt(8));
            String piece = text.substring(a, b).replace("*", "").replace("?", "").replace("\\", "\\\\");
            sb.append(r.nextBoolean() ? piece.toUpperCase(java.util.Locale.ROOT) : piece);
        } else {
            int n = r.nextInt(6);
            for (int i = 0; i < n; i++) {
                sb.append(r.nextInt(8) == 0 ? ODD[r.nextInt(ODD.length)] : String.valueOf(GLOB_CHARS.charAt(r.nextInt(GLOB_CHARS.length()))));
            }
        }
        return switch (r.nextInt(7)) {
            case 0 -> "*" + sb + "*";
            case 1 -> sb + "*";
            case 2 -> "*" + sb;
            case 3 -> sb.toString();
            case 4 -> "*" + sb + "?" + sb + "*";
            case 5 -> sb.isEmpty() ? "*" : sb.charAt(0) + "*" + sb;
            default -> "*";
        };
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void bytesAnswerAsTheFoldedString(long seed) {
        Random r = new Random(seed);
        for (int k = 0; k < 40; k++) {
            String s = text(r);
            boolean fold = r.nextBoolean();
            Glob g = Glob.parse(pattern(r, s));
            TextTest t = TextTest.of(fold ? g.fold() : g);
            int pad = r.nextInt(3) * 7;
            byte[] b = new byte[pad + s.length() + pad];
            java.util.Arrays.fill(b, (byte) 'A');
            System.arraycopy(s.getBytes(StandardCharsets.ISO_8859_1), 0, b, pad, s.length());
            boolean expected = t.test(fold ? Text.fold(s) : s);
            assertThat(t.testAscii(b, pad, pad + s.length(), fold)).as("%s on '%s' fold=%s", t, s, fold).isEqualTo(expected);
        }
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void keywordSearchOnFlatEventsAnswersAsOnMapEvents(long seed) throws Exception {
        Random r = new Random(seed);
        StringBuilder line = new StringBuilder("{");
        int fields = r.nextInt(12);
        List<String> values = new ArrayList<>();
        for (int i = 0; i < fields; i++) {
            String v = text(r);
            v = v.substring(0, Math.min(v.length(), 300)).replace("\\", "\\\\").replace("\"", "\\\"");
            if (r.nextInt(6) == 0) {
                v = v + "\u00e9\u0130"; // not ASCII: decoded, not a span
            }
            values.add(v);
            if (i > 0) {
                line.append(',');
            }
            line.append('"').append("f").append(r.nextInt(20)).append("\":");
            switch (r.nextInt(6)) {
                case 0 -> line.append(r.nextInt(100_000));
                case 1 -> line.append(r.nextBoolean());
                case 2 -> line.append("null");
                default -> line.append('"').append(v).append('"');
            }
        }
        line.append('}');
        byte[] bytes = line.toString().getBytes(StandardCharsets.UTF_8);
        Event flat = JsonEvents.parse(bytes);
        assertThat(flat).isInstanceOf(FlatEvent.class);
        Event map = Event.of(toMap(flat));
        for (int k = 0; k < 20; k++) {
            boolean cased = r.nextInt(4) == 0;
            List<TextTest> tests = new ArrayList<>();
            int n = 1 + r.nextInt(FieldChecks.KeywordCheck.BYTE_TESTS);
            String source = values.isEmpty() || r.nextInt(4) == 0 ? text(r) : values.get(r.nextInt(values.size()));
            for (int i = 0; i < n; i++) {
                Glob g = Glob.parse(pattern(r, source));
                tests.add(TextTest.of(cased ? g : g.fold()));
            }
            FieldChecks.KeywordCheck check = new FieldChecks.KeywordCheck(new FieldChecks.TextCheck(null,
                    tests.toArray(TextTest[]::new), new RegexMatcher[0], cased, r.nextInt(5) == 0));
            assertThat(check.test(new EventContext(flat))).as("%s on %s", tests, line)
                    .isEqualTo(check.test(new EventContext(map)));
        }
    }

    private static Map<String, Object> toMap(Event e) {
        Map<String, Object> m = new java.util.HashMap<>(64);
        e.forEach(m::put);
        return m;
    }
}
