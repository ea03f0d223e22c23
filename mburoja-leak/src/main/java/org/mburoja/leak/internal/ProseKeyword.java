package org.mburoja.leak.internal;

/**
 * Words of Albanian and English prose that give a nearby value its meaning: "e lindur më" before a birth date,
 * "pagë" before a salary, "Rruga" before a street named after a person (so not a person), "preferenca:" before a
 * party. Looked up by folded hash; the scanner remembers where the last keyword of each kind ended and scores the
 * next value by that distance.
 */
public enum ProseKeyword {
    BIRTH("lindur", "lindi", "lindjes", "lindja", "datelindja", "datelindje", "ditelindja", "born", "dob", "birth"),
    SALARY("paga", "page", "pages", "pagen", "rroga", "rrogen", "rroge", "salary", "wage", "income", "pagesa"),
    STREET("rruga", "rr", "lagjja", "lagja", "bulevardi", "blvd", "sheshi", "street", "rrugica", "shkolla",
            "spitali", "universiteti", "instituti", "bashkia"),
    POLITICAL("preferenca", "preferencat", "votoi", "voton", "partia", "party", "vote", "voted"),
    PASSWORD("password", "passwd", "pwd", "pass", "fjalekalimi", "fjalekalim", "parola", "pin"),
    NONE();

    private final String[] words;

    ProseKeyword(String... words) {
        this.words = words;
    }

    /** The words of this kind, for tests. */
    java.util.List<String> words() {
        return java.util.List.of(words);
    }

    /**
     * Open addressing over the folded hashes, a quarter full: a prose word is looked up with one or two loads and no
     * unpredictable branch (a binary search over the 60 hashes took six data-dependent branches for every word of a
     * paste). Slot value 0 is empty; no keyword folds to hash 0.
     */
    private static final int SLOT_BITS = 8;
    private static final long[] HASHES = new long[1 << SLOT_BITS];
    private static final ProseKeyword[] KINDS = new ProseKeyword[1 << SLOT_BITS];

    static {
        for (ProseKeyword k : values()) {
            for (String w : k.words) {
                long h = TextFold.hash(w);
                if (h == 0) {
                    throw new IllegalStateException("keyword folds to nothing: " + w);
                }
                int i = slot(h);
                while (HASHES[i] != 0 && HASHES[i] != h) {
                    i = (i + 1) & (HASHES.length - 1);
                }
                if (HASHES[i] == h) {
                    throw new IllegalStateException("keyword listed twice: " + w);
                }
                HASHES[i] = h;
                KINDS[i] = k;
            }
        }
    }

    /**
     * The first two letters of every keyword (ASCII, lower case), as {@code first * 128 + second}: a word whose first
     * two bytes are ASCII and not such a pair is no keyword, and need not be folded and hashed to find that out
     * (most words of a paste are not: "krye", "në", "me", "Ministria").
     */
    private static final boolean[] PAIRS = new boolean[128 * 128];
    /** The same for the {@link #PASSWORD} words alone: the only keywords outside prose. */
    private static final boolean[] PASSWORD_PAIRS = new boolean[128 * 128];

    static {
        for (ProseKeyword k : values()) {
            for (String w : k.words) {
                PAIRS[w.charAt(0) * 128 + w.charAt(1)] = true;
                PASSWORD_PAIRS[w.charAt(0) * 128 + w.charAt(1)] |= k == PASSWORD;
            }
        }
    }

    /**
     * Whether the word {@code b[i, j)} (letters and digits, at least two bytes) may be a keyword: false only when its
     * first two bytes are ASCII and fold to no keyword's first two letters. Bytes above 0x7F (ë, ç in any encoding)
     * answer true, and the hash decides.
     */
    static boolean mayBe(byte[] b, int i) {
        return startsLike(PAIRS, b, i);
    }

    /** {@link #mayBe} for the {@link #PASSWORD} words alone. */
    static boolean mayBePassword(byte[] b, int i) {
        return startsLike(PASSWORD_PAIRS, b, i);
    }

    private static boolean startsLike(boolean[] pairs, byte[] b, int i) {
        int c0 = b[i];
        int c1 = b[i + 1];
        return (c0 | c1) < 0 || pairs[(c0 | 0x20) * 128 + (c1 | 0x20)];
    }

    private static int slot(long h) {
        return (int) ((h * 0x9E3779B97F4A7C15L) >>> (64 - SLOT_BITS));
    }

    static ProseKeyword of(long foldedHash) {
        int i = slot(foldedHash);
        while (true) {
            long s = HASHES[i];
            if (s == foldedHash && s != 0) {
                return KINDS[i];
            }
            if (s == 0) {
                return NONE;
            }
            i = (i + 1) & (HASHES.length - 1);
        }
    }
}
