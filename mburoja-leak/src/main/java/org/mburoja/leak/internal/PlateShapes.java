package org.mburoja.leak.internal;

/**
 * Albanian vehicle plates: {@code AB 123 CD} (since 2011, any two letters) and the older district format
 * {@code TR 1234 A} (only with a real district code), with or without spaces.
 */
final class PlateShapes {

    private static final boolean[] DISTRICT = new boolean[26 * 26];

    static {
        for (String d : ("BR BU DI DL DR DV EL ER FR GJ GR HS KA KB KC KO KR KU LB LE LU MK MM MR MT PG PR PU SH SK SR "
                + "TE TP TR VL").split(" ")) {
            DISTRICT[(d.charAt(0) - 'A') * 26 + d.charAt(1) - 'A'] = true;
        }
    }

    private PlateShapes() {
    }

    private static boolean up(byte c) {
        return c >= 'A' && c <= 'Z';
    }

    private static boolean dig(byte c) {
        return c >= '0' && c <= '9';
    }

    static boolean district(byte[] b, int s) {
        return DISTRICT[(b[s] - 'A') * 26 + b[s + 1] - 'A'];
    }

    /** Two letters at {@code s} followed by " 123 CD" or " 1234 A": returns the end, else -1. */
    static int spaced(byte[] b, int s, int to) {
        int p = s + 2;
        if (p + 7 <= to && b[p] == ' ' && dig(b[p + 1]) && dig(b[p + 2]) && dig(b[p + 3])) {
            if (b[p + 4] == ' ' && up(b[p + 5]) && up(b[p + 6]) && TokenScanner.end(b, p + 7, to)) {
                return p + 7;
            }
            if (dig(b[p + 4]) && p + 7 <= to && b[p + 5] == ' ' && up(b[p + 6]) && TokenScanner.end(b, p + 7, to)
                    && district(b, s)) {
                return p + 7;
            }
        }
        return -1;
    }

    /** {@code AB123CD} or {@code TR1234A} as one token of seven characters. */
    static boolean compact(byte[] b, int s) {
        if (!up(b[s]) || !up(b[s + 1]) || !dig(b[s + 2]) || !dig(b[s + 3]) || !dig(b[s + 4])) {
            return false;
        }
        if (up(b[s + 5]) && up(b[s + 6])) {
            return true;
        }
        return dig(b[s + 5]) && up(b[s + 6]) && district(b, s);
    }
}
