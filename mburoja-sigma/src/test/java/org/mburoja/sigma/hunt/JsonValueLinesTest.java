package org.mburoja.sigma.hunt;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * JSON that is not one event per line, as the hunt's input sees it ({@link EventSources#jsonLines}): pretty-printed
 * objects one after another, arrays, and what a syntax error in them costs. Reason lines are shown as "!" + reason.
 */
class JsonValueLinesTest {

    private static final String A = "{\"EventID\":4624,\"Computer\":\"DC01\",\"Data\":{\"User\":\"arben\",\"Ip\":\"10.0.0.7\"}}";
    private static final String B = "{\"EventID\":1102,\"Computer\":\"Përdorues\",\"Tags\":[\"a\",\"b\"]}";

    private static List<String> lines(String text, boolean mayBeArray, int maxLine) throws IOException {
        return lines(text.getBytes(StandardCharsets.UTF_8), mayBeArray, maxLine);
    }

    /** The lines that are not blank (readers of events skip blank lines), reasons marked with '!'. */
    private static List<String> lines(byte[] bytes, boolean mayBeArray, int maxLine) throws IOException {
        return List.copyOf(numbered(bytes, mayBeArray, maxLine).values());
    }

    /** The lines that are not blank by their number, as a reader of events counts them. */
    private static java.util.SortedMap<Integer, String> numbered(byte[] bytes, boolean mayBeArray, int maxLine)
            throws IOException {
        java.util.SortedMap<Integer, String> out = new java.util.TreeMap<>();
        try (InputStream in = EventSources.jsonLines(new ByteArrayInputStream(bytes), maxLine, mayBeArray)) {
            String all = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            String[] split = all.split("\n", -1);
            for (int k = 0; k < split.length; k++) {
                String reason = EventSources.reasonOf(split[k]);
                if (!split[k].isBlank()) {
                    out.put(k + 1, reason != null ? "!" + reason : split[k]);
                }
            }
        }
        return out;
    }

    /** What {@code jq '.[]'} prints: two-space indentation, nested objects and arrays, one value after another. */
    private static String jqPretty(String compact, String eol) {
        StringBuilder s = new StringBuilder();
        int depth = 0;
        boolean inString = false;
        for (int i = 0; i < compact.length(); i++) {
            char c = compact.charAt(i);
            if (inString) {
                s.append(c);
                inString = c != '"' || compact.charAt(i - 1) == '\\';
                continue;
            }
            switch (c) {
                case '"' -> {
                    inString = true;
                    s.append(c);
                }
                case '{', '[' -> {
                    depth++;
                    s.append(c).append(eol).append("  ".repeat(depth));
                }
                case '}', ']' -> {
                    depth--;
                    s.append(eol).append("  ".repeat(depth)).append(c);
                }
                case ',' -> s.append(',').append(eol).append("  ".repeat(depth));
                case ':' -> s.append(": ");
                default -> s.append(c);
            }
        }
        return s.append(eol).toString();
    }

    @ParameterizedTest
    @ValueSource(strings = {"\n", "\r\n"})
    void prettyPrintedObjectsOneAfterAnotherBecomeOneLineEach(String eol) throws IOException {
        String text = jqPretty(A, eol) + jqPretty(B, eol);
        assertThat(text).startsWith("{" + eol + "  \"EventID\": 4624,");
        for (boolean mayBeArray : new boolean[] {true, false}) {
            assertThat(lines(text, mayBeArray, 1 << 20)).containsExactly(A, B);
        }
        byte[] utf16 = ("\uFEFF" + text).getBytes(StandardCharsets.UTF_16LE);
        assertThat(lines(utf16, false, 1 << 20)).containsExactly(A, B);
    }

    @Test
    void jsonLinesStayAsTheyAreEvenWhenTheyStartWithABrace() throws IOException {
        String text = A + "\n" + B + "\n{ \"x\": 1 }\n";
        assertThat(lines(text, true, 1 << 20)).containsExactly(A, B, "{ \"x\": 1 }");
    }

    @Test
    void aFirstLineThatIsABraceAloneCostsOnlyItselfInALog() throws IOException {
        // an attacker's "{" above the JSON lines of a log: the value it opens breaks at the next line
        List<String> out = lines("{\n" + A + "\n" + B + "\n", false, 1 << 20);
        assertThat(out).hasSize(3);
        assertThat(out.get(0)).startsWith("!invalid JSON text at line 2, column ")
                .endsWith("; the rest is read as JSON lines from line 2");
        assertThat(out.subList(1, 3)).containsExactly(A, B);
    }

    @Test
    void anArrayBrokenByAnInjectedLineLosesOnlyTheLinesOfThatElement() throws IOException {
        // "[{"x":" swallows the next line as a value; the line after it breaks the array and is read again as a line
        String c = "{\"EventID\":4625}";
        List<String> out = lines("[{\"x\":\n" + A + "\n" + B + "\n" + c + "\n", true, 1 << 20);
        assertThat(out).hasSize(3);
        assertThat(out.get(0)).startsWith("!invalid JSON array at line 3, column ")
                .endsWith("; the rest is read as JSON lines from line 3");
        assertThat(out.subList(1, 3)).containsExactly(B, c);
    }

    @Test
    void aSyntaxErrorOnTheLineItsElementBeganOnResumesAtTheNextLine() throws IOException {
        String text = "[\n  " + A + ",\n  {\"EventID\": 1 2},\n" + B + "\n";
        List<String> out = lines(text, true, 1 << 20);
        assertThat(out).hasSize(3);
        assertThat(out.get(0)).isEqualTo(A);
        assertThat(out.get(1)).startsWith("!invalid JSON array at line 3, column ")
                .endsWith("; the rest is read as JSON lines from line 4");
        assertThat(out.get(2)).isEqualTo(B);
    }

    /**
     * Far into a large input (the parser reads ahead, the kept bytes slide along): the rest after an error starts on
     * exactly the right line, for inputs of several seeds and sizes well beyond what is kept (2 MiB here).
     */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4})
    void theRestAfterAnErrorStartsOnTheRightLineFarIntoALargeInput(long seed) throws IOException {
        Random r = new Random(seed);
        int before = 60_000 + r.nextInt(40_000);
        StringBuilder text = new StringBuilder("[\n");
        List<String> expected = new ArrayList<>();
        for (int k = 0; k < before; k++) {
            String e = "{\"n\":" + k + ",\"pad\":\"" + "p".repeat(20 + r.nextInt(60)) + "\"}";
            text.append(e).append(",\n");
            expected.add(e);
        }
        text.append("{\"n\": -1 -1},\n"); // the error, on the line its element began on
        expected.add(null);
        int after = 1 + r.nextInt(5_000);
        for (int k = 0; k < after; k++) {
            String e = "{\"after\":" + k + "}";
            text.append(e).append('\n');
            expected.add(e);
        }
        assertThat(text.length()).isGreaterThan(3 << 20);
        var numbered = numbered(text.toString().getBytes(StandardCharsets.UTF_8), true, 1_000);
        List<String> out = List.copyOf(numbered.values());
        assertThat(out).hasSize(expected.size());
        for (int k = 0; k < out.size(); k++) {
            if (expected.get(k) == null) {
                assertThat(out.get(k)).as("line %d", k).startsWith("!invalid JSON array at line " + (before + 2))
                        .endsWith("the rest is read as JSON lines from line " + (before + 3));
            } else {
                assertThat(out.get(k)).as("line %d", k).isEqualTo(expected.get(k));
            }
        }
        // element N as line N, the reason after them, then the rest by its lines in the input
        List<Integer> numbers = new ArrayList<>();
        for (int k = 1; k <= before + 1; k++) {
            numbers.add(k);
        }
        for (int k = 0; k < after; k++) {
            numbers.add(before + 3 + k);
        }
        assertThat(numbered.keySet()).containsExactlyElementsOf(numbers);
    }

    @Test
    void theRestIsNumberedOnFromTheValuesWhenTheyOutnumberTheLinesBeforeIt() throws IOException {
        // three elements on line 1, the error on line 2: the rest (line 3 of the input) cannot be line 3 here
        String text = "[" + A + ", " + B + ", " + A + ",\n{\"x\": 1 2},\n" + B + "\n";
        var numbered = numbered(text.getBytes(StandardCharsets.UTF_8), true, 1 << 20);
        assertThat(numbered.keySet()).containsExactly(1, 2, 3, 4, 5);
        assertThat(numbered.get(4)).startsWith("!invalid JSON array at line 2, column ")
                .endsWith("the rest is read as JSON lines from line 3 (numbered from 5 here: the values before it were"
                        + " numbered one by one)");
        assertThat(numbered.get(5)).isEqualTo(B);
    }

    @Test
    void anErrorOnALineThatBeganBeforeWhatIsKeptEndsTheInputWithItsReason() throws IOException {
        // the element is small once compacted, but its second line is 3 MB of blanks: its start is no longer kept
        String text = "[\n" + A + ",\n{\"b\":\n" + " ".repeat(3 << 20) + "1 2}\n" + B + "\n";
        List<String> out = lines(text, true, 1_000);
        assertThat(out).hasSize(2);
        assertThat(out.get(0)).isEqualTo(A);
        assertThat(out.get(1)).startsWith("!invalid JSON array at line 4, column ").doesNotContain("the rest");
    }

    @Test
    void arraysOneAfterAnotherAreReadAsOne() throws IOException {
        // two exports joined with cat, an empty one between them, pretty and compact
        String text = "[\n  " + A + ",\n  " + B + "\n]\n[ ]\n[" + B + "," + A + "]\n";
        assertThat(lines(text, true, 1 << 20)).containsExactly(A, B, B, A);
        assertThat(lines("[" + A + "] [" + B + "]", true, 1 << 20)).containsExactly(A, B);
        assertThat(lines("[" + A + "]\n{" + B.substring(1) + "\n", true, 1 << 20))
                .containsExactly(A, "!text after the JSON array");
        assertThat(lines("[" + A + "]\n[" + B, true, 1 << 20)).first().isEqualTo(A);
        assertThat(lines("[" + A + "]\n[" + B, true, 1 << 20)).last().asString().startsWith("!");
    }

    @Test
    void aValueOverTheLimitIsReportedAndTheValuesAfterItAreRead() throws IOException {
        String big = "{\"Huge\":[" + "\"y\",".repeat(50_000) + "\"y\"]}"; // more than the writer buffers
        String text = jqPretty(A, "\n") + jqPretty(big, "\n") + jqPretty(B, "\n");
        assertThat(lines(text, false, 1_000)).containsExactly(A, "!value of more than 1,000 bytes exceeds the limit", B);
    }

    @Test
    void aSequenceCutShortKeepsWhatCameBeforeAndSaysWhere() throws IOException {
        String text = jqPretty(A, "\n") + jqPretty(B, "\n");
        List<String> out = lines(text.substring(0, text.length() - 10), false, 1 << 20);
        assertThat(out).hasSize(2);
        assertThat(out.get(0)).isEqualTo(A);
        assertThat(out.get(1)).startsWith("!");
    }

    @Test
    void aBraceLineOfBlanksWithoutEndIsReadAsLines() throws IOException {
        // "{" then 100 KB of blanks and no newline: not taken for a pretty-printed value (bounded look-ahead)
        String text = "{" + " ".repeat(100_000) + "\"x\":1}\n" + A + "\n";
        List<String> out = lines(text, false, 1 << 20);
        assertThat(out).hasSize(2);
        assertThat(out.get(1)).isEqualTo(A);
    }
}
