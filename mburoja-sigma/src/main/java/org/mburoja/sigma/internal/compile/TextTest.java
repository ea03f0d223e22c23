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
    }

    record Prefix(String value) implements TextTest {
        public boolean test(String s) {
            return s.startsWith(value);
        }
    }

    record Suffix(String value) implements TextTest {
        public boolean test(String s) {
            return s.endsWith(value);
        }
    }

    record Contains(String value) implements TextTest {
        public boolean test(String s) {
            return s.contains(value);
        }
    }

    record Anything() implements TextTest {
        public boolean test(String s) {
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
