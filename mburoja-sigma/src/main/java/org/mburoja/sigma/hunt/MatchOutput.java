package org.mburoja.sigma.hunt;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mburoja.sigma.Event;
import org.mburoja.sigma.Level;
import org.mburoja.sigma.Match;
import org.mburoja.sigma.internal.compile.Text;
import org.mburoja.sigma.internal.event.FlatEvent;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

/** Writes matches as they come (JSON lines, CSV) or as a table grouped by level and rule at the end. */
public abstract sealed class MatchOutput {

    public static MatchOutput of(HuntOptions.Output kind, PrintStream out) {
        return switch (kind) {
            case JSONL -> new Jsonl(out);
            case CSV -> new Csv(out);
            case TABLE -> new Table(out);
        };
    }

    abstract void write(Match m, String source, long line);

    abstract void finish();

    /**
     * One JSON object per match and line. Detection matches (nearly all) are written by {@link JsonLine} straight
     * into a reused UTF-8 buffer; correlation matches, which carry a measured double, by a Jackson generator. Both
     * give the bytes the Jackson generator and {@code PrintStream.println} always gave.
     */
    static final class Jsonl extends MatchOutput {
        private final PrintStream out;
        private final JsonFactory factory = new JsonFactory();
        private final JsonLine line = new JsonLine();
        private final boolean utf8;
        private final byte[] newline;

        /**
         * The event of the previous detection match and its JSON object: an event that matches several rules (a
         * quarter of the matched events of the EVTX set) is written once for all its matches.
         */
        private Event lastEvent;
        private final JsonLine event = new JsonLine();
        /** Per shape of flat event (by its field order): each field's name, quoted, with its colon and comma. */
        private final java.util.IdentityHashMap<int[], byte[][]> names = new java.util.IdentityHashMap<>();
        private final JsonLine name = new JsonLine();
        /** The source of the previous match and its part of the line. */
        private String lastSource;
        private byte[] sourceBytes;
        /**
         * What every line of a rule starts with, by the identity of its id (the engine hands the same objects for
         * all matches of a rule; the other parts are compared by identity too).
         */
        private final java.util.IdentityHashMap<String, Prefix> prefixes = new java.util.IdentityHashMap<>();

        private record Prefix(String title, Level level, List<String> tags, List<String> techniques, byte[] bytes) {
        }

        Jsonl(PrintStream out) {
            this.out = out;
            this.utf8 = out.charset().equals(java.nio.charset.StandardCharsets.UTF_8);
            this.newline = System.lineSeparator().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }

        @Override
        void write(Match m, String source, long lineNumber) {
            if (m.kind() == Match.Kind.CORRELATION) {
                out.println(jackson(m, source, lineNumber));
                return;
            }
            JsonLine j = line;
            j.reset();
            Prefix p = prefixes.get(m.ruleId());
            if (p == null || p.title != m.title() || p.level != m.level() || p.tags != m.tags()
                    || p.techniques != m.techniques()) {
                p = prefix(m);
            }
            j.raw(p.bytes);
            j.raw(",\"selections\":");
            j.strings(m.selections());
            if (source != lastSource) {
                JsonLine n = name;
                n.reset();
                n.raw(",\"source\":");
                n.string(source);
                n.raw(",\"line\":");
                sourceBytes = java.util.Arrays.copyOf(n.bytes(), n.length());
                lastSource = source;
            }
            j.raw(sourceBytes);
            j.raw(Long.toString(lineNumber));
            j.raw(",\"event\":");
            Event e = m.event();
            if (e != lastEvent) {
                lastEvent = null; // until its object is complete
                writeEvent(e, event);
                lastEvent = e;
            }
            j.raw(event.bytes(), 0, event.length());
            j.raw("}");
            if (utf8) {
                j.raw(newline);
                out.write(j.bytes(), 0, j.length());
            } else {
                out.println(new String(j.bytes(), 0, j.length(), java.nio.charset.StandardCharsets.UTF_8));
            }
        }

        /** The start of a rule's lines, up to its selections, by the identity of the rule id. */
        private Prefix prefix(Match m) {
            JsonLine j = name;
            j.reset();
            j.raw("{\"rule_id\":");
            j.string(m.ruleId());
            j.raw(",\"title\":");
            j.string(m.title());
            j.raw(",\"level\":");
            j.string(m.level() == null ? null : m.level().label());
            j.raw(",\"kind\":\"detection\",\"techniques\":");
            j.strings(m.techniques());
            j.raw(",\"tags\":");
            j.strings(m.tags());
            Prefix p = new Prefix(m.title(), m.level(), m.tags(), m.techniques(),
                    java.util.Arrays.copyOf(j.bytes(), j.length()));
            if (prefixes.size() >= 1 << 16) {
                prefixes.clear();
            }
            prefixes.put(m.ruleId(), p);
            return p;
        }

        /** The event's JSON object into {@code j}, replacing what it held. */
        private void writeEvent(Event e, JsonLine j) {
            j.reset();
            j.raw("{");
            if (e instanceof FlatEvent f) {
                // the same fields in the same order; printable-ASCII values copied from the line as they are
                byte[] src = f.line();
                int[] order = f.order();
                byte[][] keys = names.get(order);
                if (keys == null) {
                    keys = names(f, order);
                }
                for (int k = 0; k < order.length; k++) {
                    int slot = order[k];
                    j.raw(keys[k]);
                    int start = f.spanStart(slot);
                    if (start >= 0) {
                        j.quotedAscii(src, start, f.spanEnd(slot));
                    } else {
                        j.value(f.value(slot));
                    }
                }
            } else {
                boolean[] first = {true};
                e.forEach((k, v) -> {
                    if (!first[0]) {
                        j.raw(",");
                    }
                    first[0] = false;
                    j.string(k);
                    j.raw(":");
                    j.value(v);
                });
            }
            j.raw("}");
        }

        /** The names of a flat event's fields in {@code order}, each as written before its value. */
        private byte[][] names(FlatEvent f, int[] order) {
            byte[][] keys = new byte[order.length][];
            for (int k = 0; k < order.length; k++) {
                name.reset();
                if (k > 0) {
                    name.raw(",");
                }
                name.string(f.key(order[k]));
                name.raw(":");
                keys[k] = java.util.Arrays.copyOf(name.bytes(), name.length());
            }
            if (names.size() >= 1024) { // shapes are few; a stream of ever new ones must not grow this
                names.clear();
            }
            names.put(order, keys);
            return keys;
        }

        /** The Jackson-written line: the reference {@link JsonLine} is held to, and the writer of correlations. */
        String jackson(Match m, String source, long line) {
            java.io.StringWriter w = new java.io.StringWriter(512);
            try (JsonGenerator g = factory.createGenerator(ObjectWriteContext.empty(), w)) {
                g.writeStartObject();
                g.writeName("rule_id");
                g.writeString(m.ruleId());
                g.writeName("title");
                g.writeString(m.title());
                g.writeName("level");
                g.writeString(m.level() == null ? null : m.level().label());
                g.writeName("kind");
                g.writeString(m.kind().name().toLowerCase(java.util.Locale.ROOT));
                writeList(g, "techniques", m.techniques());
                writeList(g, "tags", m.tags());
                writeList(g, "selections", m.selections());
                g.writeName("source");
                g.writeString(source);
                g.writeName("line");
                g.writeNumber(line);
                if (m.kind() == Match.Kind.CORRELATION) {
                    g.writeName("group");
                    value(g, m.group());
                    g.writeName("value");
                    g.writeNumber(m.value());
                }
                g.writeName("event");
                g.writeStartObject();
                m.event().forEach((k, v) -> {
                    g.writeName(k);
                    value(g, v);
                });
                g.writeEndObject();
                g.writeEndObject();
            }
            return w.toString();
        }

        private static void writeList(JsonGenerator g, String name, List<String> values) {
            g.writeName(name);
            g.writeStartArray();
            for (String v : values) {
                g.writeString(v);
            }
            g.writeEndArray();
        }

        private static void value(JsonGenerator g, Object v) {
            switch (v) {
                case null -> g.writeNull();
                case String s -> g.writeString(s);
                case Boolean b -> g.writeBoolean(b);
                case Number n -> g.writeNumber(n.toString());
                case Map<?, ?> m -> {
                    g.writeStartObject();
                    m.forEach((k, x) -> {
                        g.writeName(String.valueOf(k));
                        value(g, x);
                    });
                    g.writeEndObject();
                }
                case List<?> l -> {
                    g.writeStartArray();
                    l.forEach(x -> value(g, x));
                    g.writeEndArray();
                }
                default -> g.writeString(String.valueOf(v));
            }
        }

        @Override
        void finish() {
            out.flush();
        }
    }

    static final class Csv extends MatchOutput {
        private final PrintStream out;

        Csv(PrintStream out) {
            this.out = out;
            out.println("rule_id,level,title,techniques,selections,source,line,event_time,computer");
        }

        @Override
        void write(Match m, String source, long line) {
            Object time = m.event().get("TimeCreated_SystemTime");
            if (time == null) {
                time = m.event().get("@timestamp");
            }
            Object computer = m.event().get("Computer");
            out.println(String.join(",", cell(m.ruleId()), cell(m.level() == null ? "" : m.level().label()),
                    cell(m.title()), cell(String.join(" ", m.techniques())), cell(String.join(" ", m.selections())),
                    cell(source), Long.toString(line), cell(time == null ? "" : Text.of(time)),
                    cell(computer == null ? "" : Text.of(computer))));
        }

        /**
         * A cell: quoted when it holds a separator, a quote or a line end; prefixed with {@code '} when it starts like
         * a spreadsheet formula ({@code = + - @}, tab, carriage return), so that an event's field opened in a
         * spreadsheet stays text (OWASP "CSV injection"; the operators' export does the same).
         */
        static String cell(String s) {
            if (!s.isEmpty() && "=+-@\t\r".indexOf(s.charAt(0)) >= 0) {
                s = "'" + s;
            }
            if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
                return s;
            }
            return '"' + s.replace("\"", "\"\"") + '"';
        }

        @Override
        void finish() {
            out.flush();
        }
    }

    static final class Table extends MatchOutput {
        private record Row(String id, String title, Level level, List<String> techniques) {
        }

        private final PrintStream out;
        private final Map<String, Row> rows = new LinkedHashMap<>();
        private final Map<String, Long> counts = new LinkedHashMap<>();

        Table(PrintStream out) {
            this.out = out;
        }

        @Override
        void write(Match m, String source, long line) {
            rows.putIfAbsent(m.ruleId(), new Row(m.ruleId(), m.title(), m.level(), m.techniques()));
            counts.merge(m.ruleId(), 1L, Long::sum);
        }

        @Override
        void finish() {
            List<Row> sorted = new ArrayList<>(rows.values());
            sorted.sort(Comparator.comparing((Row r) -> r.level() == null ? -1 : r.level().ordinal()).reversed()
                    .thenComparing(r -> -counts.get(r.id())).thenComparing(Row::title));
            out.printf("%-13s %8s  %-36s  %-22s  %s%n", "LEVEL", "MATCHES", "RULE ID", "TECHNIQUES", "TITLE");
            Level current = null;
            boolean first = true;
            for (Row r : sorted) {
                if (!first && r.level() != current) {
                    out.println();
                }
                first = false;
                current = r.level();
                String techniques = String.join(",", r.techniques());
                if (techniques.length() > 22) {
                    techniques = techniques.substring(0, 21) + "…";
                }
                out.printf("%-13s %,8d  %-36s  %-22s  %s%n", r.level() == null ? "-" : r.level().label(), counts.get(r.id()),
                        r.id(), techniques, r.title());
            }
            if (sorted.isEmpty()) {
                out.println("(no matches)");
            }
            out.flush();
        }
    }
}
