package org.mburoja.leak.internal;

/**
 * Byte-level parsers for values that have no check digit and are only counted with context: calendar dates in the
 * three spellings of Albanian registers ({@code 1985-03-12}, {@code 12.03.1985}, {@code 12/03/1985}) and amounts
 * ({@code 85000}, {@code 85.000}, {@code 85,000}, {@code 85 000 ALL}, {@code 85000 lekë}). No allocation.
 */
public final class ValueShapes {

    private ValueShapes() {
    }

    static boolean digit(byte[] b, int p, int to) {
        return p < to && b[p] >= '0' && b[p] <= '9';
    }

    static int two(byte[] b, int p) {
        return (b[p] - '0') * 10 + (b[p + 1] - '0');
    }

    /**
     * A date starting at {@code s}: returns yyyymmdd in the low 32 bits and the end offset in the high 32 bits, or -1.
     * Years 1900 to {@code latestYear}; impossible days are rejected.
     */
    public static long date(byte[] b, int s, int to, int latestYear) {
        int y;
        int m;
        int d;
        int end;
        if (s + 10 <= to && digit(b, s, to) && digit(b, s + 1, to) && digit(b, s + 2, to) && digit(b, s + 3, to)
                && b[s + 4] == '-' && digit(b, s + 5, to) && digit(b, s + 6, to) && b[s + 7] == '-'
                && digit(b, s + 8, to) && digit(b, s + 9, to)) {
            y = two(b, s) * 100 + two(b, s + 2);
            m = two(b, s + 5);
            d = two(b, s + 8);
            end = s + 10;
        } else if (s + 10 <= to && digit(b, s, to) && digit(b, s + 1, to) && (b[s + 2] == '.' || b[s + 2] == '/')
                && digit(b, s + 3, to) && digit(b, s + 4, to) && b[s + 5] == b[s + 2] && digit(b, s + 6, to)
                && digit(b, s + 7, to) && digit(b, s + 8, to) && digit(b, s + 9, to)) {
            d = two(b, s);
            m = two(b, s + 3);
            y = two(b, s + 6) * 100 + two(b, s + 8);
            end = s + 10;
        } else {
            return -1;
        }
        if (y < 1900 || y > latestYear || m < 1 || m > 12 || d < 1
                || d > org.mburoja.leak.PersonalNumber.daysIn(m, y)) {
            return -1;
        }
        return ((long) end << 32) | (y * 10000L + m * 100L + d);
    }

    /** Whether a date ending at {@code p} is followed by a time of day (then it is a timestamp, not a birth date). */
    public static boolean followedByTime(byte[] b, int p, int to) {
        if (p < to && b[p] == 'T') {
            return true;
        }
        return p + 3 < to && b[p] == ' ' && digit(b, p + 1, to) && digit(b, p + 2, to) && b[p + 3] == ':';
    }

    /**
     * An amount starting at {@code s} (digits, optionally grouped by 3 with '.', ',' or ' '), returning the end
     * offset, or -1 when there is none. {@code valueOut[0]} receives the amount.
     */
    public static int amount(byte[] b, int s, int to, long[] valueOut) {
        int p = s;
        long v = 0;
        int lead = 0;
        while (p < to && b[p] >= '0' && b[p] <= '9' && lead < 9) {
            v = v * 10 + (b[p++] - '0');
            lead++;
        }
        if (lead == 0 || (p < to && b[p] >= '0' && b[p] <= '9')) {
            return -1;
        }
        if (lead <= 3) {
            while (p + 3 < to + 0 && (b[p] == '.' || b[p] == ',' || b[p] == ' ') && digit(b, p + 1, to)
                    && digit(b, p + 2, to) && digit(b, p + 3, to) && !digit(b, p + 4, to)) {
                v = v * 1000 + (b[p + 1] - '0') * 100 + (b[p + 2] - '0') * 10 + (b[p + 3] - '0');
                p += 4;
            }
        }
        valueOut[0] = v;
        return p;
    }

    /** After an amount: skips spaces and returns the end of a currency word (lekë, leke, lek, ALL, L), else -1. */
    public static int currency(byte[] b, int p, int to) {
        while (p < to && b[p] == ' ') {
            p++;
        }
        if (p + 3 <= to && b[p] == 'A' && b[p + 1] == 'L' && b[p + 2] == 'L' && boundary(b, p + 3, to)) {
            return p + 3;
        }
        if (p + 3 <= to && (b[p] == 'l' || b[p] == 'L') && b[p + 1] == 'e' && b[p + 2] == 'k') {
            int q = p + 3;
            if (q + 1 < to && (b[q] & 0xff) == 0xC3 && (b[q + 1] & 0xff) == 0xAB) {
                q += 2;
            } else if (q < to && (b[q] == 'e' || (b[q] & 0xff) == 0xEB)) {
                q++;
            }
            return boundary(b, q, to) ? q : -1;
        }
        return -1;
    }

    static boolean boundary(byte[] b, int p, int to) {
        if (p >= to) {
            return true;
        }
        int c = b[p] & 0xff;
        return !((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c >= 0x80);
    }

    /** A whole cell holding one amount, optionally with a currency word: the salary-column check. */
    public static boolean isAmountCell(byte[] b, int s, int e, long[] valueOut) {
        while (s < e && b[s] == ' ') {
            s++;
        }
        while (e > s && b[e - 1] == ' ') {
            e--;
        }
        int p = amount(b, s, e, valueOut);
        if (p < 0) {
            return false;
        }
        if (p < e && b[p] == '.' && p + 1 < e && digit(b, p + 1, e)) {
            p++;
            while (p < e && digit(b, p, e)) {
                p++;
            }
        }
        if (p == e) {
            return true;
        }
        int q = currency(b, p, e);
        return q == e;
    }
}
