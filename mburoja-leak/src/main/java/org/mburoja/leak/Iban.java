package org.mburoja.leak;

/**
 * IBAN validation: ISO 7064 mod-97 over the rearranged number, the country's length, and for Albania the national
 * check digit over bank and branch (weights 9,7,3,1,9,7,3). Works on a compact ASCII copy without allocating.
 */
public final class Iban {

    private static final byte[] LENGTH = new byte[26 * 26];

    static {
        String table = "AD24 AE23 AL28 AT20 AZ28 BA20 BE16 BG22 BH22 BR29 BY28 CH21 CR22 CY28 CZ24 DE22 DK18 DO28 EE20 "
                + "EG29 ES24 FI18 FO18 FR27 GB22 GE22 GI23 GL18 GR27 GT28 HR21 HU28 IE22 IL23 IQ23 IS26 IT27 JO30 KW30 "
                + "KZ20 LB28 LC32 LI21 LT20 LU20 LV21 LY25 MC27 MD24 ME22 MK19 MR27 MT31 MU30 NL18 NO15 PK24 PL28 PS29 "
                + "PT25 QA29 RO24 RS22 SA24 SC31 SE24 SI19 SK24 SM27 ST25 SV28 TL23 TN24 TR26 UA29 VA22 VG24 XK20";
        for (String e : table.split(" ")) {
            LENGTH[(e.charAt(0) - 'A') * 26 + (e.charAt(1) - 'A')] = (byte) Integer.parseInt(e.substring(2));
        }
    }

    private Iban() {
    }

    /** The registered length for the country code at {@code s}, 0 for an unknown country. */
    public static int lengthFor(byte[] b, int s) {
        int c0 = b[s] - 'A';
        int c1 = b[s + 1] - 'A';
        if (c0 < 0 || c0 > 25 || c1 < 0 || c1 > 25) {
            return 0;
        }
        return LENGTH[c0 * 26 + c1];
    }

    private static final java.lang.invoke.VarHandle LONGS = java.lang.invoke.MethodHandles.byteArrayViewVarHandle(
            long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);

    /**
     * ISO 7064 mod-97-10 over {@code iban[s, s+n)} rearranged (BBAN first, then country and check digits). The
     * digits (a letter is two: A=10 ... Z=35) are taken eight bytes at a time where those are eight digits (one long
     * read, a SWAR range test and three multiply-shift steps give their value), otherwise a byte at a time, and the
     * remainder is reduced once per eight bytes: a 28-character Albanian IBAN costs three long reads and five
     * reductions instead of a branch per character.
     */
    static boolean mod97(byte[] b, int s, int n) {
        long acc = mod97Part(b, s + 4, s + n, 0);
        if (acc < 0) {
            return false;
        }
        acc = mod97Part(b, s, s + 4, acc);
        return acc == 1;
    }

    /**
     * {@code acc} (below 97) followed by the digits of {@code b[from, to)}, modulo 97; -1 for a byte that is neither a
     * digit nor an upper-case letter. Eight bytes add at most 16 digits, so {@code acc} stays below 97 * 10^16.
     */
    private static long mod97Part(byte[] b, int from, int to, long acc) {
        int k = from;
        int last = b.length - 8;
        while (k < to) {
            if (k + 8 <= to && k <= last) {
                long x = (long) LONGS.get(b, k);
                if (((x & 0xF0F0F0F0F0F0F0F0L) | ((x + 0x0606060606060606L) & 0xF0F0F0F0F0F0F0F0L) >>> 4)
                        == 0x3333333333333333L) {
                    acc = (acc * 100_000_000L + eightDigits(x)) % 97;
                    k += 8;
                    continue;
                }
            }
            int stop = Math.min(to, k + 8);
            for (; k < stop; k++) {
                int c = b[k];
                int d = c - '0';
                if (d >= 0 && d <= 9) {
                    acc = acc * 10 + d;
                } else if (c >= 'A' && c <= 'Z') {
                    acc = acc * 100 + (c - 'A' + 10);
                } else {
                    return -1;
                }
            }
            acc %= 97;
        }
        return acc;
    }

    /** The value of eight ASCII digits read little-endian (the first digit in the lowest byte). */
    static long eightDigits(long x) {
        long v = x - 0x3030303030303030L;
        v = (v * 10 + (v >>> 8)) & 0x00FF00FF00FF00FFL;
        v = (v * 100 + (v >>> 16)) & 0x0000FFFF0000FFFFL;
        return (v * 10000 + (v >>> 32)) & 0xFFFFFFFFL;
    }

    private static final int[] NATIONAL_WEIGHTS = {9, 7, 3, 1, 9, 7, 3};

    /** Albania's national check digit: char 12 over bank (3) and branch (4) digits. */
    static boolean albanianNationalCheck(byte[] b, int s) {
        int sum = 0;
        for (int k = 0; k < 7; k++) {
            int c = b[s + 4 + k];
            if (c < '0' || c > '9') {
                return false;
            }
            sum += (c - '0') * NATIONAL_WEIGHTS[k];
        }
        int check = (10 - sum % 10) % 10;
        return b[s + 11] == '0' + check;
    }

    /** Whether the compact IBAN {@code [s, s+n)} is valid (country length, mod-97, and the national check for AL). */
    public static boolean isValid(byte[] b, int s, int n) {
        if (n < 15 || lengthFor(b, s) != n || !mod97(b, s, n)) {
            return false;
        }
        return b[s] != 'A' || b[s + 1] != 'L' || albanianNationalCheck(b, s);
    }

    /** Convenience for tests and the API: accepts spaces. */
    public static boolean isValid(String iban) {
        byte[] b = iban.replace(" ", "").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        return b.length >= 15 && isValid(b, 0, b.length);
    }
}
