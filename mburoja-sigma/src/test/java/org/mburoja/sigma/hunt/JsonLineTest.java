package org.mburoja.sigma.hunt;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mburoja.sigma.Event;
import org.mburoja.sigma.Level;
import org.mburoja.sigma.Match;

/** The JSON-lines output of detection matches against Jackson's generator and {@code println} as the oracle. */
class JsonLineTest {

    static Stream<Long> seeds() {
        return IntStream.range(0, 300).mapToObj(i -> 0x0D7_0000L + i);
    }

    private static String text(Random r) {
        StringBuilder sb = new StringBuilder();
        int n = r.nextInt(4) == 0 ? r.nextInt(3000) : r.nextInt(30);
        for (int i = 0; i < n; i++) {
            int k = r.nextInt(12);
            sb.append(k == 0 ? (char) r.nextInt(0x20)
                    : k == 1 ? "\"\\/\u007f".charAt(r.nextInt(4))
                    : k == 2 ? (char) (0xD800 + r.nextInt(0x800)) // lone or paired surrogates
                    : k == 3 ? "😀"
                    : k == 4 ? (char) (0x80 + r.nextInt(0x780))
                    : k == 5 ? (char) (0x800 + r.nextInt(0xF000))
                    : (char) (' ' + r.nextInt(95)));
        }
        return sb.toString();
    }

    private static Object value(Random r, int depth) {
        return switch (r.nextInt(depth < 2 ? 10 : 8)) {
            case 0 -> null;
            case 1 -> r.nextBoolean();
            case 2 -> r.nextInt();
            case 3 -> r.nextLong();
            case 4 -> new BigDecimal(r.nextInt(100000)).movePointLeft(r.nextInt(6));
            case 5 -> new BigInteger(90, r);
            case 6, 7 -> text(r);
            case 8 -> {
                Map<String, Object> m = new LinkedHashMap<>();
                for (int i = 0; i < r.nextInt(4); i++) {
                    m.put(text(r), value(r, depth + 1));
                }
                yield m;
            }
            default -> {
                List<Object> l = new ArrayList<>();
                for (int i = 0; i < r.nextInt(4); i++) {
                    l.add(value(r, depth + 1));
                }
                yield l;
            }
        };
    }

    private static List<String> texts(Random r) {
        return IntStream.range(0, r.nextInt(4)).mapToObj(i -> text(r)).toList();
    }

    private static Match match(Random r) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (int i = 0; i < r.nextInt(30); i++) {
            fields.put(r.nextBoolean() ? "f" + i : text(r), value(r, 0));
        }
        Level level = r.nextInt(5) == 0 ? null : Level.values()[r.nextInt(Level.values().length)];
        return new Match(text(r), r.nextInt(10) == 0 ? null : text(r), level, texts(r), texts(r), Event.of(fields),
                texts(r), Match.Kind.DETECTION, Map.of(), 1);
    }

    private static byte[] written(Charset charset, java.util.function.Consumer<PrintStream> write) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, false, charset);
        write.accept(out);
        out.flush();
        return bytes.toByteArray();
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void writesDetectionsByteForByteAsJacksonAndPrintln(long seed) {
        Random r = new Random(seed);
        Charset charset = r.nextInt(4) == 0 ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8;
        List<Match> matches = IntStream.range(0, 1 + r.nextInt(5)).mapToObj(i -> match(r)).toList();
        String source = r.nextBoolean() ? "<stdin>" : text(r);
        byte[] expected = written(charset, out -> {
            MatchOutput.Jsonl reference = new MatchOutput.Jsonl(out);
            for (int i = 0; i < matches.size(); i++) {
                out.println(reference.jackson(matches.get(i), source, i + 1L));
            }
        });
        byte[] actual = written(charset, out -> {
            MatchOutput.Jsonl jsonl = new MatchOutput.Jsonl(out);
            for (int i = 0; i < matches.size(); i++) {
                jsonl.write(matches.get(i), source, i + 1L);
            }
            jsonl.finish();
        });
        assertThat(actual).isEqualTo(expected);
    }
    /** A flat JSON line: ASCII values without escapes (kept as byte spans), escaped and non-ASCII values, numbers. */
    private static byte[] flatLine(Random r) {
        StringBuilder sb = new StringBuilder("{");
        int n = r.nextInt(4) == 0 ? 40 + r.nextInt(40) : r.nextInt(25);
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append("\"").append(r.nextInt(6) == 0 ? "Aa".repeat(1 + r.nextInt(3)) : "f" + r.nextInt(60)).append("\":");
            switch (r.nextInt(8)) {
                case 0 -> sb.append(r.nextInt());
                case 1 -> sb.append(r.nextBoolean());
                case 2 -> sb.append("null");
                case 3 -> sb.append("\"a\\\\b\\\"c\\u00e9\\n\"");
                case 4 -> sb.append("\"caf\u00e9 \u0130 \u00df \ud83d\ude00\"");
                default -> {
                    sb.append('"');
                    int len = r.nextInt(5) == 0 ? r.nextInt(3000) : r.nextInt(40);
                    for (int k = 0; k < len; k++) {
                        char c = (char) (' ' + r.nextInt(96)); // printable ASCII and DEL
                        sb.append(c == '"' || c == '\\' ? '/' : c);
                    }
                    sb.append('"');
                }
            }
        }
        return sb.append('}').toString().getBytes(StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void writesFlatEventsByteForByteAsJacksonAndPrintln(long seed) throws Exception {
        Random r = new Random(seed);
        Charset charset = r.nextInt(4) == 0 ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8;
        List<Match> matches = new ArrayList<>();
        for (int i = 0; i < 1 + r.nextInt(5); i++) {
            Event e = org.mburoja.sigma.JsonEvents.parse(flatLine(r));
            assertThat(e).isInstanceOf(org.mburoja.sigma.internal.event.FlatEvent.class);
            if (r.nextBoolean()) {
                e.get("f" + r.nextInt(60)); // a value already made, as after a rule read it
            }
            matches.add(new Match(text(r), text(r), Level.HIGH, texts(r), texts(r), e, texts(r), Match.Kind.DETECTION,
                    Map.of(), 1));
        }
        byte[] expected = written(charset, out -> {
            MatchOutput.Jsonl reference = new MatchOutput.Jsonl(out);
            for (int i = 0; i < matches.size(); i++) {
                out.println(reference.jackson(matches.get(i), "<stdin>", i + 1L));
            }
        });
        byte[] actual = written(charset, out -> {
            MatchOutput.Jsonl jsonl = new MatchOutput.Jsonl(out);
            for (int i = 0; i < matches.size(); i++) {
                jsonl.write(matches.get(i), "<stdin>", i + 1L);
            }
            jsonl.finish();
        });
        assertThat(actual).isEqualTo(expected);
    }

    /** Lines of one shape (the same names in the same order), with values that differ from line to line. */
    private static byte[] sameShapeLine(Random r, List<String> names) {
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < names.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append('"').append(names.get(i)).append("\":");
            switch (r.nextInt(4)) {
                case 0 -> sb.append(r.nextInt(1000));
                case 1 -> sb.append("\"C:\\\\Windows\\\\").append(r.nextInt(9)).append(".exe\"");
                default -> sb.append('"').append("v").append(r.nextInt(1000)).append('"');
            }
        }
        return sb.append('}').toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Matches as a hunt gives them: an event matching several rules in a row, a rule matching many events, one
     * source for many lines, many events of one shape; and, to be safe, a rule id object reused with another title,
     * level, tags or techniques. Each line must still be what the generator writes for it.
     */
    @ParameterizedTest
    @MethodSource("seeds")
    void writesRepeatedRulesEventsSourcesAndShapesByteForByteAsJackson(long seed) throws Exception {
        Random r = new Random(seed);
        Charset charset = r.nextInt(4) == 0 ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8;
        List<String> names = IntStream.range(0, 1 + r.nextInt(30)).mapToObj(i -> r.nextInt(3) == 0 ? text(r) : "F" + i)
                .map(n -> n.replace("\"", "").replace("\\", "")).filter(n -> n.chars().allMatch(c -> c >= 0x20 && c < 0x7F))
                .distinct().toList();
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < 1 + r.nextInt(6); i++) {
            events.add(r.nextInt(5) == 0 ? match(r).event() : org.mburoja.sigma.JsonEvents.parse(sameShapeLine(r, names)));
        }
        String sharedId = text(r);
        List<Match> rules = new ArrayList<>();
        for (int i = 0; i < 1 + r.nextInt(4); i++) {
            Level level = r.nextInt(5) == 0 ? null : Level.values()[r.nextInt(Level.values().length)];
            List<String> tags = texts(r);
            List<String> techniques = r.nextBoolean() ? tags : texts(r);
            rules.add(new Match(r.nextBoolean() ? sharedId : text(r), text(r), level, tags, techniques, null, List.of(),
                    Match.Kind.DETECTION, Map.of(), 1));
        }
        Match first = rules.getFirst(); // the same id object with one other part changed
        int part = r.nextInt(4);
        rules.add(new Match(first.ruleId(), part == 0 ? first.title() + "x" : first.title(),
                part == 1 ? (first.level() == Level.LOW ? Level.HIGH : Level.LOW) : first.level(),
                part == 2 ? List.of("t") : first.tags(), part == 3 ? List.of("T1") : first.techniques(), null, List.of(),
                Match.Kind.DETECTION, Map.of(), 1));
        List<String> sources = List.of(text(r), "<stdin>", new String("<stdin>"));
        List<Match> matches = new ArrayList<>();
        Event event = events.getFirst();
        for (int i = 0; i < 1 + r.nextInt(60); i++) {
            if (r.nextInt(3) == 0) {
                event = events.get(r.nextInt(events.size()));
            }
            Match rule = rules.get(r.nextInt(rules.size()));
            matches.add(new Match(rule.ruleId(), rule.title(), rule.level(), rule.tags(), rule.techniques(), event,
                    texts(r), Match.Kind.DETECTION, Map.of(), 1));
        }
        List<String> sourceOf = matches.stream().map(m -> sources.get(r.nextInt(4) == 0 ? r.nextInt(3) : 0)).toList();
        byte[] expected = written(charset, out -> {
            MatchOutput.Jsonl reference = new MatchOutput.Jsonl(out);
            for (int i = 0; i < matches.size(); i++) {
                out.println(reference.jackson(matches.get(i), sourceOf.get(i), i + 1L));
            }
        });
        byte[] actual = written(charset, out -> {
            MatchOutput.Jsonl jsonl = new MatchOutput.Jsonl(out);
            for (int i = 0; i < matches.size(); i++) {
                jsonl.write(matches.get(i), sourceOf.get(i), i + 1L);
            }
            jsonl.finish();
        });
        assertThat(new String(actual, charset)).isEqualTo(new String(expected, charset));
    }
}
