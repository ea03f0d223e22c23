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

    /**
     * A literal character: {@code raw} as the pattern writes it, {@code c} what the text's character is compared
     * with, the way {@code kind} says ({@link #EXACT}, {@link #ASCII_FOLD}, {@link #SLICE_FOLD},
     * {@link #SINGLE_FOLD}).
     */
    record Lit(char raw, char c, int kind) implements Node {
    }

    /** The text's character equals {@code c}. */
    static final int EXACT = 0;
    /** Its ASCII lower case equals {@code c} ({@code CASE_INSENSITIVE} alone, an ASCII letter). */
    static final int ASCII_FOLD = 1;
    /**
     * {@code toLowerCase(toUpperCase(ch)) == c}: a character of a run of two or more literals under
     * {@code CASE_INSENSITIVE | UNICODE_CASE} (java.util.regex compares such a run as one "slice").
     */
    static final int SLICE_FOLD = 2;
    /**
     * {@code ch == c || toLowerCase(toUpperCase(ch)) == c}: a lone literal with a case under
     * {@code CASE_INSENSITIVE | UNICODE_CASE}; a lone literal without one (ß, digits) is {@link #EXACT}.
     */
    static final int SINGLE_FOLD = 3;

    /** No case folding. */
    static final int CASE_NONE = 0;
    /** {@code CASE_INSENSITIVE} alone: ASCII letters only. */
    static final int CASE_ASCII = 1;
    /** {@code CASE_INSENSITIVE | UNICODE_CASE}. */
    static final int CASE_UNICODE = 2;

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

    record Parsed(Node root, int caseMode, boolean multiline, boolean dotAll) {
        boolean ignoreCase() {
            return caseMode != CASE_NONE;
        }
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
    private final boolean unicodeCase;
    private int caseMode;

    private RegexSyntax(String p, boolean ignoreCase, boolean unicodeCase) {
        this.p = p;
        this.ignoreCase = ignoreCase;
        this.unicodeCase = unicodeCase;
    }

    /**
     * The tree of {@code pattern} compiled with the flags given ({@code unicodeCase}: {@code UNICODE_CASE}, which
     * only matters with {@code ignoreCase} or a leading {@code (?i)}), with java.util.regex's meaning on every
     * text: the same case folding (ASCII only without {@code UNICODE_CASE}), ASCII {@code \d \w \s} and word
     * boundaries. Patterns with surrogate characters are unsupported.
     */
    static Parsed parse(String pattern, boolean ignoreCase, boolean unicodeCase, boolean multiline, boolean dotAll) {
        RegexSyntax s = new RegexSyntax(pattern, ignoreCase, unicodeCase);
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
        s.caseMode = !s.ignoreCase ? CASE_NONE : s.unicodeCase ? CASE_UNICODE : CASE_ASCII;
        Node root = s.alt();
        if (s.i != s.p.length()) {
            throw new Unsupported();
        }
        return new Parsed(root, s.caseMode, multiline, dotAll);
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
        List<Boolean> bare = new ArrayList<>(); // a literal as such, not a group of one
        while (i < p.length() && p.charAt(i) != '|' && p.charAt(i) != ')') {
            bare.add(p.charAt(i) != '(');
            items.add(repeat());
        }
        // java.util.regex reads two or more unquantified literals in a row as one slice, which folds case
        // differently from a lone literal under UNICODE_CASE
        for (int k = 0; k < items.size(); ) {
            int end = k;
            while (end < items.size() && items.get(end) instanceof Lit && bare.get(end)) {
                end++;
            }
            if (end - k >= 2 && caseMode == CASE_UNICODE) {
                for (int j = k; j < end; j++) {
                    char raw = ((Lit) items.get(j)).raw();
                    items.set(j, new Lit(raw, lowerOfUpper(raw), SLICE_FOLD));
                }
            }
            k = Math.max(end, k + 1);
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
                if (comma < 0) {
                    min = max = count(body);
                } else {
                    min = count(body.substring(0, comma));
                    max = comma == body.length() - 1 ? -1 : count(body.substring(comma + 1));
                }
                if (min > 1000 || max > 1000 || max >= 0 && max < min) {
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

    /** A lone literal (a run of them becomes a slice in {@link #cat}). */
    private Node lit(char c) {
        if (Character.isSurrogate(c)) {
            throw new Unsupported(); // java.util.regex matches a supplementary character as one
        }
        return switch (caseMode) {
            case CASE_ASCII -> c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' ? new Lit(c, (char) (c | 0x20), ASCII_FOLD)
                    : new Lit(c, c, EXACT);
            case CASE_UNICODE -> {
                char upper = Character.toUpperCase(c);
                char lower = Character.toLowerCase(upper);
                yield upper != lower ? new Lit(c, lower, SINGLE_FOLD) : new Lit(c, c, EXACT);
            }
            default -> new Lit(c, c, EXACT);
        };
    }

    static char lowerOfUpper(char c) {
        return Character.toLowerCase(Character.toUpperCase(c));
    }

    /** One to four ASCII digits of a repetition count (Integer.parseInt would take "+1", "-1" or "\u0661"). */
    private static int count(String digits) {
        if (digits.isEmpty() || digits.length() > 4) {
            throw new Unsupported();
        }
        int v = 0;
        for (int k = 0; k < digits.length(); k++) {
            char d = digits.charAt(k);
            if (d < '0' || d > '9') {
                throw new Unsupported();
            }
            v = v * 10 + (d - '0');
        }
        return v;
    }

    private Node escape() {
        if (i >= p.length()) {
            throw new Unsupported();
        }
        char c = p.charAt(i++);
        return switch (c) {
            case 'd' -> new Cls(CharClass.named(DIGIT, false));
            case 'D' -> new Cls(CharClass.named(DIGIT, true));
            case 'w' -> new Cls(CharClass.named(WORD, false));
            case 'W' -> new Cls(CharClass.named(WORD, true));
            case 's' -> new Cls(CharClass.named(SPACE, false));
            case 'S' -> new Cls(CharClass.named(SPACE, true));
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
        int v = 0;
        for (int k = 0; k < digits; k++) {
            char d = p.charAt(i + k);
            int h = d >= '0' && d <= '9' ? d - '0' : d >= 'a' && d <= 'f' ? d - 'a' + 10 : d >= 'A' && d <= 'F' ? d - 'A' + 10 : -1;
            if (h < 0) {
                throw new Unsupported(); // only ASCII hex digits, no sign
            }
            v = v << 4 | h;
        }
        i += digits;
        return (char) v;
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
        StringBuilder singles = new StringBuilder();
        StringBuilder ranges = new StringBuilder();
        StringBuilder sets = new StringBuilder();
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
                    sets.append(named);
                    continue;
                }
                if (e == 'D' || e == 'W' || e == 'S' || e == 'b' || e == 'B') {
                    throw new Unsupported();
                }
                lo = simpleEscape(e);
            } else {
                lo = c;
            }
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
                if (h < lo || Character.isSurrogate(lo) || Character.isSurrogate(h) || lo < 0xD800 && h > 0xDFFF) {
                    throw new Unsupported();
                }
                ranges.append(lo).append(h);
            } else {
                if (Character.isSurrogate(lo)) {
                    throw new Unsupported();
                }
                singles.append(lo);
            }
        }
        return new CharClass(singles.toString().toCharArray(), ranges.toString().toCharArray(),
                sets.toString().toCharArray(), caseMode, negated);
    }

    /**
     * Whether java.util.regex would search this tree from code point boundaries only (its {@code StartS}: it
     * skips the low half of a surrogate pair as a starting place), which it does when the pattern has a character
     * test that can accept a supplementary character: a negated class or {@code \\D \\W \\S}, a case-folding
     * range, a lone literal or class member folded under {@code UNICODE_CASE}. Otherwise every char position is
     * a starting place.
     */
    static boolean startsOnCodePoints(Node node) {
        return switch (node) {
            case Lit l -> l.kind() == SINGLE_FOLD;
            case Cls c -> c.cls().negated() || c.cls().caseMode() != CASE_NONE && c.cls().ranges().length > 0
                    || c.cls().caseMode() == CASE_UNICODE && c.cls().anyUnicodeSingle();
            case Cat c -> c.items().stream().anyMatch(RegexSyntax::startsOnCodePoints);
            case Alt a -> a.items().stream().anyMatch(RegexSyntax::startsOnCodePoints);
            case Repeat r -> startsOnCodePoints(r.item());
            default -> false;
        };
    }

    /**
     * Literals one of which every match contains (null when no such set is known): runs of literal characters in a
     * sequence, the union over alternatives, the body of a repetition that happens at least once. The longest run of
     * a sequence is kept, since it filters best.
     */
    static java.util.Set<String> requiredLiterals(Node node, boolean fold) {
        return switch (node) {
            case Lit l -> java.util.Set.of(String.valueOf(fold ? Text.fold(l.raw()) : l.raw()));
            case Repeat r -> r.min() >= 1 ? requiredLiterals(r.item(), fold) : null;
            case Alt a -> {
                java.util.Set<String> out = new java.util.HashSet<>();
                for (Node item : a.items()) {
                    java.util.Set<String> s = requiredLiterals(item, fold);
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
                        run.append(fold ? Text.fold(l.raw()) : l.raw());
                        continue;
                    }
                    best = better(best, run.isEmpty() ? null : java.util.Set.of(run.toString()));
                    run.setLength(0);
                    best = better(best, requiredLiterals(item, fold));
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
