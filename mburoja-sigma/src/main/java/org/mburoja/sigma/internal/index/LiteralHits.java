package org.mburoja.sigma.internal.index;

/**
 * The literals found in one event: a bit set that remembers which words it touched, so clearing is cheap. One per
 * worker thread; it also keeps that worker's {@link FieldMemo}s (the last value of each scanned field of each
 * candidate set it met).
 */
public final class LiteralHits {

    private final long[] bits;
    private final java.util.IdentityHashMap<Object, FieldMemo[]> memos = new java.util.IdentityHashMap<>();
    private int[] touched = new int[64];
    private int touchedCount;

    /** Scratch space for the text of one scanned value (this worker's own). */
    private char[] chars = new char[256];

    /** A char array of at least {@code n} chars to copy a value into, reused by this worker. */
    char[] chars(int n) {
        if (n > chars.length) {
            chars = new char[Math.max(n, chars.length * 2)];
        } else if (chars.length > 1 << 16 && n <= 256) {
            chars = new char[256]; // do not keep the array of one huge value
        }
        return chars;
    }

    public LiteralHits(int literals) {
        bits = new long[(literals >>> 6) + 1];
    }

    public void set(int id) {
        int w = id >>> 6;
        long before = bits[w];
        if (before == 0) {
            if (touchedCount == touched.length) {
                touched = java.util.Arrays.copyOf(touched, touchedCount * 2);
            }
            touched[touchedCount++] = w;
        }
        bits[w] = before | (1L << id);
    }

    /** Candidate sets a worker keeps memos for (at most 4 KiB per field each): the first ones it meets. */
    static final int MAX_MEMO_SETS = 256;

    /** This worker's memos for the scanned fields of a candidate set; null when it keeps no more. */
    FieldMemo[] memos(RuleIndex.Candidates set) {
        FieldMemo[] m = memos.get(set);
        if (m == null) {
            if (memos.size() >= MAX_MEMO_SETS) {
                return null;
            }
            m = new FieldMemo[set.scanFields().length];
            for (int i = 0; i < m.length; i++) {
                m[i] = new FieldMemo();
            }
            memos.put(set, m);
        }
        return m;
    }

    public boolean get(int id) {
        return (bits[id >>> 6] & (1L << id)) != 0;
    }

    /** Whether any of the ids is set. */
    public boolean any(int[] ids) {
        for (int id : ids) {
            if ((bits[id >>> 6] & (1L << id)) != 0) {
                return true;
            }
        }
        return false;
    }

    /** Calls {@code action} with every literal id found. */
    public void forEach(java.util.function.IntConsumer action) {
        for (int i = 0; i < touchedCount; i++) {
            int w = touched[i];
            long bitsOf = bits[w];
            while (bitsOf != 0) {
                int b = Long.numberOfTrailingZeros(bitsOf);
                action.accept((w << 6) + b);
                bitsOf &= bitsOf - 1;
            }
        }
    }

    public void clear() {
        for (int i = 0; i < touchedCount; i++) {
            bits[touched[i]] = 0;
        }
        touchedCount = 0;
    }
}
