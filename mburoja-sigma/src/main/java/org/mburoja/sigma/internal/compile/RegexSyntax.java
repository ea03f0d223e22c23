package org.mburoja.sigma.internal.compile;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses the regular-expression subset {@link LinearRegex} runs. Patterns reach it only after
 * {@link java.util.regex.Pattern} accepted them, so it need not explain syntax errors: anything it does not know
 * throws {@link Unsupported} and the caller falls back to the bounded backtracking engine.
 */
final class RegexSyntax {

    sealed interface Node {
    }

    record Lit(char c) implements Node {
    }

    record Any() implements Node {
    }

    record Cls(CharClass cls) implements Node {
    }

    /** {@code ^ $} and {@code b B A z} (word boundary, not, begin and end of text). */
    record Assert(char kind) implements Node {
    }

    record Cat(List<Node> items) implements Node {
    }

    record Alt(List<Node> items) implements Node {
    }

    /** max &lt; 0: unbounded. */
    record Repeat(Node item, int min, int max) implements Node {
    }

    record Parsed(Node root, boolean ignoreCase, boolean multiline, boolean dotAll) {
    }

    static final class Unsupported extends RuntimeException {
        Unsupported() {
            super(null, null, false, false);
        }
    }

    private static final char[] DIGIT = {'0', '9'};
    private static final char[] WORD = {'a', 'z', 'A', 'Z', '0', '9', '_', '_'};
    private static final char[] SPACE = {' ', ' ', '\t', '\r', '\u000B', '\u000B', '\f', '\f'};

    private final String p;
    private int i;
    private boolean ignoreCase;

    private RegexSyntax(String p, boolean ignoreCase) {
        this.p = p;
        this.ignoreCase = ignoreCase;
    }

    static Parsed parse(String pattern, boolean ignoreCase, boolean multiline, boolean dotAll) {
        RegexSyntax s = new RegexSyntax(pattern, ignoreCase);
        while (s.p.startsWith("(?", s.i) && s.i + 2 < s.p.length() && "ims".indexOf(s.p.charAt(s.i + 2)) >= 0) {
            int close = s.p.indexOf(')', s.i);
            if (close < 0) {
                throw new Unsupported();
            }
            for (char f : s.p.substring(s.i + 2, close).toCharArray()) {
                switch (f) {
                    case 'i' -> s.ignoreCase = true;
                    case 'm' -> multiline = true;
                    case 's' -> dotAll = true;
                    default -> throw new Unsupported();
                }
            }
            s.i = close + 1;
        }
        Node root = s.alt();
        if (s.i != s.p.length()) {
            throw new Unsupported();
        }
        return new Parsed(root, s.ignoreCase, multiline, dotAll);
    }

    private Node alt() {
        List<Node> items = new ArrayList<>();
        items.add(cat());
        while (i < p.length() && p.charAt(i) == '|') {
            i++;
            items.add(cat());
        }
        return items.size() == 1 ? items.getFirst() : new Alt(items);
    }

    private Node cat() {
        List<Node> items = new ArrayList<>();
        while (i < p.length() && p.charAt(i) != '|' && p.charAt(i) != ')') {
            items.add(repeat());
        }
        return items.size() == 1 ? items.getFirst() : new Cat(items);
    }

    private Node repeat() {
        Node atom = atom();
        while (i < p.length()) {
            char c = p.charAt(i);
            int min;
            int max;
            if (c == '*') {
                min = 0;
                max = -1;
                i++;
            } else if (c == '+') {
                min = 1;
                max = -1;
                i++;
            } else if (c == '?') {
                min = 0;
                max = 1;
                i++;
            } else if (c == '{') {
                int close = p.indexOf('}', i);
                if (close < 0) {
                    throw new Unsupported();
                }
                String body = p.substring(i + 1, close);
                int comma = body.indexOf(',');
                try {
                    if (comma < 0) {
                        min = max = Integer.parseInt(body);
                    } else {
                        min = Integer.parseInt(body.substring(0, comma));
                        max = comma == body.length() - 1 ? -1 : Integer.parseInt(body.substring(comma + 1));
                    }
                } catch (NumberFormatException e) {
                    throw new Unsupported();
                }
                if (min > 1000 || max > 1000) {
                    throw new Unsupported();
                }
                i = close + 1;
            } else {
                break;
            }
            if (i < p.length() && p.charAt(i) == '?') {
                i++;
            } else if (i < p.length() && p.charAt(i) == '+') {
                throw new Unsupported();
            }
            atom = new Repeat(atom, min, max);
        }
        return atom;
    }

    private Node atom() {
        char c = p.charAt(i++);
        switch (c) {
            case '(' -> {
                if (i < p.length() && p.charAt(i) == '?') {
                    if (p.startsWith("?:", i)) {
                        i += 2;
                    } else {
                        throw new Unsupported();
                    }
                }
                Node inner = alt();
                if (i >= p.length() || p.charAt(i) != ')') {
                    throw new Unsupported();
                }
                i++;
                return inner;
            }
            case '[' -> {
                return new Cls(charClass());
            }
            case '.' -> {
                return new Any();
            }
            case '^', '$' -> {
                return new Assert(c);
            }
            case '\\' -> {
                return escape();
            }
            default -> {
                return lit(c);
            }
        }
    }

    private Node lit(char c) {
        return new Lit(ignoreCase ? Text.fold(c) : c);
    }

    private Node escape() {
        if (i >= p.length()) {
            throw new Unsupported();
        }
        char c = p.charAt(i++);
        return switch (c) {
            case 'd' -> new Cls(new CharClass(DIGIT, false));
            case 'D' -> new Cls(new CharClass(DIGIT, true));
            case 'w' -> new Cls(new CharClass(WORD, false));
            case 'W' -> new Cls(new CharClass(WORD, true));
            case 's' -> new Cls(new CharClass(SPACE, false));
            case 'S' -> new Cls(new CharClass(SPACE, true));
            case 'b', 'B', 'A', 'z' -> new Assert(c);
            default -> lit(simpleEscape(c));
        };
    }

    /** Escapes that stand for one character; letters and digits with other meanings are unsupported. */
    private char simpleEscape(char c) {
        switch (c) {
            case 't':
                return '\t';
            case 'n':
                return '\n';
            case 'r':
                return '\r';
            case 'f':
                return '\f';
            case 'a':
                return '\u0007';
            case 'e':
                return '\u001B';
            case 'x':
                return hex(2);
            case 'u':
                return hex(4);
            default:
                if (Character.isLetterOrDigit(c) || c > 127) {
                    throw new Unsupported();
                }
                return c;
        }
    }

    private char hex(int digits) {
        if (i + digits > p.length()) {
            throw new Unsupported();
        }
        try {
            char v = (char) Integer.parseInt(p.substring(i, i + digits), 16);
            i += digits;
            return v;
        } catch (NumberFormatException e) {
            throw new Unsupported();
        }
    }

    private CharClass charClass() {
        boolean negated = false;
        if (i < p.length() && p.charAt(i) == '^') {
            negated = true;
            i++;
        }
        if (i < p.length() && p.charAt(i) == ']') {
            throw new Unsupported();
        }
        StringBuilder ranges = new StringBuilder();
        while (true) {
            if (i >= p.length()) {
                throw new Unsupported();
            }
            char c = p.charAt(i++);
            if (c == ']') {
                break;
            }
            if (c == '[' || (c == '&' && i < p.length() && p.charAt(i) == '&')) {
                throw new Unsupported();
            }
            char lo;
            if (c == '\\') {
                if (i >= p.length()) {
                    throw new Unsupported();
                }
                char e = p.charAt(i++);
                char[] named = switch (e) {
                    case 'd' -> DIGIT;
                    case 'w' -> WORD;
                    case 's' -> SPACE;
                    default -> null;
                };
                if (named != null) {
                    ranges.append(named);
                    continue;
                }
                if (e == 'D' || e == 'W' || e == 'S' || e == 'b' || e == 'B') {
                    throw new Unsupported();
                }
                lo = simpleEscape(e);
            } else {
                lo = c;
            }
            char hi = lo;
            if (i + 1 < p.length() && p.charAt(i) == '-' && p.charAt(i + 1) != ']') {
                i++;
                char h = p.charAt(i++);
                if (h == '\\') {
                    if (i >= p.length()) {
                        throw new Unsupported();
                    }
                    h = simpleEscape(p.charAt(i++));
                } else if (h == '[') {
                    throw new Unsupported();
                }
                hi = h;
                if (hi < lo) {
                    throw new Unsupported();
                }
            }
            ranges.append(lo).append(hi);
        }
        return new CharClass(ranges.toString().toCharArray(), negated);
    }

    /**
     * Literals one of which every match contains (null when no such set is known): runs of literal characters in a
     * sequence, the union over alternatives, the body of a repetition that happens at least once. The longest run of
     * a sequence is kept, since it filters best.
     */
    static java.util.Set<String> requiredLiterals(Node node) {
        return switch (node) {
            case Lit l -> java.util.Set.of(String.valueOf(l.c()));
            case Repeat r -> r.min() >= 1 ? requiredLiterals(r.item()) : null;
            case Alt a -> {
                java.util.Set<String> out = new java.util.HashSet<>();
                for (Node item : a.items()) {
                    java.util.Set<String> s = requiredLiterals(item);
                    if (s == null) {
                        yield null;
                    }
                    out.addAll(s);
                }
                yield out;
            }
            case Cat c -> {
                java.util.Set<String> best = null;
                StringBuilder run = new StringBuilder();
                for (Node item : c.items()) {
                    if (item instanceof Lit l) {
                        run.append(l.c());
                        continue;
                    }
                    best = better(best, run.isEmpty() ? null : java.util.Set.of(run.toString()));
                    run.setLength(0);
                    best = better(best, requiredLiterals(item));
                }
                yield better(best, run.isEmpty() ? null : java.util.Set.of(run.toString()));
            }
            default -> null;
        };
    }

    private static java.util.Set<String> better(java.util.Set<String> a, java.util.Set<String> b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        int ma = a.stream().mapToInt(String::length).min().orElse(0);
        int mb = b.stream().mapToInt(String::length).min().orElse(0);
        return mb > ma || (mb == ma && b.size() < a.size()) ? b : a;
    }
}
