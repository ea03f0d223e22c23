package org.mburoja.sigma.internal.compile;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A regular-expression matcher whose time is linear in the text (a Pike VM: all NFA threads advance together, each
 * program position at most once per character), so no rule can make an event cost more than
 * O(text length × program size). It covers the flavour the Sigma modifiers appendix defines (literals, {@code .},
 * {@code ^ $}, {@code * + ? {n,m}} and lazy forms, classes, groups, alternation) plus the usual escapes
 * ({@code \d \w \s \b}, {@code \xHH}, ...) and a leading {@code (?i)}/{@code (?s)}/{@code (?m)}. Anything else
 * (back-references, look-around, possessive quantifiers, named groups) makes {@link #compile} return null and the
 * caller falls back to the step-bounded {@link BoundedRegex}.
 */
public final class LinearRegex implements RegexMatcher {

    private static final int MAX_PROGRAM = 20_000;

    // opcodes
    private static final int CHAR = 0;
    private static final int ANY = 1;
    private static final int CLASS = 2;
    private static final int SPLIT = 3;
    private static final int JMP = 4;
    private static final int MATCH = 5;
    private static final int BOL = 6;
    private static final int EOL = 7;
    private static final int WORDB = 8;
    private static final int NWORDB = 9;
    private static final int BOT = 10;
    private static final int EOT = 11;
    /** Literal kinds other than exact (see {@link RegexSyntax.Lit}). */
    private static final int CHAR_ASCII_FOLD = 12;
    private static final int CHAR_SLICE_FOLD = 13;
    private static final int CHAR_SINGLE_FOLD = 14;

    private final int[] op;
    private final int[] arg;
    private final int[] arg2;
    private final CharClass[] classes;
    private final boolean ignoreCase;
    private final boolean multiline;
    private final boolean dotAll;
    /** Whether no match may start at the low half of a surrogate pair ({@link RegexSyntax#startsOnCodePoints}). */
    private final boolean startsOnCodePoints;
    private final String[] literals;
    /** The fewest characters any match consumes: shorter text cannot match, so the VM is not started. */
    private final int minLength;
    private final boolean[] canStart;
    /** Whether the program has no assertion, so {@link #find} may run it as a lazily built DFA. */
    private final boolean dfaable;
    /** Each thread's DFA of this program (its states are built as texts need them). */
    private final ThreadLocal<Dfa> dfa = ThreadLocal.withInitial(Dfa::new);

    private LinearRegex(int[] op, int[] arg, int[] arg2, CharClass[] classes, boolean ignoreCase, boolean multiline,
                        boolean dotAll, String[] literals, boolean startsOnCodePoints) {
        this.literals = literals;
        this.startsOnCodePoints = startsOnCodePoints;
        this.op = op;
        this.arg = arg;
        this.arg2 = arg2;
        this.classes = classes;
        this.ignoreCase = ignoreCase;
        this.multiline = multiline;
        this.dotAll = dotAll;
        this.minLength = minLength(op, arg, arg2);
        this.canStart = startChars();
        boolean plain = true;
        for (int o : op) {
            if (o == BOL || o == EOL || o == WORDB || o == NWORDB || o == BOT || o == EOT) {
                plain = false;
                break;
            }
        }
        this.dfaable = plain;
    }

    /**
     * ASCII characters a match can start with, or null when unknown (the pattern may start with an assertion or
     * match the empty string). While no thread is alive the search jumps to the next such character instead of
     * starting a thread at every position; non-ASCII characters always stop the jump.
     */
    private boolean[] startChars() {
        boolean[] seen = new boolean[op.length];
        java.util.ArrayDeque<Integer> todo = new java.util.ArrayDeque<>();
        java.util.List<Integer> consumers = new java.util.ArrayList<>();
        todo.add(0);
        while (!todo.isEmpty()) {
            int pc = todo.poll();
            if (pc >= op.length || seen[pc]) {
                continue;
            }
            seen[pc] = true;
            switch (op[pc]) {
                case JMP -> todo.add(arg[pc]);
                case SPLIT -> {
                    todo.add(arg[pc]);
                    todo.add(arg2[pc]);
                }
                case CHAR, CHAR_ASCII_FOLD, CHAR_SLICE_FOLD, CHAR_SINGLE_FOLD, ANY, CLASS -> consumers.add(pc);
                default -> {
                    return null;
                }
            }
        }
        boolean[] out = new boolean[128];
        for (int c = 0; c < 128; c++) {
            for (int pc : consumers) {
                if (accepts(pc, (char) c)) {
                    out[c] = true;
                    break;
                }
            }
        }
        return out;
    }

    private boolean accepts(int pc, char c) {
        return switch (op[pc]) {
            case CHAR -> c == arg[pc];
            case CHAR_ASCII_FOLD -> (c >= 'A' && c <= 'Z' ? c + 32 : c) == arg[pc];
            case CHAR_SLICE_FOLD -> RegexSyntax.lowerOfUpper(c) == arg[pc];
            case CHAR_SINGLE_FOLD -> c == arg[pc] || RegexSyntax.lowerOfUpper(c) == arg[pc];
            case ANY -> dotAll || !lineTerminator(c);
            case CLASS -> classes[arg[pc]].matches(c);
            default -> false;
        };
    }

    /**
     * Whether the instruction accepts a supplementary code point (a surrogate pair of the text, which
     * java.util.regex reads as one character): no literal does (patterns with surrogates are unsupported), any
     * character does, and a class does when negated.
     */
    private boolean acceptsSupplementary(int pc, int cp) {
        return switch (op[pc]) {
            case ANY -> true;
            case CLASS -> classes[arg[pc]].matchesCodePoint(cp);
            default -> false;
        };
    }

    /**
     * Shortest path from the first instruction to MATCH, counting one per character-consuming instruction (a 0-1
     * breadth-first search over the program). SigmaHQ has regexes needing 80 characters that otherwise ran the VM
     * over every short command line.
     */
    static int minLength(int[] op, int[] arg, int[] arg2) {
        int n = op.length;
        int[] dist = new int[n];
        java.util.Arrays.fill(dist, Integer.MAX_VALUE);
        java.util.ArrayDeque<Integer> deque = new java.util.ArrayDeque<>();
        dist[0] = 0;
        deque.add(0);
        while (!deque.isEmpty()) {
            int pc = deque.pollFirst();
            int d = dist[pc];
            switch (op[pc]) {
                case MATCH -> {
                    return d;
                }
                case JMP -> relax(dist, deque, arg[pc], d, false);
                case SPLIT -> {
                    relax(dist, deque, arg[pc], d, false);
                    relax(dist, deque, arg2[pc], d, false);
                }
                case BOL, EOL, WORDB, NWORDB, BOT, EOT -> relax(dist, deque, pc + 1, d, false);
                default -> relax(dist, deque, pc + 1, d + 1, true);
            }
        }
        return 0;
    }

    private static void relax(int[] dist, java.util.ArrayDeque<Integer> deque, int pc, int d, boolean last) {
        if (pc < dist.length && d < dist[pc]) {
            dist[pc] = d;
            if (last) {
                deque.addLast(pc);
            } else {
                deque.addFirst(pc);
            }
        }
    }

    /** The linear matcher for {@code pattern}, or null when it uses a construct outside the supported subset. */
    public static LinearRegex compile(String pattern, int flags) {
        try {
            if ((flags & ~(Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.MULTILINE | Pattern.DOTALL)) != 0) {
                return null; // e.g. UNICODE_CHARACTER_CLASS, COMMENTS: meanings this parser does not know
            }
            RegexSyntax.Parsed p = RegexSyntax.parse(pattern, (flags & Pattern.CASE_INSENSITIVE) != 0,
                    (flags & Pattern.UNICODE_CASE) != 0, (flags & Pattern.MULTILINE) != 0, (flags & Pattern.DOTALL) != 0);
            if (p == null) {
                return null;
            }
            Emitter e = new Emitter();
            e.emit(p.root());
            e.add(MATCH, 0, 0);
            if (e.size() > MAX_PROGRAM) {
                return null;
            }
            java.util.Set<String> lits = RegexSyntax.requiredLiterals(p.root(), p.ignoreCase());
            String[] required = lits == null || lits.stream().anyMatch(l -> l.length() < 2) ? null : lits.toArray(String[]::new);
            return new LinearRegex(e.ops(), e.args(), e.args2(), e.classes.toArray(CharClass[]::new), p.ignoreCase(),
                    p.multiline(), p.dotAll(), required, RegexSyntax.startsOnCodePoints(p.root()));
        } catch (RegexSyntax.Unsupported | TooLarge e) {
            return null;
        }
    }

    /** Literals one of which any match contains (case-folded when the pattern ignores case), or null. */
    public String[] requiredLiterals() {
        return literals;
    }

    @Override
    public boolean find(String s, EventContext ctx) {
        if (s.length() < minLength) {
            return false;
        }
        if (literals != null) {
            String text = ignoreCase ? Text.fold(s) : s;
            boolean any = false;
            for (String l : literals) {
                if (text.contains(l)) {
                    any = true;
                    break;
                }
            }
            if (!any) {
                return false;
            }
        }
        if (dfaable) {
            int r = dfa.get().find(s);
            if (r >= 0) {
                return r == 1;
            }
            // too many states for this text: the VM below
        }
        return pike(s);
    }

    /** The Pike VM: the reference the DFA is held to. */
    boolean pike(String s) {
        int n = op.length;
        int[] clist = new int[n];
        int[] nlist = new int[n];
        int[] pair = new int[n];
        int[] mark = new int[n];
        int[] stack = new int[n * 2 + 2];
        int gen = 1;
        int ccount = 0;
        int len = s.length();
        for (int i = 0; i <= len; i++) {
            if (ccount == 0 && canStart != null) {
                int from = i;
                while (i < len) {
                    char c = s.charAt(i);
                    if (c >= 128 || canStart[c]) {
                        break;
                    }
                    i++;
                }
                if (i != from) {
                    gen++;
                }
            }
            // start a new thread at every position: unanchored search
            ccount = add(clist, ccount, 0, s, i, mark, gen, stack);
            if (ccount < 0) {
                return true;
            }
            if (i == len) {
                break;
            }
            char c = s.charAt(i);
            int ncount;
            if (Character.isHighSurrogate(c) && i + 1 < len && Character.isLowSurrogate(s.charAt(i + 1))) {
                // a supplementary character: the threads here consume both chars, as java.util.regex does; a thread
                // started between them reads the low surrogate alone (java.util.regex starts at every char unless
                // the pattern has a test that can accept a supplementary character)
                int cp = Character.toCodePoint(c, s.charAt(i + 1));
                gen++;
                int mid = startsOnCodePoints ? 0 : add(pair, 0, 0, s, i + 1, mark, gen, stack);
                if (mid < 0) {
                    return true;
                }
                gen++;
                ncount = step(clist, ccount, nlist, 0, cp, true, s, i + 2, mark, gen, stack);
                if (ncount >= 0) {
                    ncount = step(pair, mid, nlist, ncount, s.charAt(i + 1), false, s, i + 2, mark, gen, stack);
                }
                i++; // the loop's i++ passes the low surrogate
            } else {
                gen++;
                ncount = step(clist, ccount, nlist, 0, c, false, s, i + 1, mark, gen, stack);
            }
            if (ncount < 0) {
                return true;
            }
            int[] t = clist;
            clist = nlist;
            nlist = t;
            ccount = ncount;
        }
        return false;
    }

    /**
     * Advances the {@code count} threads of {@code from} over character {@code c} (a supplementary code point when
     * {@code whole}) into {@code to}, which holds {@code n} already, at position {@code at}; -1 when MATCH is reached.
     */
    private int step(int[] from, int count, int[] to, int n, int c, boolean whole, String s, int at, int[] mark,
                     int gen, int[] stack) {
        for (int k = 0; k < count; k++) {
            int pc = from[k];
            if (whole ? acceptsSupplementary(pc, c) : accepts(pc, (char) c)) {
                n = add(to, n, pc + 1, s, at, mark, gen, stack);
                if (n < 0) {
                    return -1;
                }
            }
        }
        return n;
    }

    /** Adds the thread at {@code start} and its epsilon closure at position {@code i}; -1 when MATCH is reached. */
    private int add(int[] list, int count, int start, String s, int i, int[] mark, int gen, int[] stack) {
        int sp = 0;
        stack[sp++] = start;
        while (sp > 0) {
            int pc = stack[--sp];
            if (mark[pc] == gen) {
                continue;
            }
            mark[pc] = gen;
            switch (op[pc]) {
                case JMP -> stack[sp++] = arg[pc];
                case SPLIT -> {
                    stack[sp++] = arg2[pc];
                    stack[sp++] = arg[pc];
                }
                case MATCH -> {
                    return -1;
                }
                case BOL, EOL, WORDB, NWORDB, BOT, EOT -> {
                    if (holds(op[pc], s, i)) {
                        stack[sp++] = pc + 1;
                    }
                }
                default -> list[count++] = pc;
            }
        }
        return count;
    }

    private boolean holds(int kind, String s, int i) {
        int n = s.length();
        return switch (kind) {
            // java.util.regex: in MULTILINE mode ^ never matches at the end of the text, not even of an empty one
            case BOL -> multiline ? i < n && (i == 0 || lineTerminator(s.charAt(i - 1))
                    && !(s.charAt(i - 1) == '\r' && s.charAt(i) == '\n')) : i == 0;
            case EOL -> multiline
                    ? i == n || (lineTerminator(s.charAt(i)) && !(s.charAt(i) == '\n' && i > 0 && s.charAt(i - 1) == '\r'))
                    : i == n || (i == n - 1 && lineTerminator(s.charAt(i)) && !(s.charAt(i) == '\n' && i > 0 && s.charAt(i - 1) == '\r'))
                    || (i == n - 2 && s.charAt(i) == '\r' && s.charAt(i + 1) == '\n');
            case BOT -> i == 0;
            case EOT -> i == n;
            case WORDB, NWORDB -> {
                boolean before = i > 0 && wordAt(s, Character.codePointBefore(s, i), i - 1);
                boolean after = i < n && wordAt(s, Character.codePointAt(s, i), i);
                yield (before != after) == (kind == WORDB);
            }
            default -> false;
        };
    }

    static boolean lineTerminator(char c) {
        return c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029';
    }

    /**
     * A word character for {@code \\b} as java.util.regex (JDK 19 and later) decides it without
     * {@code UNICODE_CHARACTER_CLASS}: an ASCII letter, digit or underscore, or a non-spacing mark whose base
     * (the first character before it that is not such a mark, read from {@code at}) is a letter or digit of any
     * script. So "ë" is not a word character, and "e" followed by U+0308 is one word.
     */
    static boolean wordAt(String s, int cp, int at) {
        if (cp < 128) {
            return cp == '_' || cp >= 'a' && cp <= 'z' || cp >= 'A' && cp <= 'Z' || cp >= '0' && cp <= '9';
        }
        if (Character.getType(cp) != Character.NON_SPACING_MARK) {
            return false;
        }
        for (int x = at; x >= 0; x--) {
            int ch = Character.codePointAt(s, x);
            if (Character.isLetterOrDigit(ch)) {
                return true;
            }
            if (Character.getType(ch) != Character.NON_SPACING_MARK) {
                return false;
            }
        }
        return false;
    }

    /** Whether {@link #find} runs the program as a DFA (it has no assertion); for tests. */
    boolean usesDfa() {
        return dfaable;
    }

    /**
     * The program run as a DFA built lazily, one thread's: a DFA state is the set of the VM's character-consuming
     * instructions alive after a position (the start thread included, as the VM adds it at every position), so a
     * text is decided in one table load per ASCII character instead of a step of every live thread. It gives the
     * VM's answer by construction (the same sets, visited in the same order); non-ASCII characters compute their
     * step each time (the resulting state is still shared). At most {@value #MAX_STATES} states: a text that needs
     * more is left to the VM.
     */
    private final class Dfa {
        static final int MAX_STATES = 512;
        private static final int UNKNOWN = -1;
        private static final int MATCHED = -2;

        private final java.util.HashMap<Key, Integer> ids = new java.util.HashMap<>();
        private final List<int[]> sets = new ArrayList<>();
        /** trans[state * 128 + c]: the next state on ASCII {@code c}, UNKNOWN, or MATCHED. */
        private int[] trans = new int[0];
        /** The start state, or MATCHED when the program matches the empty text. */
        private final int start;
        private final int[] list = new int[op.length];
        private final int[] mark = new int[op.length];
        private final int[] stack = new int[op.length * 2 + 2];
        private int gen;

        Dfa() {
            gen++;
            int count = add(list, 0, 0, "", 0, mark, gen, stack);
            start = count < 0 ? MATCHED : intern(java.util.Arrays.copyOf(list, count));
        }

        /** 1: a match, 0: none, -1: the state limit was reached. */
        int find(String s) {
            int state = start;
            if (state == MATCHED) {
                return 1;
            }
            int[] t = trans;
            for (int i = 0, n = s.length(); i < n; i++) {
                char c = s.charAt(i);
                int next;
                if (c < 128) {
                    next = t[state * 128 + c];
                    if (next == UNKNOWN) {
                        next = step(state, c);
                        if (next == UNKNOWN) {
                            return -1;
                        }
                        t = trans; // may have grown
                        t[state * 128 + c] = next;
                    }
                } else {
                    if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                        return -1; // a supplementary character is one step of two chars: the VM's
                    }
                    next = step(state, c);
                    if (next == UNKNOWN) {
                        return -1;
                    }
                    t = trans;
                }
                if (next == MATCHED) {
                    return 1;
                }
                state = next;
            }
            return 0;
        }

        /** The state after {@code c}: the live instructions that accept it, advanced, plus the start thread. */
        private int step(int state, char c) {
            int[] from = sets.get(state);
            if (++gen == Integer.MAX_VALUE) {
                java.util.Arrays.fill(mark, 0);
                gen = 1;
            }
            int count = 0;
            for (int pc : from) {
                if (accepts(pc, c)) {
                    count = add(list, count, pc + 1, "", 0, mark, gen, stack);
                    if (count < 0) {
                        return MATCHED;
                    }
                }
            }
            count = add(list, count, 0, "", 0, mark, gen, stack);
            if (count < 0) {
                return MATCHED;
            }
            int[] set = java.util.Arrays.copyOf(list, count);
            java.util.Arrays.sort(set);
            Integer id = ids.get(new Key(set));
            if (id != null) {
                return id;
            }
            if (sets.size() >= MAX_STATES) {
                return UNKNOWN;
            }
            return intern(set);
        }

        private int intern(int[] set) {
            java.util.Arrays.sort(set);
            Integer known = ids.get(new Key(set));
            if (known != null) {
                return known;
            }
            int id = sets.size();
            sets.add(set);
            ids.put(new Key(set), id);
            if ((id + 1) * 128 > trans.length) {
                int[] grown = java.util.Arrays.copyOf(trans, Math.min(MAX_STATES, Math.max(8, id * 2)) * 128);
                java.util.Arrays.fill(grown, trans.length, grown.length, UNKNOWN);
                trans = grown;
            }
            return id;
        }
    }

    /** A set of instructions as a map key. */
    private record Key(int[] pcs) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && java.util.Arrays.equals(pcs, k.pcs);
        }

        @Override
        public int hashCode() {
            return java.util.Arrays.hashCode(pcs);
        }
    }

    private static final class TooLarge extends RuntimeException {
        TooLarge() {
            super(null, null, false, false);
        }
    }

    /** Thompson construction of the parsed tree into a flat program. */
    private static final class Emitter {
        private int[] ops = new int[64];
        private int[] args = new int[64];
        private int[] args2 = new int[64];
        private int size;
        final List<CharClass> classes = new ArrayList<>();

        int add(int o, int a, int b) {
            if (size >= MAX_PROGRAM) {
                throw new TooLarge();
            }
            if (size == ops.length) {
                ops = java.util.Arrays.copyOf(ops, size * 2);
                args = java.util.Arrays.copyOf(args, size * 2);
                args2 = java.util.Arrays.copyOf(args2, size * 2);
            }
            ops[size] = o;
            args[size] = a;
            args2[size] = b;
            return size++;
        }

        int size() {
            return size;
        }

        int[] ops() {
            return java.util.Arrays.copyOf(ops, size);
        }

        int[] args() {
            return java.util.Arrays.copyOf(args, size);
        }

        int[] args2() {
            return java.util.Arrays.copyOf(args2, size);
        }

        void emit(RegexSyntax.Node node) {
            switch (node) {
                case RegexSyntax.Lit l -> add(switch (l.kind()) {
                    case RegexSyntax.ASCII_FOLD -> CHAR_ASCII_FOLD;
                    case RegexSyntax.SLICE_FOLD -> CHAR_SLICE_FOLD;
                    case RegexSyntax.SINGLE_FOLD -> CHAR_SINGLE_FOLD;
                    default -> CHAR;
                }, l.c(), 0);
                case RegexSyntax.Any a -> add(ANY, 0, 0);
                case RegexSyntax.Cls c -> {
                    classes.add(c.cls());
                    add(CLASS, classes.size() - 1, 0);
                }
                case RegexSyntax.Assert a -> add(switch (a.kind()) {
                    case '^' -> BOL;
                    case '$' -> EOL;
                    case 'b' -> WORDB;
                    case 'B' -> NWORDB;
                    case 'A' -> BOT;
                    default -> EOT;
                }, 0, 0);
                case RegexSyntax.Cat c -> c.items().forEach(this::emit);
                case RegexSyntax.Alt a -> {
                    List<Integer> jumps = new ArrayList<>();
                    for (int k = 0; k < a.items().size(); k++) {
                        if (k < a.items().size() - 1) {
                            int split = add(SPLIT, 0, 0);
                            args[split] = size;
                            emit(a.items().get(k));
                            jumps.add(add(JMP, 0, 0));
                            args2[split] = size;
                        } else {
                            emit(a.items().get(k));
                        }
                    }
                    for (int j : jumps) {
                        args[j] = size;
                    }
                }
                case RegexSyntax.Repeat r -> {
                    for (int k = 0; k < r.min(); k++) {
                        emit(r.item());
                    }
                    if (r.max() < 0) {
                        int split = add(SPLIT, 0, 0);
                        args[split] = size;
                        emit(r.item());
                        add(JMP, split, 0);
                        args2[split] = size;
                    } else {
                        List<Integer> splits = new ArrayList<>();
                        for (int k = r.min(); k < r.max(); k++) {
                            int split = add(SPLIT, 0, 0);
                            args[split] = size;
                            splits.add(split);
                            emit(r.item());
                        }
                        for (int sp : splits) {
                            args2[sp] = size;
                        }
                    }
                }
            }
        }
    }
}
