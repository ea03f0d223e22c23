package org.mburoja.leak.internal;

/**
 * Phone numbers written with a '+': Albanian (+355, a mobile 6[7-9] and 7 digits or a landline by area code) and
 * other countries' numbers of E.164 shape, compact or in groups separated by single spaces. The national spellings
 * without '+' (0691234567, 069 123 4567, 00355...) are fixed-offset tests in {@link TokenScanner}.
 */
final class PhoneShapes {

    private final FileTally tally;

    PhoneShapes(FileTally tally) {
        this.tally = tally;
    }

    /**
     * A number after '+': +355 (Albanian: a mobile 6[7-9] and 7 digits, or a landline by area code) or another
     * country's number of E.164 shape (10 to 15 digits). Digit groups may be separated by single spaces; an
     * Albanian number stops at its own length so a following number is not swallowed.
     */
    int plus(byte[] b, int i, int from, int to) {
        if (i > from && TokenScanner.word(b[i - 1])) {
            return i + 1;
        }
        int p = i + 1;
        long v = 0;
        int count = 0;
        int lastGood = -1;
        long lastValue = 0;
        while (p < to && count < 15) {
            int c = b[p];
            if (c >= '0' && c <= '9') {
                v = v * 10 + (c - '0');
                count++;
                p++;
                if (!TokenScanner.end(b, p, to)) {
                    continue;
                }
                if (count >= 11 && count <= 12 && prefix(v, count) == 355) {
                    long national = v - 355 * pow10(count - 3);
                    int lead = (int) (national / pow10(count - 4));
                    boolean mobile = count == 12 && lead == 6 && TokenScanner.mobileSecond((byte) ('0' + national / 10_000_000L % 10));
                    if (mobile || (lead >= 2 && lead <= 8)) {
                        tally.phone(v, b, i, p);
                        return p;
                    }
                } else if (count >= 10 && prefix(v, count) != 355) {
                    lastGood = p;
                    lastValue = v;
                }
            } else if (c == ' ' && count > 0 && p + 1 < to && b[p + 1] >= '0' && b[p + 1] <= '9') {
                p++;
            } else {
                break;
            }
        }
        if (lastGood > 0) {
            tally.phone(lastValue, b, i, lastGood);
            return lastGood;
        }
        return p > i + 1 ? p : i + 1;
    }

    private static long prefix(long v, int count) {
        return v / pow10(count - 3);
    }

    private static long pow10(int n) {
        long r = 1;
        for (int k = 0; k < n; k++) {
            r *= 10;
        }
        return r;
    }

    static boolean albanianNational(byte[] b, int s, int e) {
        return e - s == 9 && ((b[s] == '6' && TokenScanner.mobileSecond(b[s + 1])) || (b[s] >= '2' && b[s] <= '8'));
    }
}
