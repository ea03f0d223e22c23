package org.mburoja.sigma.hunt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

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
        return pretty(compact, eol, "  ", 0, ": ") + eol;
    }

    /** What PowerShell's {@code ConvertTo-Json} writes for an element: four spaces a level, two before a value. */
    private static String psPretty(String compact, String eol) {
        return "    " + pretty(compact, eol, "    ", 1, ":  ");
    }

    /** {@code compact} JSON laid out one name or element a line, {@code indent} a level from {@code depth} on. */
    private static String pretty(String compact, String eol, String indent, int depth, String colon) {
        StringBuilder s = new StringBuilder();
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
                    s.append(c).append(eol).append(indent.repeat(depth));
                }
                case '}', ']' -> {
                    depth--;
                    s.append(eol).append(indent.repeat(depth)).append(c);
                }
                case ',' -> s.append(',').append(eol).append(indent.repeat(depth));
                case ':' -> s.append(colon);
                default -> s.append(c);
            }
        }
        return s.toString();
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

    /**
     * A pretty-printed array (PowerShell's layout: four-space indent, "  :" after names, elements opened by "{" alone)
     * with two broken elements in its middle: every other element is read, the broken ones' remaining lines are
     * skipped and named, each error by its line in the input, and the elements keep their numbers.
     */
    @ParameterizedTest
    @ValueSource(strings = {"\n", "\r\n"})
    void aBrokenElementOfAPrettyArrayCostsOnlyThatElement(String eol) throws IOException {
        List<String> events = new ArrayList<>();
        StringBuilder text = new StringBuilder("[").append(eol);
        for (int k = 0; k < 6; k++) {
            String compact = "{\"n\":" + k + ",\"Data\":{\"User\":\"u" + k + "\",\"Tags\":[\"a\",\"b\"]}}";
            String pretty = psPretty(compact, eol);
            if (k == 2 || k == 4) {
                pretty = pretty.replace("\"u" + k + "\"", "\"u" + k + "\" oops"); // a stray word after a value
            } else {
                events.add(compact);
            }
            text.append(pretty).append(k < 5 ? "," : "").append(eol);
        }
        text.append("]").append(eol);
        var numbered = numbered(text.toString().getBytes(StandardCharsets.UTF_8), true, 1 << 20);
        List<String> values = numbered.values().stream().filter(v -> !v.startsWith("!")).toList();
        assertThat(values).containsExactlyElementsOf(events);
        List<String> reasons = numbered.values().stream().filter(v -> v.startsWith("!")).toList();
        List<String> inputLines = text.toString().lines().toList();
        List<Integer> oops = new ArrayList<>();
        List<Integer> opens = new ArrayList<>();
        for (int k = 0; k < inputLines.size(); k++) {
            if (inputLines.get(k).contains("oops")) {
                oops.add(k + 1);
            }
            if (inputLines.get(k).strip().equals("{")) {
                opens.add(k + 1);
            }
        }
        assertThat(reasons).hasSize(2);
        for (int r = 0; r < 2; r++) {
            int next = opens.get(2 * r + 3); // the element after the broken one (elements 3 and 5, 0-based)
            assertThat(reasons.get(r)).startsWith("!invalid JSON array at line " + oops.get(r) + ", column ")
                    .endsWith("; lines " + oops.get(r) + "-" + (next - 1) + " skipped; read on from the element at"
                            + " line " + next);
        }
        assertThat(numbered.keySet()).containsExactly(1, 2, 3, 4, 5, 6);
    }

    @Test
    void aBrokenValueOfJqOutputCostsOnlyThatValue() throws IOException {
        String text = jqPretty(A, "\n") + "{\n  \"EventID\": 4625,\n  \"Computer\" \"DC01\"\n}\n" + jqPretty(B, "\n")
                + jqPretty(A, "\n");
        List<String> out = lines(text, false, 1 << 20);
        assertThat(out).hasSize(4);
        assertThat(out.get(0)).isEqualTo(A);
        assertThat(out.get(1)).startsWith("!invalid JSON text at line " + (jqPretty(A, "\n").lines().count() + 3))
                .endsWith("; read on from the value at line " + (jqPretty(A, "\n").lines().count() + 5));
        assertThat(out.subList(2, 4)).containsExactly(B, A);
    }

    @Test
    void anArrayWithAnElementOnEachLineReadsOnAfterABrokenOne() throws IOException {
        String text = "[\n" + A + ",\n{\"EventID\": 1 2},\n{\"EventID\": 3 4},\n" + B + ",\n" + A + "\n]\n";
        List<String> out = lines(text, true, 1 << 20);
        assertThat(out).hasSize(5);
        // the same column for the same mistake, before reading resumed and on the line it resumed at
        assertThat(out.get(1)).startsWith("!invalid JSON array at line 3, column 15: ")
                .endsWith("; read on from the element at line 4");
        assertThat(out.get(2)).startsWith("!invalid JSON array at line 4, column 15: ")
                .endsWith("; read on from the element at line 5");
        assertThat(out.subList(3, 5)).containsExactly(B, A);
    }

    @Test
    void aBrokenLastElementEndsTheInputSayingWhatWasLeft() throws IOException {
        String text = "[\n  {\n    \"a\": 1\n  },\n  {\n    \"b\": 2 3\n  }\n]\n";
        List<String> out = lines(text, true, 1 << 20);
        assertThat(out).containsExactly("{\"a\":1}", "!invalid JSON array at line 6, column 12: "
                + out.get(1).substring(out.get(1).indexOf(": ") + 2, out.get(1).indexOf(";")) + "; lines 6-8 after it hold no event");
    }

    /**
     * Hostile: an array in which every other element is broken, one element on each line and pretty-printed. Up to
     * {@link JsonValueLines#MAX_RESUMPTIONS} broken elements, every good element is read and each broken one costs one
     * reason line; reading always moves on (an error on the line reading resumed at goes to the next line), and the
     * input is handed back to one stream however often reading resumes. Past that many, the rest is read as JSON
     * lines, as it was before reading resumed at all: a broken value costs no more than a JSON line then.
     */
    @Test
    void anArrayBrokenAtEveryOtherElementIsReadAsFarAsTheLimitAllows() {
        assertTimeoutPreemptively(java.time.Duration.ofSeconds(30), () -> {
            int max = JsonValueLines.MAX_RESUMPTIONS;
            for (boolean pretty : new boolean[] {false, true}) {
                for (int broken : new int[] {max, max + 500}) {
                    StringBuilder text = new StringBuilder("[\n");
                    for (int k = 0; k < 2 * broken; k++) {
                        String e = k % 2 == 0 ? "{\"n\": " + k + "}" : "{\"n\": " + k + " " + k + "}";
                        text.append(pretty ? e.replace("{", "{\n  ").replace("}", "\n}") : e).append(",\n");
                    }
                    text.append("{\"n\": -1}\n]\n");
                    List<String> out = lines(text.toString(), true, 1 << 20);
                    List<String> values = out.stream().filter(l -> l.startsWith("{\"n\":")).toList();
                    List<String> reasons = out.stream().filter(l -> l.startsWith("!")).toList();
                    String as = "pretty " + pretty + ", " + broken + " broken";
                    if (broken <= max) {
                        assertThat(values).as(as).hasSize(broken + 1).last().isEqualTo("{\"n\":-1}");
                        assertThat(reasons).as(as).hasSize(broken)
                                .allMatch(l -> l.contains("; read on from the element at line "));
                        assertThat(out).as(as).hasSize(2 * broken + 1);
                    } else {
                        // the 1,001st broken element: the good ones before it, then JSON lines
                        assertThat(values.subList(0, max)).as(as).allMatch(l -> !l.contains(" "));
                        assertThat(reasons.get(max)).as(as).contains("; more than 1,000 broken values; the rest is read "
                                + "as JSON lines from line ");
                        assertThat(values).as(as).hasSizeGreaterThanOrEqualTo(max).last().asString()
                                .matches("\\{\"n\": ?-1}"); // as JSON lines: the line as it is
                    }
                }
            }
        });
    }

    /**
     * Seeded: pretty-printed exports (PowerShell's and jq's layouts, nested objects and arrays of objects, LF or
     * CRLF) with one element broken by a stray character at a random place. Reading always ends, and every element
     * not touched is read, in order and unchanged. Inside the broken element reading may resume at a nested object
     * that opens a line of its own: such objects may come out as values, and each may cost a reason line more, never
     * more of either than that element has objects.
     */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20})
    void aStrayCharacterInOnePrettyElementCostsThatElementAtMost(long seed) {
        assertTimeoutPreemptively(java.time.Duration.ofSeconds(30), () -> {
            Random rnd = new Random(seed);
            String stray = "x#]}{:,\"[ 0";
            for (int round = 0; round < 60; round++) {
                boolean array = rnd.nextBoolean();
                String eol = rnd.nextBoolean() ? "\n" : "\r\n";
                int n = 2 + rnd.nextInt(8);
                int broken = rnd.nextInt(n);
                List<String> elements = new ArrayList<>();
                StringBuilder text = new StringBuilder(array ? "[" + eol : "");
                int objectsInBroken = 0;
                for (int k = 0; k < n; k++) {
                    String compact = "{\"n\":" + k + ",\"Data\":{\"User\":\"u" + k + "\"},\"Items\":["
                            + "{\"a\":1},".repeat(rnd.nextInt(3)) + "{\"a\":2}],\"Tag\":\"t\"}";
                    String laid = array ? psPretty(compact, eol) : jqPretty(compact, eol);
                    if (k == broken) {
                        objectsInBroken = compact.split("\\{", -1).length - 1;
                        // inside the element, after its first line (a broken first line of the input is not read
                        // as an array or a sequence at all: EventSources.arrayOrLines looks at it) and before its
                        // closing brace (a '[' after it would open a value of its own, taking the next element in)
                        int from = laid.indexOf('\n') + 1;
                        int at = from + rnd.nextInt(laid.lastIndexOf('}') - from);
                        laid = laid.substring(0, at) + stray.charAt(rnd.nextInt(stray.length())) + laid.substring(at);
                    } else {
                        elements.add(compact);
                    }
                    text.append(laid).append(array ? (k < n - 1 ? "," : "") + eol : "");
                }
                text.append(array ? "]" + eol : "");
                List<String> out = lines(text.toString(), array, 1 << 20);
                String as = "seed " + seed + ", round " + round + ":\n" + text;
                List<String> values = out.stream().filter(l -> l.startsWith("{")).toList();
                assertThat(out.stream().filter(l -> l.startsWith("!"))).as(as)
                        .hasSizeLessThanOrEqualTo(1 + objectsInBroken);
                assertThat(values).as(as).hasSizeLessThanOrEqualTo(elements.size() + objectsInBroken);
                // the untouched elements, in order, among the values
                int next = 0;
                for (String v : values) {
                    if (next < elements.size() && v.equals(elements.get(next))) {
                        next++;
                    }
                }
                assertThat(next).as(as).isEqualTo(elements.size());
            }
        });
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
