package org.mburoja.sigma.internal.parse;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mburoja.sigma.Level;
import org.mburoja.sigma.RuleProblem;
import org.mburoja.sigma.model.Condition;
import org.mburoja.sigma.model.CorrelationRule;
import org.mburoja.sigma.model.Detection;
import org.mburoja.sigma.model.DetectionRule;
import org.mburoja.sigma.model.FieldMatch;
import org.mburoja.sigma.model.FilterRule;
import org.mburoja.sigma.model.LogSource;
import org.mburoja.sigma.model.Modifier;
import org.mburoja.sigma.model.RuleMeta;
import org.mburoja.sigma.model.Search;
import org.mburoja.sigma.model.SigmaDocument;
import org.mburoja.sigma.model.SigmaValue;

/**
 * The parse results of rule files kept in one file, so that loading the same rule set again skips the YAML: for each
 * rule file its path, its exact bytes and what {@link RuleParser#parse} made of them (documents and problems). An
 * entry is used only for a file of the same path whose bytes are equal, compared in full, so an edited file is always
 * parsed again; compiling the rules is not cached (it depends on the mapping and the engine options).
 *
 * <p>The cache is an optimisation only: a file that is missing, truncated, of another format version or otherwise
 * unreadable (its CRC-32C does not match) counts as empty, and a cache that cannot be written is skipped, silently
 * in both cases. It is valid for
 * one build of the parser ({@link #VERSION} is raised when the parser's results change); the command line keeps it
 * beside the build's other run-time caches. Its content is trusted as the parser's own output: keep it where only
 * the user who runs the tools can write.
 */
public final class ParsedRuleCache {

    /** Raised whenever the format or what the parser makes of a rule changes. */
    static final int VERSION = 1;
    private static final int MAGIC = 0x4D425243; // "MBRC"
    /** A cache larger than this is not read (the whole SigmaHQ set makes about 10 MB). */
    static final long MAX_BYTES = 256L * 1024 * 1024;

    /** What the parser made of one file's bytes. */
    public record Entry(byte[] bytes, RuleParser.Result result) {
    }

    private ParsedRuleCache() {
    }

    /** The entries of a cache file by path, or an empty map when it is missing or cannot be used. */
    public static Map<String, Entry> read(Path file) {
        try {
            if (!Files.isRegularFile(file) || Files.size(file) > MAX_BYTES) {
                return Map.of();
            }
            return decode(Files.readAllBytes(file));
        } catch (IOException | RuntimeException e) {
            return Map.of();
        }
    }

    /** Writes the entries (in their iteration order) to a new file that then replaces {@code file}; false if it could not. */
    public static boolean write(Path file, Map<String, Entry> entries) {
        Path tmp = null;
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
            Files.write(tmp, encode(entries));
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            return true;
        } catch (IOException | RuntimeException e) {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // nothing more to do: a stray temporary file
                }
            }
            return false;
        }
    }

    /** Magic, version, the CRC-32C of everything after it as four bytes, then the entries. */
    static byte[] encode(Map<String, Entry> entries) {
        Out o = new Out();
        o.i32(MAGIC);
        o.i32(VERSION);
        int crcAt = o.len;
        o.raw(new byte[4]);
        o.u(entries.size());
        for (Map.Entry<String, Entry> e : entries.entrySet()) {
            o.str(e.getKey());
            byte[] b = e.getValue().bytes();
            o.u(b.length);
            o.raw(b);
            RuleParser.Result r = e.getValue().result();
            o.u(r.documents().size());
            for (SigmaDocument d : r.documents()) {
                o.document(d);
            }
            o.u(r.problems().size());
            for (RuleProblem p : r.problems()) {
                o.str(p.file());
                o.i32(p.line());
                o.str(p.field());
                o.str(p.reason());
            }
        }
        byte[] out = o.bytes();
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        crc.update(out, crcAt + 4, out.length - crcAt - 4);
        int v = (int) crc.getValue();
        out[crcAt] = (byte) (v >>> 24);
        out[crcAt + 1] = (byte) (v >>> 16);
        out[crcAt + 2] = (byte) (v >>> 8);
        out[crcAt + 3] = (byte) v;
        return out;
    }

    /** The entries of a cache's bytes; throws {@link IllegalArgumentException} (or another runtime exception) if invalid. */
    static Map<String, Entry> decode(byte[] bytes) {
        In in = new In(bytes);
        if (in.i32() != MAGIC || in.i32() != VERSION) {
            throw new IllegalArgumentException("not a rule cache of this version");
        }
        byte[] stored = in.raw(4);
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        crc.update(bytes, in.pos, bytes.length - in.pos);
        int v = (int) crc.getValue();
        if (stored[0] != (byte) (v >>> 24) || stored[1] != (byte) (v >>> 16) || stored[2] != (byte) (v >>> 8)
                || stored[3] != (byte) v) {
            throw new IllegalArgumentException("checksum mismatch: a damaged rule cache");
        }
        int n = in.count();
        Map<String, Entry> out = new HashMap<>(Math.min(n, 1 << 16) * 2);
        for (int k = 0; k < n; k++) {
            String path = in.str();
            byte[] content = in.raw(in.count());
            int docs = in.count();
            List<SigmaDocument> documents = new ArrayList<>(Math.min(docs, 64));
            for (int i = 0; i < docs; i++) {
                documents.add(in.document());
            }
            int probs = in.count();
            List<RuleProblem> problems = new ArrayList<>(Math.min(probs, 64));
            for (int i = 0; i < probs; i++) {
                problems.add(new RuleProblem(in.str(), in.i32(), in.str(), in.str()));
            }
            out.put(path, new Entry(content, new RuleParser.Result(documents, problems)));
        }
        if (!in.atEnd()) {
            throw new IllegalArgumentException("bytes after the last entry");
        }
        return out;
    }

    /** The writing side: varints, strings written once and referred to after. */
    private static final class Out {
        private byte[] buf = new byte[1 << 16];
        int len;
        private final Map<String, Integer> strings = new HashMap<>();

        byte[] bytes() {
            return Arrays.copyOf(buf, len);
        }

        private void ensure(int more) {
            if (len + more > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + more));
            }
        }

        void u(long v) {
            ensure(10);
            while ((v & ~0x7FL) != 0) {
                buf[len++] = (byte) ((v & 0x7F) | 0x80);
                v >>>= 7;
            }
            buf[len++] = (byte) v;
        }

        void i32(int v) {
            u(((long) v << 1) ^ (v >> 31)); // zigzag
        }

        void raw(byte[] b) {
            ensure(b.length);
            System.arraycopy(b, 0, buf, len, b.length);
            len += b.length;
        }

        /** 0: null; 1: a new string, then its UTF-8 length and bytes; k + 2: the k-th new string. */
        void str(String s) {
            if (s == null) {
                u(0);
                return;
            }
            Integer ref = strings.get(s);
            if (ref != null) {
                u(ref + 2L);
                return;
            }
            strings.put(s, strings.size());
            u(1);
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            u(b.length);
            raw(b);
        }

        void strs(List<String> l) {
            u(l.size());
            for (String s : l) {
                str(s);
            }
        }

        void bool(boolean b) {
            u(b ? 1 : 0);
        }

        void decimal(BigDecimal d) {
            str(d == null ? null : d.toString());
        }

        void document(SigmaDocument d) {
            switch (d) {
                case DetectionRule r -> {
                    u(0);
                    meta(r.meta());
                    logSource(r.logSource());
                    detection(r.detection());
                    str(r.file());
                    i32(r.line());
                }
                case CorrelationRule c -> {
                    u(1);
                    meta(c.meta());
                    u(c.type().ordinal());
                    strs(c.rules());
                    strs(c.groupBy());
                    bool(c.timespan() != null);
                    if (c.timespan() != null) {
                        u(c.timespan().getSeconds());
                        u(c.timespan().getNano());
                    }
                    bool(c.condition() != null);
                    if (c.condition() != null) {
                        str(c.condition().field());
                        u(c.condition().bounds().size());
                        for (CorrelationRule.Bound b : c.condition().bounds()) {
                            str(b.op());
                            decimal(b.value());
                        }
                        decimal(c.condition().percentile());
                    }
                    u(c.aliases().size());
                    c.aliases().forEach((alias, perRule) -> {
                        str(alias);
                        u(perRule.size());
                        perRule.forEach((rule, field) -> {
                            str(rule);
                            str(field);
                        });
                    });
                    bool(c.generate());
                    str(c.file());
                    i32(c.line());
                }
                case FilterRule f -> {
                    u(2);
                    meta(f.meta());
                    logSource(f.logSource());
                    strs(f.rules());
                    detection(f.detection());
                    str(f.file());
                    i32(f.line());
                }
            }
        }

        void meta(RuleMeta m) {
            str(m.id());
            str(m.name());
            str(m.title());
            str(m.status());
            u(m.level() == null ? 0 : m.level().ordinal() + 1);
            strs(m.tags());
            str(m.description());
            strs(m.falsePositives());
        }

        void logSource(LogSource l) {
            bool(l != null);
            if (l != null) {
                str(l.product());
                str(l.category());
                str(l.service());
            }
        }

        void detection(Detection d) {
            bool(d != null);
            if (d == null) {
                return;
            }
            u(d.searches().size());
            d.searches().forEach((name, s) -> {
                str(name);
                search(s);
            });
            condition(d.condition());
            str(d.conditionText());
        }

        void search(Search s) {
            switch (s) {
                case Search.AllOf a -> {
                    u(0);
                    u(a.items().size());
                    a.items().forEach(this::search);
                }
                case Search.AnyOf a -> {
                    u(1);
                    u(a.items().size());
                    a.items().forEach(this::search);
                }
                case Search.Field f -> {
                    u(2);
                    FieldMatch m = f.match();
                    str(m.field());
                    u(m.modifiers().size());
                    for (Modifier x : m.modifiers()) {
                        u(x.ordinal());
                    }
                    u(m.values().size());
                    for (SigmaValue v : m.values()) {
                        switch (v) {
                            case SigmaValue.Str x -> {
                                u(0);
                                str(x.raw());
                            }
                            case SigmaValue.Num x -> {
                                u(1);
                                str(x.text());
                            }
                            case SigmaValue.Bool x -> u(x.value() ? 3 : 2);
                            case SigmaValue.Null x -> u(4);
                        }
                    }
                    str(m.path());
                    i32(m.line());
                }
            }
        }

        void condition(Condition c) {
            switch (c) {
                case null -> u(0);
                case Condition.And a -> {
                    u(1);
                    u(a.items().size());
                    a.items().forEach(this::condition);
                }
                case Condition.Or a -> {
                    u(2);
                    u(a.items().size());
                    a.items().forEach(this::condition);
                }
                case Condition.Not x -> {
                    u(3);
                    condition(x.item());
                }
                case Condition.Ref r -> {
                    u(4);
                    str(r.name());
                }
                case Condition.Of o -> {
                    u(5);
                    i32(o.count());
                    str(o.pattern());
                }
            }
        }
    }

    /** The reading side; every count and reference is checked against what is left. */
    private static final class In {
        private static final Level[] LEVELS = Level.values();
        private static final Modifier[] MODIFIERS = Modifier.values();
        private static final CorrelationRule.Type[] TYPES = CorrelationRule.Type.values();
        private final byte[] b;
        int pos;
        private final List<String> strings = new ArrayList<>();
        private int depth;

        In(byte[] b) {
            this.b = b;
        }

        boolean atEnd() {
            return pos == b.length;
        }

        long u() {
            long v = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                byte x = b[pos++];
                v |= (long) (x & 0x7F) << shift;
                if (x >= 0) {
                    return v;
                }
            }
            throw new IllegalArgumentException("varint too long");
        }

        int i32() {
            long z = u();
            if (z >>> 32 != 0) {
                throw new IllegalArgumentException("int out of range");
            }
            return (int) (z >>> 1) ^ -(int) (z & 1);
        }

        /** A count of things still to read: each takes at least one byte, so it cannot exceed the bytes left. */
        int count() {
            long n = u();
            if (n > b.length - pos) {
                throw new IllegalArgumentException("count beyond the end");
            }
            return (int) n;
        }

        int small(int bound) {
            long v = u();
            if (v >= bound) {
                throw new IllegalArgumentException("tag " + v + " out of range");
            }
            return (int) v;
        }

        byte[] raw(int n) {
            if (n > b.length - pos) {
                throw new IllegalArgumentException("bytes beyond the end");
            }
            byte[] out = Arrays.copyOfRange(b, pos, pos + n);
            pos += n;
            return out;
        }

        String str() {
            long t = u();
            if (t == 0) {
                return null;
            }
            if (t == 1) {
                int n = count();
                String s = new String(b, pos, n, StandardCharsets.UTF_8);
                pos += n;
                strings.add(s);
                return s;
            }
            if (t - 2 >= strings.size()) {
                throw new IllegalArgumentException("string reference out of range");
            }
            return strings.get((int) (t - 2));
        }

        String nonNull() {
            String s = str();
            if (s == null) {
                throw new IllegalArgumentException("missing string");
            }
            return s;
        }

        List<String> strs() {
            int n = count();
            String[] a = new String[n];
            for (int i = 0; i < n; i++) {
                a[i] = nonNull();
            }
            return List.of(a);
        }

        boolean bool() {
            return small(2) == 1;
        }

        BigDecimal decimal() {
            String s = str();
            return s == null ? null : new BigDecimal(s);
        }

        SigmaDocument document() {
            return switch (small(3)) {
                case 0 -> new DetectionRule(meta(), logSource(), detection(), str(), i32());
                case 1 -> {
                    RuleMeta meta = meta();
                    CorrelationRule.Type type = TYPES[small(TYPES.length)];
                    List<String> rules = strs();
                    List<String> groupBy = strs();
                    Duration timespan = bool() ? Duration.ofSeconds(u(), small(1_000_000_000)) : null;
                    CorrelationRule.Metric metric = null;
                    if (bool()) {
                        String field = str();
                        int n = count();
                        List<CorrelationRule.Bound> bounds = new ArrayList<>(n);
                        for (int i = 0; i < n; i++) {
                            bounds.add(new CorrelationRule.Bound(nonNull(), decimal()));
                        }
                        metric = new CorrelationRule.Metric(field, List.copyOf(bounds), decimal());
                    }
                    int n = count();
                    Map<String, Map<String, String>> aliases = new LinkedHashMap<>();
                    for (int i = 0; i < n; i++) {
                        String alias = nonNull();
                        int m = count();
                        Map<String, String> perRule = new LinkedHashMap<>();
                        for (int k = 0; k < m; k++) {
                            perRule.put(nonNull(), nonNull());
                        }
                        aliases.put(alias, Map.copyOf(perRule));
                    }
                    yield new CorrelationRule(meta, type, rules, groupBy, timespan, metric, Map.copyOf(aliases), bool(),
                            str(), i32());
                }
                default -> new FilterRule(meta(), logSource(), strs(), detection(), str(), i32());
            };
        }

        RuleMeta meta() {
            String id = str();
            String name = str();
            String title = str();
            String status = str();
            int level = small(LEVELS.length + 1);
            return new RuleMeta(id, name, title, status, level == 0 ? null : LEVELS[level - 1], strs(), str(), strs());
        }

        LogSource logSource() {
            return bool() ? new LogSource(str(), str(), str()) : null;
        }

        Detection detection() {
            if (!bool()) {
                return null;
            }
            int n = count();
            Map<String, Search> searches = new LinkedHashMap<>();
            for (int i = 0; i < n; i++) {
                searches.put(nonNull(), search());
            }
            return new Detection(Collections.unmodifiableMap(searches), condition(), str());
        }

        private void enter() {
            if (++depth > 512) {
                throw new IllegalArgumentException("nested too deeply");
            }
        }

        Search search() {
            enter();
            try {
                int tag = small(3);
                if (tag < 2) {
                    int n = count();
                    Search[] items = new Search[n];
                    for (int i = 0; i < n; i++) {
                        items[i] = search();
                    }
                    return tag == 0 ? new Search.AllOf(List.of(items)) : new Search.AnyOf(List.of(items));
                }
                String field = str();
                int n = count();
                Modifier[] mods = new Modifier[n];
                for (int i = 0; i < n; i++) {
                    mods[i] = MODIFIERS[small(MODIFIERS.length)];
                }
                int v = count();
                SigmaValue[] values = new SigmaValue[v];
                for (int i = 0; i < v; i++) {
                    values[i] = switch (small(5)) {
                        case 0 -> new SigmaValue.Str(nonNull());
                        case 1 -> new SigmaValue.Num(nonNull());
                        case 2 -> new SigmaValue.Bool(false);
                        case 3 -> new SigmaValue.Bool(true);
                        default -> new SigmaValue.Null();
                    };
                }
                return new Search.Field(new FieldMatch(field, List.of(mods), List.of(values), str(), i32()));
            } finally {
                depth--;
            }
        }

        Condition condition() {
            enter();
            try {
                int tag = small(6);
                return switch (tag) {
                    case 0 -> null;
                    case 1, 2 -> {
                        int n = count();
                        Condition[] items = new Condition[n];
                        for (int i = 0; i < n; i++) {
                            items[i] = condition();
                        }
                        List<Condition> l = List.of(items);
                        yield tag == 1 ? new Condition.And(l) : new Condition.Or(l);
                    }
                    case 3 -> new Condition.Not(condition());
                    case 4 -> new Condition.Ref(nonNull());
                    default -> new Condition.Of(i32(), nonNull());
                };
            } finally {
                depth--;
            }
        }
    }
}
