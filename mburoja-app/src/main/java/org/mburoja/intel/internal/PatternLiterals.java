package org.mburoja.intel.internal;

import java.util.List;

/**
 * Pulls the quoted string literals out of a STIX pattern ({@code [ipv4-addr:value = '198.51.100.7']} gives
 * {@code 198.51.100.7}) so indicators can be found by the values they watch for. A linear scan, no regex: the
 * pattern is untrusted input. Escapes {@code \'} and {@code \\} are resolved; an unterminated literal is dropped.
 * Full parsing and evaluation of patterns is the STIX engine's job.
 */
final class PatternLiterals {

    private PatternLiterals() {
    }

    static void collect(String pattern, List<String> out) {
        int i = 0;
        int n = pattern.length();
        while (i < n) {
            char c = pattern.charAt(i);
            if (c != '\'') {
                i++;
                continue;
            }
            // a binary (b'...') or hex (h'...') literal is not a searchable value
            boolean encoded = i > 0 && (pattern.charAt(i - 1) == 'b' || pattern.charAt(i - 1) == 'h')
                    && (i < 2 || !Character.isLetterOrDigit(pattern.charAt(i - 2)));
            StringBuilder lit = new StringBuilder();
            int j = i + 1;
            boolean closed = false;
            while (j < n) {
                char d = pattern.charAt(j);
                if (d == '\\' && j + 1 < n) {
                    lit.append(pattern.charAt(j + 1));
                    j += 2;
                } else if (d == '\'') {
                    closed = true;
                    j++;
                    break;
                } else {
                    lit.append(d);
                    j++;
                }
            }
            if (closed && !encoded && !isTimestampQualifier(pattern, i)) {
                out.add(lit.toString());
            }
            i = j;
        }
    }

    /** {@code t'2016-...'} in START/STOP qualifiers is a time, not a value. */
    private static boolean isTimestampQualifier(String pattern, int quote) {
        return quote > 0 && pattern.charAt(quote - 1) == 't';
    }
}
