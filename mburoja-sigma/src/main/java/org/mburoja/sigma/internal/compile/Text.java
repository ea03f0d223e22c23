package org.mburoja.sigma.internal.compile;

/**
 * Case folding shared by rule literals, event values and the literal pre-filter. Folding char by char (not
 * {@link String#toLowerCase()}) keeps lengths equal, so a literal found by the pre-filter is always found again by
 * the matcher; ASCII strings without capitals are returned as they are, without copying.
 */
public final class Text {

    private Text() {
    }

    /**
     * The lower case of the upper case, so that two characters fold alike exactly when
     * {@link String#equalsIgnoreCase} takes them for the same letter (and as java.util.regex compares under
     * {@code UNICODE_CASE}): I, i, U+0130 and U+0131 are one letter; so are S, s and U+017F, K, k and the Kelvin
     * sign, ß and U+1E9E. Folding twice gives the same character.
     */
    public static char fold(char c) {
        if (c < 128) {
            return c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
        }
        return Character.toLowerCase(Character.toUpperCase(c));
    }

    public static String fold(String s) {
        int n = s.length();
        int i = 0;
        while (i < n) {
            char c = s.charAt(i);
            if (c >= 128 || (c >= 'A' && c <= 'Z')) {
                break;
            }
            i++;
        }
        if (i == n) {
            return s;
        }
        char[] out = s.toCharArray();
        for (; i < n; i++) {
            out[i] = fold(out[i]);
        }
        return new String(out);
    }

    /** How a scalar event value reads as text: numbers without exponent, booleans as true/false. */
    public static String of(Object value) {
        return switch (value) {
            case String s -> s;
            case java.math.BigDecimal d -> d.toPlainString();
            case Double d when d == Math.rint(d) && !Double.isInfinite(d) && Math.abs(d) < 1e15 -> Long.toString(d.longValue());
            default -> String.valueOf(value);
        };
    }
}
