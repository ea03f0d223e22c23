package org.mburoja.leak.internal;

/**
 * Folds bytes of a header, key or name to lower-case ASCII letters and digits (ë to e, ç to c, any run of other
 * characters to one separator) and hashes the result with FNV-1a, without allocating. The same word written in
 * UTF-8 or in a single-byte Latin code page (Windows-1250/1252, ISO-8859-2 share ë and ç) gets the same hash, so
 * dictionaries and header vocabularies are looked up by hash.
 */
public final class TextFold {

    /** Folded ASCII for Latin-1 code points 0xC0-0xFF; 0 for a separator. */
    private static final byte[] LATIN = new byte[64];
    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;
    private static final long SEPARATOR = ' ';
    /** Folded ASCII (lower-case letters, digits) for bytes 0x00-0x7F; 0 for a separator. One load, no range tests. */
    private static final byte[] ASCII = new byte[128];

    static {
        for (int c = '0'; c <= '9'; c++) {
            ASCII[c] = (byte) c;
        }
        for (int c = 'a'; c <= 'z'; c++) {
            ASCII[c] = (byte) c;
            ASCII[c - 32] = (byte) c;
        }
        String upper = "aaaaaaaceeeeiiiidnooooo ouuuuyts";
        for (int i = 0; i < 32; i++) {
            char c = upper.charAt(i);
            LATIN[i] = c == ' ' ? 0 : (byte) c;
            LATIN[i + 32] = c == ' ' ? 0 : (byte) c;
        }
        LATIN[63] = 'y';
    }

    private TextFold() {
    }

    /** Hash of the folded text of {@code b[s, e)}; {@code utf8} tells how to read bytes above 0x7F. */
    public static long hash(byte[] b, int s, int e, boolean utf8) {
        return hash(b, s, e, utf8, false);
    }

    /**
     * Hash of the folded text of a column name or key, with a separator also where a lower-case letter is followed by
     * a capital ("numriPersonal", "dataLindjes", "emriIPlote" fold as "numri personal", "data lindjes", "emri i
     * plote"; ë/Ë and the other Latin-1 letters count as letters of their case). Zero when the name has no such place,
     * so the caller looks it up only when it differs from {@link #hash(byte[], int, int, boolean)}.
     */
    public static long camelHash(byte[] b, int s, int e, boolean utf8) {
        return hash(b, s, e, utf8, true);
    }

    /** {@link #camelHash(byte[], int, int, boolean)} of a Java string. */
    public static long camelHash(String s) {
        byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return camelHash(b, 0, b.length, true);
    }

    /**
     * The fold and hash; with {@code camel}, a lower-case letter then a capital is a separator too, and the result is
     * 0 unless there was such a place.
     */
    private static long hash(byte[] b, int s, int e, boolean utf8, boolean camel) {
        long h = FNV_OFFSET;
        boolean pendingSep = false;
        boolean any = false;
        int previous = 0;
        boolean split = false;
        for (int i = s; i < e; i++) {
            int c = b[i] & 0xff;
            int f;
            if (camel) {
                // a word starts at a capital after a small letter ("numriPersonal"), or at a capital between a
                // capital and a small letter ("emriIPlote", "NIPTPunedhenesi")
                int k = letterCase(b, i, e, utf8);
                if (k > 0 && (previous < 0
                        || previous > 0 && letterCase(b, i + (c == 0xC3 && utf8 ? 2 : 1), e, utf8) < 0)) {
                    pendingSep = any;
                    split = true;
                }
                previous = k;
            }
            if (c < 0x80) {
                f = ASCII[c];
            } else if (utf8) {
                if (c == 0xC3 && i + 1 < e) {
                    int n = b[++i] & 0xff;
                    f = n >= 0x80 && n <= 0xBF ? LATIN[n - 0x80] : 0;
                } else if (c >= 0xC0) {
                    f = '?';
                    while (i + 1 < e && (b[i + 1] & 0xC0) == 0x80) {
                        i++;
                    }
                } else {
                    f = 0;
                }
            } else {
                f = c >= 0xC0 ? LATIN[c - 0xC0] : 0;
            }
            if (f == 0) {
                pendingSep = any;
                previous = 0;
                continue;
            }
            if (pendingSep) {
                h = (h ^ SEPARATOR) * FNV_PRIME;
                pendingSep = false;
            }
            h = (h ^ f) * FNV_PRIME;
            any = true;
        }
        return any && (!camel || split) ? h : 0;
    }

    /** Hash of a Java string, folded the same way. */
    public static long hash(String s) {
        byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return hash(b, 0, b.length, true);
    }

    /**
     * 1 for a capital at {@code b[i]}, -1 for a small letter, 0 otherwise (or past the end): ASCII, and the Latin-1
     * letters (ë Ë ç Ç ...) as one byte of a single-byte code page or as C3 xx in UTF-8.
     */
    private static int letterCase(byte[] b, int i, int e, boolean utf8) {
        if (i >= e) {
            return 0;
        }
        int l = b[i] & 0xff;
        if (l >= 0x80 && utf8) {
            l = l == 0xC3 && i + 1 < e ? (b[i + 1] & 0xff) + 0x40 : 0;
        }
        if (l >= 'A' && l <= 'Z' || l >= 0xC0 && l <= 0xDE && l != 0xD7) {
            return 1;
        }
        return l >= 'a' && l <= 'z' || l >= 0xDF && l != 0xF7 ? -1 : 0;
    }

    /** Combines two hashes into a linking key (order matters). */
    public static long combine(long a, long b) {
        long h = a * 0x9E3779B97F4A7C15L + b;
        h ^= h >>> 29;
        return h * 0xBF58476D1CE4E5B9L;
    }
}
