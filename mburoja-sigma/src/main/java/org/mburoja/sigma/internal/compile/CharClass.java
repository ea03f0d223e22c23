package org.mburoja.sigma.internal.compile;

/** A character class of {@link LinearRegex}: ranges (pairs lo, hi), possibly negated. */
record CharClass(char[] ranges, boolean negated) {

    boolean matches(char c, boolean ignoreCase) {
        boolean in = inRanges(c);
        if (!in && ignoreCase) {
            in = inRanges(Character.toLowerCase(c)) || inRanges(Character.toUpperCase(c));
        }
        return in != negated;
    }

    private boolean inRanges(char c) {
        for (int i = 0; i < ranges.length; i += 2) {
            if (c >= ranges[i] && c <= ranges[i + 1]) {
                return true;
            }
        }
        return false;
    }
}
