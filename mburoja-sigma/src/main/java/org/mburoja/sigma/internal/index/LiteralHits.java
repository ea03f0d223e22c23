package org.mburoja.sigma.internal.index;

/** The literals found in one event: a bit set that remembers which words it touched, so clearing is cheap. */
public final class LiteralHits {

    private final long[] bits;
    private int[] touched = new int[64];
    private int touchedCount;

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
