package org.mburoja.sigma.internal.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mburoja.sigma.Event;
import org.mburoja.sigma.JsonEvents;

/**
 * The byte parser against the generic parser ({@link JsonEvents#parse(String)} of the replacing-decoded line) as the
 * oracle: same event (fields in the same visiting order, same values and value types, same lookups) or the same
 * reason for rejecting the line.
 */
class FlatJsonParserTest {

    private static final String[] NAMES = {"EventID", "Channel", "CommandLine", "Image", "a.b", "a", "a.", "x.y.z",
            "", "Aa", "BB", "AaAa", "BBBB", "AaBB", "BBAa", "é", "naïve", "日本", "😀", "k\\\"q", "tab\\t", "\\u0041b",
            "Provider_Name", "TimeCreated_SystemTime", "EventRecordID"};
    private static final String[] PROBES = {"EventID", "a.b", "a.", "a", "a..", "x.y", "x.y.z", "missing", "", "A",
            "Ab", "é", "k\"q", "tab\t", "Ab".toLowerCase()};

    private static final String MUTATIONS = "{}[],:\"\\ 0-eE.tfnu/";

    static Stream<Long> seeds() {
        return IntStream.range(0, 600).mapToObj(i -> 0xF1A7_0000L + i);
    }

    private static String stringValue(Random r) {
        StringBuilder sb = new StringBuilder("\"");
        int n = r.nextInt(4) == 0 ? r.nextInt(400) : r.nextInt(20);
        for (int i = 0; i < n; i++) {
            switch (r.nextInt(16)) {
                case 0 -> sb.append("\\\"");
                case 1 -> sb.append("\\\\");
                case 2 -> sb.append(new String[] {"\\n", "\\t", "\\r", "\\b", "\\f", "\\/"}[r.nextInt(6)]);
                case 3 -> sb.append(String.format(r.nextBoolean() ? "\\u%04x" : "\\u%04X", r.nextInt(0x10000)));
                case 4 -> sb.append("\\ud83d\\ude00"); // a surrogate pair
                case 5 -> sb.append(new String[] {"é", "€", "日", "😀", "\u2028", "\u00a0", "\u007f"}[r.nextInt(7)]);
                case 6 -> sb.append(new String[] {"C:\\\\Windows\\\\System32", "cmd.exe /c", "0x1410"}[r.nextInt(3)]);
                default -> {
                    char ch = (char) (' ' + r.nextInt(95));
                    sb.append(ch == '"' || ch == '\\' ? 'x' : ch);
                }
            }
        }
        return sb.append('"').toString();
    }

    private static String number(Random r) {
        return switch (r.nextInt(12)) {
            case 0 -> "0";
            case 1 -> "-0";
            case 2 -> r.nextBoolean() ? "2147483647" : "2147483648";
            case 3 -> r.nextBoolean() ? "-2147483648" : "-2147483649";
            case 4 -> Long.toString(r.nextLong());
            case 5 -> "999999999999999999";
            case 6 -> "1234567890123456789012";
            case 7 -> "1.5";
            case 8 -> "1e3";
            case 9 -> "-12.5E-2";
            case 10 -> "012";
            default -> Integer.toString(r.nextInt(100000));
        };
    }

    private static String value(Random r, int depth) {
        return switch (r.nextInt(depth > 0 ? 8 : 10)) {
            case 0, 1, 2, 3 -> stringValue(r);
            case 4 -> number(r);
            case 5 -> new String[] {"true", "false", "null"}[r.nextInt(3)];
            case 6 -> Integer.toString(r.nextInt(10));
            case 7 -> stringValue(r);
            case 8 -> object(r, depth + 1, r.nextInt(3));
            default -> "[" + String.join(",", IntStream.range(0, r.nextInt(3)).mapToObj(i -> value(r, depth + 1)).toList()) + "]";
        };
    }

    private static String ws(Random r) {
        return r.nextInt(3) != 0 ? "" : new String[] {" ", "  ", "\t", "\r", " \r\t "}[r.nextInt(5)];
    }

    private static String object(Random r, int depth, int fields) {
        StringBuilder sb = new StringBuilder(ws(r)).append('{');
        for (int i = 0; i < fields; i++) {
            if (i > 0) {
                sb.append(ws(r)).append(',');
            }
            String name = r.nextInt(5) == 0 ? stringValue(r) : "\"" + NAMES[r.nextInt(NAMES.length)] + "\"";
            sb.append(ws(r)).append(name).append(ws(r)).append(':').append(ws(r)).append(value(r, depth));
        }
        return sb.append(ws(r)).append('}').append(ws(r)).toString();
    }

    /** A flat object: what the byte parser must take itself. */
    private static String flat(Random r) {
        StringBuilder sb = new StringBuilder("{");
        int fields = r.nextInt(60);
        for (int i = 0; i < fields; i++) {
            if (i > 0) {
                sb.append(',').append(ws(r));
            }
            String v = switch (r.nextInt(6)) {
                case 0 -> Integer.toString(r.nextInt());
                case 1 -> Long.toString(r.nextLong() >> (4 + r.nextInt(60)) | 1); // at most 18 digits
                case 2 -> new String[] {"true", "false", "null"}[r.nextInt(3)];
                default -> stringValue(r);
            };
            String name = r.nextInt(4) == 0 ? "f" + r.nextInt(500) : NAMES[r.nextInt(NAMES.length)];
            sb.append('"').append(name).append("\":").append(ws(r)).append(v);
        }
        return sb.append('}').toString();
    }

    private static byte[] mutate(byte[] line, Random r) {
        byte[] b = line.clone();
        switch (r.nextInt(5)) {
            case 0 -> {
                return java.util.Arrays.copyOf(b, r.nextInt(b.length + 1)); // truncated
            }
            case 1 -> {
                if (b.length > 0) {
                    b[r.nextInt(b.length)] = (byte) new int[] {0x80, 0xC0, 0xC3, 0xE0, 0xED, 0xF0, 0xF4, 0xF8, 0xFF, 0x01, 0x1F}[r.nextInt(11)];
                }
            }
            case 2 -> {
                if (b.length > 0) {
                    b[r.nextInt(b.length)] = (byte) MUTATIONS.charAt(r.nextInt(MUTATIONS.length()));
                }
            }
            case 3 -> {
                byte[] tail = r.nextBoolean() ? " x".getBytes() : ",".getBytes();
                b = java.util.Arrays.copyOf(b, b.length + tail.length);
                System.arraycopy(tail, 0, b, line.length, tail.length);
            }
            default -> {
                if (b.length > 0) {
                    b[r.nextInt(b.length)] = (byte) r.nextInt(256);
                }
            }
        }
        return b;
    }

    /** The event (field visits and lookups) or the reason, as text, to compare. */
    private static List<String> outcome(Event e) {
        List<String> out = new ArrayList<>();
        e.forEach((k, v) -> out.add(k + "=" + describe(v)));
        for (String p : PROBES) {
            out.add("get " + p + "=" + describe(e.get(p)) + " has=" + e.has(p));
        }
        e.forEach((k, v) -> out.add("get " + k + "=" + describe(e.get(k)) + " has=" + e.has(k)));
        return out;
    }

    private static String describe(Object v) {
        return v == null ? "null" : v.getClass().getSimpleName() + ":" + v;
    }

    private static List<String> oracle(byte[] line) {
        try {
            return outcome(JsonEvents.parse(new String(line, StandardCharsets.UTF_8)));
        } catch (JsonEvents.MalformedEventException e) {
            return List.of("malformed: " + e.getMessage());
        }
    }

    private static List<String> subject(byte[] line) {
        try {
            return outcome(JsonEvents.parse(line));
        } catch (JsonEvents.MalformedEventException e) {
            return List.of("malformed: " + e.getMessage());
        }
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void readsFlatEventsItselfAndExactlyAsTheGenericParser(long seed) {
        Random r = new Random(seed);
        byte[] line = flat(r).getBytes(StandardCharsets.UTF_8);
        assertThat(new FlatJsonParser().parse(line)).as("the byte parser takes a flat event").isNotNull();
        assertThat(subject(line)).isEqualTo(oracle(line));
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void anyOtherLineGetsTheGenericParsersEventOrReason(long seed) {
        Random r = new Random(seed);
        byte[] line = (r.nextBoolean() ? object(r, 0, r.nextInt(12)) : flat(r)).getBytes(StandardCharsets.UTF_8);
        assertThat(subject(line)).isEqualTo(oracle(line));
        for (int i = 0; i < 4; i++) {
            byte[] m = mutate(line, r);
            assertThat(subject(m)).as(new String(m, StandardCharsets.ISO_8859_1)).isEqualTo(oracle(m));
        }
    }

    @Test
    void oneParserKeepsGivingTheRightEventsAcrossLinesOfAllSizes() {
        Random r = new Random(7);
        FlatJsonParser parser = new FlatJsonParser();
        for (int i = 0; i < 2000; i++) {
            byte[] line = (i % 97 == 0 ? manyFields(r, 5000) : flat(r)).getBytes(StandardCharsets.UTF_8);
            FlatEvent e = parser.parse(line);
            assertThat(e).isNotNull();
            assertThat(outcome(e)).isEqualTo(oracle(line));
        }
    }

    /**
     * The parser predicts each name from the last event and confirms it by comparing words of its bytes: names of
     * every length from 0 to 40 bytes that differ from the predicted one by one byte (at every position, as the
     * first, a middle or the last name, near the end of a short line) must still be read as what they are.
     */
    @Test
    void aPredictedNameThatDiffersByOneByteAnywhereIsReadAsItIs() {
        FlatJsonParser parser = new FlatJsonParser();
        int lines = 0;
        for (int len = 0; len <= 40; len++) {
            StringBuilder base = new StringBuilder();
            for (int i = 0; i < len; i++) {
                base.append((char) ('a' + (i * 7 + len) % 26));
            }
            String name = base.toString();
            for (int at = -1; at < len; at++) {
                String other = name;
                if (at >= 0) {
                    char[] c = name.toCharArray();
                    c[at] = c[at] == 'z' ? 'y' : (char) (c[at] + 1);
                    other = new String(c);
                }
                for (String[] pair : new String[][] {{name, other}, {other, name}}) {
                    for (String shape : new String[] {"{\"%s\":1}", "{\"x\":\"v\",\"%s\":\"w\"}",
                            "{\"%s\":true,\"y\":2}", "{\"%s\":\"\"}"}) {
                        for (String n : pair) { // the first line teaches the prediction, the second is read with it
                            byte[] line = shape.formatted(n).getBytes(StandardCharsets.UTF_8);
                            FlatEvent e = parser.parse(line);
                            assertThat(e).as(new String(line, StandardCharsets.UTF_8)).isNotNull();
                            assertThat(outcome(e)).as(new String(line, StandardCharsets.UTF_8)).isEqualTo(oracle(line));
                            assertThat(e.has(n)).isTrue();
                            lines++;
                        }
                    }
                }
            }
        }
        assertThat(lines).isGreaterThan(7000);
    }

    private static String manyFields(Random r, int n) {
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < n; i++) {
            sb.append(i > 0 ? "," : "").append("\"n").append(r.nextInt(n * 2)).append("\":").append(stringValue(r));
        }
        return sb.append('}').toString();
    }

    @Test
    void keysOfOneHashBucketKeepTheMapOrderEvenWhereAHashMapMakesATree() {
        // "Aa" and "BB" have the same hash: 2^5 names of 5 such pairs collide, so a HashMap bucket becomes a tree
        List<String> names = new ArrayList<>();
        for (int m = 0; m < 32; m++) {
            StringBuilder s = new StringBuilder();
            for (int k = 0; k < 5; k++) {
                s.append((m >> k & 1) == 0 ? "Aa" : "BB");
            }
            names.add(s.toString());
        }
        for (int count : new int[] {8, 9, 32}) {
            StringBuilder sb = new StringBuilder("{\"first\":1");
            names.subList(0, count).forEach(n -> sb.append(",\"").append(n).append("\":\"").append(n).append('"'));
            byte[] line = sb.append('}').toString().getBytes(StandardCharsets.UTF_8);
            assertThat(new FlatJsonParser().parse(line)).isNotNull();
            assertThat(subject(line)).as("%d colliding names", count).isEqualTo(oracle(line));
        }
    }

    @Test
    void hostileLinesGetTheGenericParsersReasons() {
        List<String> lines = List.of(
                "[" .repeat(40) + "]".repeat(40),
                "{\"a\":" + "{\"b\":".repeat(40) + "1" + "}".repeat(41),
                "{\"a\":\"" + "x".repeat((1 << 20) + 10) + "\"}",
                "{\"a\":1" + "0".repeat(150) + "}",
                "{\"a\":\"\\x\"}",
                "{\"a\":\"\\u12\"}",
                "{\"a\":\"\u0001\"}",
                "{\"a\":tru}",
                "{\"a\":true1}",
                "{\"a\":1,}",
                "{\"a\" 1}",
                "{'a':1}",
                "{\"a\":1}{\"b\":2}",
                "{\"a\":1} x",
                "\uFEFF{\"a\":1}",
                "{\"a\":01}",
                "{\"a\":-}",
                "{\"a\":+1}",
                "{\"a\":.5}",
                "{\"" + "k".repeat(60_000) + "\":1}",
                "");
        for (String l : lines) {
            byte[] b = l.getBytes(StandardCharsets.UTF_8);
            assertThat(subject(b)).as(l.length() > 80 ? l.substring(0, 80) : l).isEqualTo(oracle(b));
        }
        byte[] invalid = {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, '"', '}'};
        assertThat(new FlatJsonParser().parse(invalid)).isNull();
        assertThat(subject(invalid)).isEqualTo(oracle(invalid));
        assertThat(subject(invalid).get(0)).contains("a=String:\uFFFD");
    }

    @Test
    void slotsOfAFieldListAreEachFieldsSlotAndFollowTheListAskedFor() {
        FlatJsonParser parser = new FlatJsonParser();
        String[] fields = {"Image", "CommandLine", "missing", "a.b", "a", "EventID"};
        String[] others = {"EventID", "Image", "x.y"};
        FlatEvent first = parser.parse("{\"EventID\":1,\"Image\":\"a.exe\",\"a\":2}".getBytes(StandardCharsets.UTF_8));
        FlatEvent same = parser.parse("{\"EventID\":4,\"Image\":\"b.exe\",\"a\":3}".getBytes(StandardCharsets.UTF_8));
        FlatEvent other = parser.parse("{\"CommandLine\":\"x\",\"EventID\":1}".getBytes(StandardCharsets.UTF_8));
        for (int round = 0; round < 2; round++) { // the second round answers from the shapes' memos
            for (FlatEvent e : List.of(first, same, other)) {
                for (String[] asked : List.of(fields, others)) {
                    int[] slots = e.slots(asked);
                    assertThat(slots).hasSize(asked.length);
                    for (int i = 0; i < asked.length; i++) {
                        int expected = e.slot(asked[i]) >= 0 ? e.slot(asked[i])
                                : asked[i].indexOf('.') > 0 ? FlatEvent.DOTTED : FlatEvent.ABSENT;
                        assertThat(slots[i]).as(asked[i]).isEqualTo(expected);
                    }
                }
            }
        }
        assertThat(first.slots(fields)).containsExactly(1, FlatEvent.ABSENT, FlatEvent.ABSENT, FlatEvent.DOTTED, 2, 0);
        assertThat(other.slots(fields)).containsExactly(FlatEvent.ABSENT, 0, FlatEvent.ABSENT, FlatEvent.DOTTED,
                FlatEvent.ABSENT, 1);
    }
}
