package org.mburoja.leak.internal;

import java.util.Arrays;

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

    private static final long[] HASHES;
    private static final ProseKeyword[] KINDS;

    static {
        int n = 0;
        for (ProseKeyword k : values()) {
            n += k.words.length;
        }
        long[][] pairs = new long[n][];
        int i = 0;
        for (ProseKeyword k : values()) {
            for (String w : k.words) {
                pairs[i++] = new long[] {TextFold.hash(w), k.ordinal()};
            }
        }
        Arrays.sort(pairs, (x, y) -> Long.compare(x[0], y[0]));
        HASHES = new long[n];
        KINDS = new ProseKeyword[n];
        for (int k = 0; k < n; k++) {
            HASHES[k] = pairs[k][0];
            KINDS[k] = values()[(int) pairs[k][1]];
        }
    }

    static ProseKeyword of(long foldedHash) {
        int i = Arrays.binarySearch(HASHES, foldedHash);
        return i >= 0 ? KINDS[i] : NONE;
    }
}
