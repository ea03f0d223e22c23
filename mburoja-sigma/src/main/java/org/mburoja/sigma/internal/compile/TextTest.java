package org.mburoja.sigma.internal.compile;

import java.util.ArrayList;
import java.util.List;

/**
 * A compiled test on one text value. The common Sigma shapes (equals, startswith, endswith, contains) get their own
 * classes so the JIT sees simple {@link String} calls; anything else runs a wildcard matcher that is O(n·m) in the
 * worst case and never backtracks exponentially.
 */
public sealed interface TextTest {

    boolean test(String s);

    /**
     * The same answer as {@link #test} on the text of {@code b[from, to)}, bytes of printable ASCII (0x20-0x7F, read
     * as the chars they are), ASCII-lower-cased first when {@code fold} (as {@link Text#fold(String)} does to ASCII),
     * without making either String.
     */
    boolean testAscii(byte[] b, int from, int to, boolean fold);

    /** {@code b[i]} as a char, lower-cased when {@code fold}. */
    private static char at(byte[] b, int i, boolean fold) {
        int c = b[i];
        return (char) (fold && c >= 'A' && c <= 'Z' ? c + 32 : c);
    }

    /** Whether {@code b[at, at + v.length())} reads as {@code v} (no bounds check). */
    private static boolean regionAscii(byte[] b, int at, String v, boolean fold) {
        for (int k = 0, m = v.length(); k < m; k++) {
            if (at(b, at + k, fold) != v.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    /** Compiles a glob; the glob must already be folded when the test is case-insensitive. */
    static TextTest of(Glob g) {
        List<Glob.Part> p = g.parts();
        if (p.isEmpty()) {
            return new Equals("");
        }
        if (p.size() == 1 && p.getFirst() instanceof Glob.Lit l) {
            return new Equals(l.text());
        }
        if (p.size() == 1 && p.getFirst() instanceof Glob.Star) {
            return new Anything();
        }
        if (p.size() == 2 && p.get(0) instanceof Glob.Lit l && p.get(1) instanceof Glob.Star) {
            return new Prefix(l.text());
        }
        if (p.size() == 2 && p.get(0) instanceof Glob.Star && p.get(1) instanceof Glob.Lit l) {
            return new Suffix(l.text());
        }
        if (p.size() == 3 && p.get(0) instanceof Glob.Star && p.get(1) instanceof Glob.Lit l && p.get(2) instanceof Glob.Star) {
            return new Contains(l.text());
        }
        return Wildcard.of(g);
    }

    record Equals(String value) implements TextTest {
        public boolean test(String s) {
            return s.equals(value);
        }

        public boolean testAscii(byte[] b, int from, int to, boolean fold) {
            return to - from == value.length() && regionAscii(b, from, value, fold);
        }
    }

    record Prefix(String value) implements TextTest {
        public boolean test(String s) {
            return s.startsWith(value);
        }

        public boolean testAscii(byte[] b, int from, int to, boolean fold) {
            return to - from >= value.length() && regionAscii(b, from, value, fold);
        }
    }

    record Suffix(String value) implements TextTest {
        public boolean test(String s) {
            return s.endsWith(value);
        }

        public boolean testAscii(byte[] b, int from, int to, boolean fold) {
            return to - from >= value.length() && regionAscii(b, to - value.length(), value, fold);
        }
    }

    record Contains(String value) implements TextTest {
        public boolean test(String s) {
            return s.contains(value);
        }

        public boolean testAscii(byte[] b, int from, int to, boolean fold) {
            int m = value.length();
            if (m == 0) {
                return true;
            }
            char first = value.charAt(0);
            if (first >= 128) {
                return false; // ASCII text never holds it
            }
            for (int i = from, last = to - m; i <= last; i++) {
                if (at(b, i, fold) == first && rest(b, i, fold)) {
                    return true;
                }
            }
            return false;
        }

        private boolean rest(byte[] b, int i, boolean fold) {
            for (int k = 1, m = value.length(); k < m; k++) {
                if (at(b, i + k, fold) != value.charAt(k)) {
                    return false;
                }
            }
            return true;
        }
    }

    record Anything() implements TextTest {
        public boolean test(String s) {
            return true;
        }

        public boolean testAscii(byte[] b, int from, int to, boolean fold) {
            return true;
        }
    }

    /** The general case: codes are chars (>= 0), -1 for *, -2 for ?, -(3 + k) for choice k. */
    record Wildcard(int[] codes, String[] choices) implements TextTest {

        static Wildcard of(Glob g) {
            List<Integer> codes = new ArrayList<>();
            List<String> choices = new ArrayList<>();
            for (Glob.Part part : g.parts()) {
                switch (part) {
                    case Glob.Lit l -> l.text().chars().forEach(codes::add);
                    case Glob.Star s -> codes.add(-1);
                    case Glob.One o -> codes.add(-2);
                    case Glob.Choice c -> {
                        codes.add(-(3 + choices.size()));
                        choices.add(c.chars());
                    }
                }
            }
            return new Wildcard(codes.stream().mapToInt(Integer::intValue).toArray(), choices.toArray(String[]::new));
        }

        public boolean test(String s) {
            int si = 0;
            int pi = 0;
            int starP = -1;
            int starS = 0;
            int n = s.length();
            while (si < n) {
                if (pi < codes.length && codes[pi] != -1 && one(codes[pi], s.charAt(si))) {
                    // ? is one character: both halves of a surrogate pair (an emoji), as in a regex engine
                    si += codes[pi] == -2 && Character.isHighSurrogate(s.charAt(si)) && si + 1 < n
                            && Character.isLowSurrogate(s.charAt(si + 1)) ? 2 : 1;
                    pi++;
                } else if (pi < codes.length && codes[pi] == -1) {
                    starP = pi++;
                    starS = si;
                } else if (starP >= 0) {
                    pi = starP + 1;
                    si = ++starS;
                } else {
                    return false;
                }
            }
            while (pi < codes.length && codes[pi] == -1) {
                pi++;
            }
            return pi == codes.length;
        }

        public boolean testAscii(byte[] b, int from, int to, boolean fold) {
            int si = from;
            int pi = 0;
            int starP = -1;
            int starS = 0;
            while (si < to) {
                if (pi < codes.length && codes[pi] != -1 && one(codes[pi], at(b, si, fold))) {
                    si++;
                    pi++;
                } else if (pi < codes.length && codes[pi] == -1) {
                    starP = pi++;
                    starS = si;
                } else if (starP >= 0) {
                    pi = starP + 1;
                    si = ++starS;
                } else {
                    return false;
                }
            }
            while (pi < codes.length && codes[pi] == -1) {
                pi++;
            }
            return pi == codes.length;
        }

        private boolean one(int code, char c) {
            if (code >= 0) {
                return code == c;
            }
            if (code == -2) {
                return true;
            }
            return choices[-code - 3].indexOf(c) >= 0;
        }
    }
}
