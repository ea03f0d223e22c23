package org.mburoja.sigma.internal.compile;

/** A compiled {@code |re} value: linear-time ({@link LinearRegex}) when the pattern allows, else step-bounded. */
public interface RegexMatcher {

    /** Whether the pattern occurs in {@code s}. */
    boolean find(String s, EventContext ctx);

    /** The linear-time matcher when the pattern is in the subset it handles, else the bounded backtracking one. */
    static RegexMatcher of(java.util.regex.Pattern pattern, int budgetFactor) {
        LinearRegex linear = LinearRegex.compile(pattern.pattern(), pattern.flags());
        return linear != null ? linear : new BoundedRegex(pattern, budgetFactor);
    }
}
