package org.mburoja.sigma.internal.parse;

import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.DumperOptions.FlowStyle;
import org.yaml.snakeyaml.DumperOptions.ScalarStyle;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Composes the block-style YAML that Sigma rules are written in straight into SnakeYAML's node tree, without
 * SnakeYAML's general scanner: loading the 3,614 SigmaHQ rule files cost about 1.3 CPU-seconds in a fresh JVM, most
 * of it the scanner and its JIT compilation, and every {@code hunt} pays that before its first event.
 *
 * <p>It reads a deliberately small subset: block mappings and sequences (also a sequence at its key's indentation and
 * a mapping opened on a {@code - } line), plain scalars (folded over lines), single- and double-quoted scalars on one
 * line, literal and folded block scalars with strip or clip chomping, comments, and {@code ---} between documents.
 * Anything else (flow collections, anchors, aliases, tags, directives, tabs, carriage returns but in CRLF line breaks, keep chomping,
 * explicit indentation indicators, multi-line quoted scalars, empty documents, anything SnakeYAML would reject, ...)
 * makes {@link #composeAll} answer {@code null}, and the caller reads the file with SnakeYAML as before. So this
 * class never decides what a file means on its own: where it answers, the tree is the one SnakeYAML composes (kinds,
 * tags, values, styles and start positions; checked over the whole SigmaHQ rule set and seeded generated files by
 * {@code BlockYamlTest}), and SnakeYAML keeps the last word on every file outside the subset, including every error.
 */
final class BlockYaml {

    /** Larger files go to SnakeYAML, which enforces the rule parser's code-point limit. */
    static final int MAX_CHARS = 1 << 20;
    private static final int MAX_DEPTH = 40;
    /** SnakeYAML refuses implicit keys longer than 1024 code points. */
    private static final int MAX_KEY = 1000;
    private static final Resolver RESOLVER = new Resolver();
    private static final int[] NO_BUFFER = new int[0];

    /** Thrown when the text leaves the subset; never escapes this class. */
    private static final class Outside extends RuntimeException {
        Outside() {
            super(null, null, false, false);
        }
    }

    private static final Outside OUTSIDE = new Outside();

    /** The file's characters: a char array, so compiled loops do not depend on the strings' Latin-1 or UTF-16 form. */
    private final char[] s;
    private final int[] starts;
    private final int[] ends;
    private final boolean[] broken;
    /** Whether the file has characters outside the BMP, which make columns (in code points) differ from indexes. */
    private final boolean supplementary;
    private final int count;
    private int line;
    private int depth;

    private BlockYaml(char[] s, int[] starts, int[] ends, boolean[] broken, boolean supplementary, int count) {
        this.s = s;
        this.supplementary = supplementary;
        this.starts = starts;
        this.ends = ends;
        this.broken = broken;
        this.count = count;
    }

    /** The documents of {@code text}, or {@code null} when it is not in the subset (read it with SnakeYAML). */
    static List<Node> composeAll(String text) {
        if (text.length() > MAX_CHARS) {
            return null;
        }
        char[] chars = text.toCharArray();
        boolean supplementary = false;
        int lines = 1;
        for (int i = 0; i < chars.length; i++) {
            char c = chars[i];
            if (c == '\n') {
                lines++;
            } else if (c == '\r' && i + 1 < chars.length && chars[i + 1] == '\n') {
                continue; // a Windows line break: one break, as SnakeYAML reads it (a lone CR is left to SnakeYAML)
            } else if (c < 0x20 || c >= 0x7F) {
                if (!allowed(chars, i, c)) {
                    return null;
                }
                if (Character.isHighSurrogate(c)) {
                    supplementary = true;
                    i++;
                }
            }
        }
        int[] starts = new int[lines];
        int[] ends = new int[lines];
        boolean[] broken = new boolean[lines];
        int n = 0;
        int start = 0;
        for (int i = 0; i < chars.length; i++) {
            if (chars[i] == '\n') {
                starts[n] = start;
                ends[n] = i > start && chars[i - 1] == '\r' ? i - 1 : i;
                broken[n] = true;
                n++;
                start = i + 1;
            }
        }
        if (start < chars.length) {
            starts[n] = start;
            ends[n] = chars.length;
            n++;
        }
        try {
            return new BlockYaml(chars, starts, ends, broken, supplementary, n).documents();
        } catch (Outside | StackOverflowError e) {
            return null;
        }
    }

    /** Printable characters SnakeYAML accepts and that are not line breaks or tabs (both left to SnakeYAML). */
    private static boolean allowed(char[] t, int i, char c) {
        if (c < 0x20) {
            return false;
        }
        if (c < 0x7F) {
            return true;
        }
        if (c <= 0x9F || c == 0x2028 || c == 0x2029 || c == 0xFEFF || c >= 0xFFFE) {
            return false;
        }
        if (Character.isHighSurrogate(c)) {
            return i + 1 < t.length && Character.isLowSurrogate(t[i + 1]);
        }
        return !Character.isLowSurrogate(c);
    }

    private List<Node> documents() {
        List<Node> docs = new ArrayList<>();
        line = 0;
        skipInsignificant();
        boolean first = true;
        while (line < count) {
            if (marker(line, '-')) {
                if (afterMarker(line)) {
                    throw OUTSIDE;
                }
                line++;
                skipInsignificant();
                if (line >= count || marker(line, '-') || marker(line, '.')) {
                    throw OUTSIDE; // an empty document
                }
            } else if (!first) {
                throw OUTSIDE;
            }
            if (marker(line, '.') || indent(line) != 0) {
                throw OUTSIDE;
            }
            int p = starts[line];
            Node root;
            if (entry(p)) {
                root = sequence(0);
            } else if (keyColon(p) >= 0) {
                root = mapping(p);
            } else {
                throw OUTSIDE;
            }
            docs.add(root);
            first = false;
            skipInsignificant();
        }
        return docs;
    }

    // ---- lines ----

    private int indent(int l) {
        int p = starts[l];
        while (p < ends[l] && s[p] == ' ') {
            p++;
        }
        return p - starts[l];
    }

    private boolean blank(int l) {
        return indent(l) == ends[l] - starts[l];
    }

    private boolean insignificant(int l) {
        int p = starts[l] + indent(l);
        return p == ends[l] || s[p] == '#';
    }

    private void skipInsignificant() {
        while (line < count && insignificant(line)) {
            line++;
        }
    }

    /** {@code ---} or {@code ...} at the start of line {@code l}, alone or followed by a blank. */
    private boolean marker(int l, char c) {
        int p = starts[l];
        if (ends[l] - p < 3 || s[p] != c || s[p + 1] != c || s[p + 2] != c) {
            return false;
        }
        return ends[l] - p == 3 || s[p + 3] == ' ';
    }

    /** Whether anything but a comment follows a {@code ---}. */
    private boolean afterMarker(int l) {
        int p = skipSpaces(starts[l] + 3, l);
        return p < ends[l] && s[p] != '#';
    }

    private int skipSpaces(int p, int l) {
        while (p < ends[l] && s[p] == ' ') {
            p++;
        }
        return p;
    }

    private int column(int p) {
        return supplementary ? Character.codePointCount(s, starts[line], p - starts[line]) : p - starts[line];
    }

    private Mark mark(int p) {
        return new Mark("reader", 0, line, column(p), NO_BUFFER, 0);
    }

    /** A {@code -} block entry indicator at {@code p} (followed by a space or the end of the line). */
    private boolean entry(int p) {
        return p < ends[line] && s[p] == '-' && (p + 1 == ends[line] || s[p + 1] == ' ');
    }

    // ---- collections ----

    private void enter() {
        if (++depth > MAX_DEPTH) {
            throw OUTSIDE;
        }
    }

    /** A block mapping whose first key starts at {@code p} on the current line. */
    private Node mapping(int p) {
        enter();
        int col = p - starts[line];
        Mark start = mark(p);
        List<NodeTuple> tuples = new ArrayList<>();
        while (true) {
            int colon = keyColon(p);
            if (colon < 0) {
                throw OUTSIDE;
            }
            Node key = key(p, colon);
            Node value = value(colon + 1, col);
            tuples.add(new NodeTuple(key, value));
            skipInsignificant();
            if (line >= count) {
                break;
            }
            int ind = indent(line);
            if (ind < col || (ind == 0 && (marker(line, '-') || marker(line, '.')))) {
                break;
            }
            if (ind > col) {
                throw OUTSIDE;
            }
            p = starts[line] + ind;
            if (entry(p)) {
                throw OUTSIDE;
            }
        }
        depth--;
        return new MappingNode(Tag.MAP, true, tuples, start, start, FlowStyle.BLOCK);
    }

    /** A block sequence whose {@code -} indicators stand at column {@code col}; the current line holds the first. */
    private Node sequence(int col) {
        enter();
        Mark start = mark(starts[line] + col);
        List<Node> items = new ArrayList<>();
        while (true) {
            int dash = starts[line] + col;
            int p = skipSpaces(dash + 1, line);
            Node item;
            if (p == ends[line] || s[p] == '#') {
                if (p < ends[line] && p == dash + 1) {
                    throw OUTSIDE;
                }
                item = nested(mark(dash + 1), col, false);
            } else if (entry(p)) {
                throw OUTSIDE;
            } else if (keyColon(p) >= 0) {
                item = mapping(p);
            } else {
                item = scalar(p, col);
            }
            items.add(item);
            skipInsignificant();
            if (line >= count) {
                break;
            }
            int ind = indent(line);
            if (ind < col || (ind == 0 && (marker(line, '-') || marker(line, '.')))) {
                break;
            }
            if (ind > col) {
                throw OUTSIDE;
            }
            if (!entry(starts[line] + ind)) {
                break; // the next key of the mapping that holds this sequence at its own indentation
            }
        }
        depth--;
        return new SequenceNode(Tag.SEQ, true, items, start, start, FlowStyle.BLOCK);
    }

    /** The value after a key's {@code :} at {@code p}, in a mapping at column {@code col}. */
    private Node value(int p, int col) {
        int q = skipSpaces(p, line);
        if (q == ends[line] || s[q] == '#') {
            if (q < ends[line] && q == p) {
                throw OUTSIDE;
            }
            return nested(mark(p), col, true);
        }
        if (entry(q)) {
            throw OUTSIDE; // "key: - x" is an error
        }
        return scalar(q, col);
    }

    /**
     * The node on the following lines after a key or {@code -} with nothing after it on its own line: a block node
     * indented deeper than {@code col}, a sequence at {@code col} itself when it is a mapping's value, or else an
     * empty (null) scalar.
     */
    private Node nested(Mark empty, int col, boolean mappingValue) {
        line++;
        skipInsignificant();
        if (line < count && !(indent(line) == 0 && (marker(line, '-') || marker(line, '.')))) {
            int ind = indent(line);
            int p = starts[line] + ind;
            if (ind > col) {
                if (entry(p)) {
                    return sequence(ind);
                }
                if (keyColon(p) >= 0) {
                    return mapping(p);
                }
                return scalar(p, col);
            }
            if (ind == col && entry(p) && mappingValue) {
                return sequence(ind);
            }
        }
        return new ScalarNode(Tag.NULL, true, "", empty, empty, ScalarStyle.PLAIN);
    }

    // ---- keys ----

    /**
     * The index of the {@code :} that ends an implicit key starting at {@code p} on the current line, or -1 when the
     * line holds no key there; throws when it might but the subset does not cover it.
     */
    private int keyColon(int p) {
        int end = ends[line];
        char c = s[p];
        if (c == '\'' || c == '"') {
            int close = c == '\'' ? singleEnd(p) : doubleEnd(p);
            if (close < 0) {
                return -1;
            }
            int after = close + 1;
            if (after < end && s[after] == ':' && (after + 1 == end || s[after + 1] == ' ')) {
                if (after - p > MAX_KEY) {
                    throw OUTSIDE;
                }
                return after;
            }
            return -1;
        }
        for (int i = p; i < end; i++) {
            char x = s[i];
            if (x == ':' && (i + 1 == end || s[i + 1] == ' ')) {
                if (i == p || s[i - 1] == ' ' || indicator(c) || i - p > MAX_KEY) {
                    throw OUTSIDE;
                }
                return i;
            }
            if (x == '#' && i > p && s[i - 1] == ' ') {
                return -1;
            }
        }
        return -1;
    }

    private Node key(int p, int colon) {
        char c = s[p];
        Mark m = mark(p);
        if (c == '\'') {
            return new ScalarNode(Tag.STR, true, single(p, colon - 1), m, m, ScalarStyle.SINGLE_QUOTED);
        }
        if (c == '"') {
            return new ScalarNode(Tag.STR, true, doubleQuoted(p, colon - 1), m, m, ScalarStyle.DOUBLE_QUOTED);
        }
        String v = new String(s, p, colon - p);
        return new ScalarNode(plainTag(v), true, v, m, m, ScalarStyle.PLAIN);
    }

    /**
     * The tag SnakeYAML's resolver gives a plain scalar. Its implicit resolvers (bool, int, float, merge, null,
     * timestamp, yaml) are keyed by these first characters, and those it tries on every value (null and empty) match
     * only values starting with one of them too (or a lone space), so any other first character means a string,
     * without running its regular expressions. After a letter of {@code yYnNtTfFoO} only the bool and null words can
     * resolve to anything else (keys such as {@code title}, {@code tags} and {@code falsepositives} start so).
     */
    static Tag plainTag(String v) {
        if (!v.isEmpty()) {
            char c = v.charAt(0);
            if (RESOLVED_FIRST.indexOf(c) < 0 || (WORD_FIRST.indexOf(c) >= 0 && !RESOLVED_WORDS.contains(v))) {
                return Tag.STR;
            }
        }
        return RESOLVER.resolve(NodeId.scalar, v, true);
    }

    private static final String RESOLVED_FIRST = "yYnNtTfFoO-+0123456789.<~!&* ";
    /** First characters of SnakeYAML's bool resolver (and, for n and N, of its null resolver) and nothing else. */
    private static final String WORD_FIRST = "yYnNtTfFoO";
    /** Everything those two resolvers match. */
    private static final java.util.Set<String> RESOLVED_WORDS = java.util.Set.of("yes", "Yes", "YES", "no", "No", "NO",
            "true", "True", "TRUE", "false", "False", "FALSE", "on", "On", "ON", "off", "Off", "OFF", "null", "Null",
            "NULL");

    /** Characters that cannot start a plain scalar here (or that the subset leaves to SnakeYAML). */
    private static boolean indicator(char c) {
        return switch (c) {
            case '-', '?', ':', ',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', '\'', '"', '%', '@', '`' -> true;
            default -> false;
        };
    }

    // ---- scalars ----

    /** A scalar starting at {@code p} on the current line, inside a collection at column {@code col}. */
    private Node scalar(int p, int col) {
        char c = s[p];
        Mark m = mark(p);
        if (c == '\'' || c == '"') {
            int close = c == '\'' ? singleEnd(p) : doubleEnd(p);
            if (close < 0 || !restIsComment(close + 1)) {
                throw OUTSIDE;
            }
            String v = c == '\'' ? single(p, close) : doubleQuoted(p, close);
            line++;
            return new ScalarNode(Tag.STR, true, v, m, m, c == '\'' ? ScalarStyle.SINGLE_QUOTED
                    : ScalarStyle.DOUBLE_QUOTED);
        }
        if (c == '|' || c == '>') {
            return block(p, col, m);
        }
        if (indicator(c) && !((c == '-' || c == '?' || c == ':') && p + 1 < ends[line]
                && s[p + 1] != ' ')) {
            throw OUTSIDE;
        }
        return plain(p, col, m);
    }

    /** Spaces and then the end of the line or a comment after {@code p}. */
    private boolean restIsComment(int p) {
        int q = skipSpaces(p, line);
        return q == ends[line] || (q > p && s[q] == '#');
    }

    /** The closing quote of a single-quoted scalar opened at {@code p}, on the same line, or -1. */
    private int singleEnd(int p) {
        for (int i = p + 1; i < ends[line]; i++) {
            if (s[i] == '\'') {
                if (i + 1 < ends[line] && s[i + 1] == '\'') {
                    i++;
                } else {
                    return i;
                }
            }
        }
        return -1;
    }

    private String single(int open, int close) {
        StringBuilder b = new StringBuilder(close - open);
        for (int i = open + 1; i < close; i++) {
            char x = s[i];
            b.append(x);
            if (x == '\'') {
                i++;
            }
        }
        return b.toString();
    }

    /** The closing quote of a double-quoted scalar opened at {@code p}, on the same line, or -1. */
    private int doubleEnd(int p) {
        for (int i = p + 1; i < ends[line]; i++) {
            char x = s[i];
            if (x == '\\') {
                i++;
            } else if (x == '"') {
                return i;
            }
        }
        return -1;
    }

    private String doubleQuoted(int open, int close) {
        StringBuilder b = new StringBuilder(close - open);
        for (int i = open + 1; i < close; i++) {
            char x = s[i];
            if (x != '\\') {
                b.append(x);
                continue;
            }
            char e = s[++i];
            switch (e) {
                case '0' -> b.append('\0');
                case 'a' -> b.append('\u0007');
                case 'b' -> b.append('\b');
                case 't' -> b.append('\t');
                case 'n' -> b.append('\n');
                case 'v' -> b.append('\u000B');
                case 'f' -> b.append('\f');
                case 'r' -> b.append('\r');
                case 'e' -> b.append('\u001B');
                case ' ' -> b.append(' ');
                case '"' -> b.append('"');
                case '\\' -> b.append('\\');
                case 'N' -> b.append('\u0085');
                case '_' -> b.append('\u00A0');
                case 'L' -> b.append('\u2028');
                case 'P' -> b.append('\u2029');
                case 'x', 'u', 'U' -> {
                    int digits = e == 'x' ? 2 : e == 'u' ? 4 : 8;
                    if (i + digits >= close) {
                        throw OUTSIDE;
                    }
                    int code = 0;
                    for (int k = 1; k <= digits; k++) {
                        int d = Character.digit(s[i + k], 16);
                        if (d < 0) {
                            throw OUTSIDE;
                        }
                        code = code * 16 + d;
                    }
                    if (!Character.isValidCodePoint(code)
                            || (code >= Character.MIN_SURROGATE && code <= Character.MAX_SURROGATE)) {
                        throw OUTSIDE;
                    }
                    b.appendCodePoint(code);
                    i += digits;
                }
                default -> throw OUTSIDE;
            }
        }
        return b.toString();
    }

    /**
     * A plain scalar from {@code p}, continued on following lines indented deeper than {@code col} and folded as
     * SnakeYAML's {@code scanPlain} folds them.
     */
    private Node plain(int p, int col, Mark m) {
        StringBuilder b = new StringBuilder();
        boolean ended = plainChunk(p, b);
        line++;
        while (!ended && line < count) {
            int l = line;
            int breaks = 1;
            while (l < count && blank(l)) {
                breaks++;
                l++;
            }
            if (l >= count) {
                break;
            }
            int ind = indent(l);
            int q = starts[l] + ind;
            if (ind <= col || s[q] == '#' || (ind == 0 && (marker(l, '-') || marker(l, '.')))) {
                break;
            }
            if (indicator(s[q])) {
                throw OUTSIDE;
            }
            if (breaks == 1) {
                b.append(' ');
            } else {
                b.repeat('\n', breaks - 1);
            }
            line = l;
            ended = plainChunk(q, b);
            line++;
        }
        String v = b.toString();
        return new ScalarNode(plainTag(v), true, v, m, m, ScalarStyle.PLAIN);
    }

    /** Appends one line's part of a plain scalar; true when a comment ends the scalar there. */
    private boolean plainChunk(int p, StringBuilder b) {
        int end = ends[line];
        int last = p;
        boolean comment = false;
        for (int i = p; i < end; i++) {
            char x = s[i];
            if (x == ':' && (i + 1 == end || s[i + 1] == ' ')) {
                throw OUTSIDE; // a value indicator inside a plain scalar: an error or a key SnakeYAML must judge
            }
            if (x == '#' && i > p && s[i - 1] == ' ') {
                comment = true;
                break;
            }
            if (x != ' ') {
                last = i + 1;
            }
        }
        b.append(s, p, last - p);
        return comment;
    }

    /**
     * A literal ({@code |}) or folded ({@code >}) block scalar whose indicator is at {@code p}, in a collection at
     * column {@code col}; follows SnakeYAML's {@code scanBlockScalar} line by line.
     */
    private Node block(int p, int col, Mark m) {
        boolean folded = s[p] == '>';
        int q = p + 1;
        boolean strip = false;
        if (q < ends[line] && s[q] == '-') {
            strip = true;
            q++;
        }
        if (q < ends[line] && s[q] != ' ') {
            throw OUTSIDE; // keep chomping, indentation indicators
        }
        if (!restIsComment(q)) {
            throw OUTSIDE;
        }
        if (!broken[line]) {
            throw OUTSIDE;
        }
        int minIndent = Math.max(col + 1, 1);
        int l = line + 1;
        int leadingBreaks = 0;
        int maxBlank = 0;
        while (l < count && blank(l)) {
            maxBlank = Math.max(maxBlank, ends[l] - starts[l]);
            if (!broken[l]) {
                throw OUTSIDE;
            }
            leadingBreaks++;
            l++;
        }
        StringBuilder b = new StringBuilder();
        if (l >= count) {
            throw OUTSIDE; // a block scalar at the end of the file: left to SnakeYAML
        }
        int first = indent(l);
        if (maxBlank > first) {
            throw OUTSIDE;
        }
        int indent = Math.max(minIndent, first);
        if (first < indent) {
            throw OUTSIDE; // an empty block scalar
        }
        String breaks = "\n".repeat(leadingBreaks);
        String lineBreak = "";
        int cur = l;
        while (true) {
            b.append(breaks);
            int from = starts[cur] + indent;
            boolean leadingNonSpace = s[from] != ' ';
            b.append(s, from, ends[cur] - from);
            lineBreak = broken[cur] ? "\n" : "";
            cur++;
            int nb = 0;
            while (cur < count && ends[cur] - starts[cur] <= indent && blank(cur)) {
                if (!broken[cur]) {
                    throw OUTSIDE;
                }
                nb++;
                cur++;
            }
            breaks = "\n".repeat(nb);
            if (cur < count && indent(cur) >= indent && ends[cur] - starts[cur] > indent) {
                if (folded && lineBreak.equals("\n") && leadingNonSpace && s[starts[cur] + indent] != ' ') {
                    if (breaks.isEmpty()) {
                        b.append(' ');
                    }
                } else {
                    b.append(lineBreak);
                }
            } else {
                break;
            }
        }
        if (!strip) {
            b.append(lineBreak);
        }
        line = cur;
        return new ScalarNode(Tag.STR, true, b.toString(), m, m, folded ? ScalarStyle.FOLDED : ScalarStyle.LITERAL);
    }
}
