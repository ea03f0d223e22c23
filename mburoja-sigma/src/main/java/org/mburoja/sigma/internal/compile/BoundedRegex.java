package org.mburoja.sigma.internal.compile;

import java.util.regex.Pattern;

/**
 * A {@code |re} value run by {@link java.util.regex} with a step budget: the text is wrapped in a
 * {@link CharSequence} that counts reads and aborts past {@code budget}. Java's engine backtracks, so a pathological
 * rule on a hostile event could otherwise run for minutes; with the budget a match attempt costs at most
 * {@code budget} character reads (default 100 × length + 10,000) and is reported as "no match" plus a counter.
 * RE2/J (linear time) is not available from our registry, which is why the budget exists.
 */
public final class BoundedRegex implements RegexMatcher {

    private final Pattern pattern;
    private final int factor;

    public BoundedRegex(Pattern pattern, int factor) {
        this.pattern = pattern;
        this.factor = factor;
    }

    public Pattern pattern() {
        return pattern;
    }

    /** Whether the pattern is found in {@code s}; false (and counted in {@code ctx}) when the budget runs out. */
    @Override
    public boolean find(String s, EventContext ctx) {
        long budget = (long) factor * s.length() + 10_000L;
        try {
            return pattern.matcher(new Counted(s, budget)).find();
        } catch (BudgetExceeded | StackOverflowError e) {
            if (ctx != null) {
                ctx.regexAborted();
            }
            return false;
        }
    }

    static final class BudgetExceeded extends RuntimeException {
        BudgetExceeded() {
            super(null, null, false, false);
        }
    }

    private static final class Counted implements CharSequence {
        private final String s;
        private long left;

        Counted(String s, long budget) {
            this.s = s;
            this.left = budget;
        }

        @Override
        public int length() {
            return s.length();
        }

        @Override
        public char charAt(int index) {
            if (--left < 0) {
                throw new BudgetExceeded();
            }
            return s.charAt(index);
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return s.subSequence(start, end);
        }

        @Override
        public String toString() {
            return s;
        }
    }
}
