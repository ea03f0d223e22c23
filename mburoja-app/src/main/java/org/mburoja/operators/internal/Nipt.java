package org.mburoja.operators.internal;

import java.util.Locale;

/**
 * The NIPT, Albania's tax identification number of businesses: a letter {@code J}, {@code K}, {@code L} or
 * {@code M}, eight digits and a check letter computed like the personal number's: alphabet
 * {@code WABCDEFGHIJKLMNOPQRSTUV} (W = 0 ... V = 22), a character's value is its digit or its index in that alphabet,
 * weights 1,1,2,3,4,5,6,7,8 over the first nine characters, check letter = alphabet[sum mod 23]; for remainder 0
 * both {@code W} and {@code A} are accepted because issued numbers carry both.
 */
public final class Nipt {

    static final String ALPHABET = "WABCDEFGHIJKLMNOPQRSTUV";
    private static final int[] WEIGHTS = {1, 1, 2, 3, 4, 5, 6, 7, 8};

    private Nipt() {
    }

    /** Upper-cased, spaces removed, shape and check letter verified. */
    public static String normalise(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty NIPT");
        }
        String s = text.strip().replace(" ", "").toUpperCase(Locale.ROOT);
        if (!s.matches("[JKLM][0-9]{8}[A-Z]")) {
            throw new IllegalArgumentException("'" + text.strip()
                    + "' is not a NIPT: a letter J, K, L or M, 8 digits and a check letter (e.g. K12345678H)");
        }
        char expected = checkLetter(s.substring(0, 9));
        char given = s.charAt(9);
        if (given != expected && !(expected == 'W' && given == 'A')) {
            throw new IllegalArgumentException("'" + s + "': wrong check letter (expected " + expected + ")");
        }
        return s;
    }

    /** Check letter of the first nine characters. */
    static char checkLetter(String body) {
        int sum = 0;
        for (int i = 0; i < 9; i++) {
            char c = body.charAt(i);
            int v = c >= '0' && c <= '9' ? c - '0' : ALPHABET.indexOf(c);
            sum += WEIGHTS[i] * v;
        }
        return ALPHABET.charAt(sum % 23);
    }
}
