package org.mburoja.sigma.internal.compile;

/**
 * A character class of {@link LinearRegex}, possibly negated: single characters and ranges (pairs lo, hi) that
 * fold case as java.util.regex folds them under the pattern's {@code caseMode} ({@link RegexSyntax#CASE_NONE},
 * {@code CASE_ASCII}, {@code CASE_UNICODE}), and named sets ({@code \d \w \s}, pairs lo, hi), which never fold.
 */
record CharClass(char[] singles, char[] ranges, char[] named, int caseMode, boolean negated) {

    static CharClass named(char[] set, boolean negated) {
        return new CharClass(new char[0], new char[0], set, RegexSyntax.CASE_NONE, negated);
    }

    /** A supplementary code point is in no class's characters (all are BMP, none a surrogate). */
    boolean matchesCodePoint(int cp) {
        return cp > 0xFFFF ? negated : matches((char) cp);
    }

    boolean matches(char c) {
        boolean in = in(named, c) || single(c) || range(c);
        return in != negated;
    }

    private boolean single(char c) {
        for (char p : singles) {
            boolean hit = switch (caseMode) {
                case RegexSyntax.CASE_ASCII -> c == p || p < 128 && c < 128 && (c | 0x20) == (p | 0x20)
                        && (p | 0x20) >= 'a' && (p | 0x20) <= 'z';
                case RegexSyntax.CASE_UNICODE -> foldedSingle(p, c);
                default -> c == p;
            };
            if (hit) {
                return true;
            }
        }
        return false;
    }

    /**
     * java.util.regex's class member under {@code CASE_INSENSITIVE | UNICODE_CASE}: a bit of its Latin-1 table (the
     * character, its lower and upper case) unless one of those leaves Latin-1 or another letter folds onto it; then,
     * like a lone literal, everything whose upper case lower-cased is the same.
     */
    private static boolean foldedSingle(char p, char c) {
        if (latin1Bit(p)) {
            if (c >= 256) {
                return false;
            }
            if (p < 128) {
                return c == p || c < 128 && (c | 0x20) == (p | 0x20) && (p | 0x20) >= 'a' && (p | 0x20) <= 'z';
            }
            return c == p || c == Character.toLowerCase(p) || c == Character.toUpperCase(p);
        }
        char upper = Character.toUpperCase(p);
        char lower = Character.toLowerCase(upper);
        return upper != lower ? c == lower || RegexSyntax.lowerOfUpper(c) == lower : c == p;
    }

    /** Whether a member is matched as java.util.regex's lone literal is (not through its Latin-1 table), with a case. */
    boolean anyUnicodeSingle() {
        for (char p : singles) {
            char upper = Character.toUpperCase(p);
            if (!latin1Bit(p) && upper != Character.toLowerCase(upper)) {
                return true;
            }
        }
        return false;
    }

    private static boolean latin1Bit(char p) {
        return p < 256 && !(p == 0xFF || p == 0xB5 || p == 'I' || p == 'i' || p == 'S' || p == 's' || p == 'K'
                || p == 'k' || p == 0xC5 || p == 0xE5);
    }

    private boolean range(char c) {
        if (in(ranges, c)) {
            return true;
        }
        return switch (caseMode) {
            case RegexSyntax.CASE_ASCII -> c < 128 && (c >= 'A' && c <= 'Z' && in(ranges, (char) (c + 32))
                    || c >= 'a' && c <= 'z' && in(ranges, (char) (c - 32)));
            case RegexSyntax.CASE_UNICODE -> {
                char up = Character.toUpperCase(c);
                yield in(ranges, up) || in(ranges, Character.toLowerCase(up));
            }
            default -> false;
        };
    }

    private static boolean in(char[] pairs, char c) {
        for (int i = 0; i < pairs.length; i += 2) {
            if (c >= pairs[i] && c <= pairs[i + 1]) {
                return true;
            }
        }
        return false;
    }
}
