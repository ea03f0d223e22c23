package org.mburoja.leak.internal;

import java.util.Arrays;

/**
 * An append-only list of longs in chunks: appending never copies what is already there. The first chunks are small
 * and double in size (a small file costs a few KiB), up to {@code 2^LONG_CHUNK_BITS} longs; chunks of that size come
 * from an {@link ArrayPool} and go back to it when the values are no longer needed.
 */
final class LongChunks {

    private static final int FIRST_BITS = 10;
    private static final int BITS = ArrayPool.LONG_CHUNK_BITS;
    private static final int FULL = 1 << BITS;
    /** Chunks before the first full-size one: sizes 2^10, 2^10, 2^11, ..., 2^(BITS-1), together 2^BITS. */
    private static final int GROWING = BITS - FIRST_BITS + 1;
    private final ArrayPool pool;
    /** The chunks in order; read directly by the radix sort. */
    long[][] chunks = new long[8][];
    private int chunkCount;
    private long[] current;
    private int fill;
    private int n;

    LongChunks(ArrayPool pool) {
        this.pool = pool;
    }

    void add(long v) {
        if (current == null || fill == current.length) {
            nextChunk();
        }
        current[fill++] = v;
        n++;
    }

    private void nextChunk() {
        if (chunkCount == chunks.length) {
            chunks = Arrays.copyOf(chunks, chunkCount * 2);
        }
        int k = chunkCount;
        current = k >= GROWING ? pool.longChunk() : new long[1 << (k == 0 ? FIRST_BITS : FIRST_BITS + k - 1)];
        chunks[chunkCount++] = current;
        fill = 0;
    }

    /** Appends the values of {@code o} (copied: the two lists stay independent). */
    void addAll(LongChunks o) {
        for (int c = 0, left = o.n; left > 0; c++) {
            long[] ch = o.chunks[c];
            int m = Math.min(ch.length, left);
            for (int i = 0; i < m; i++) {
                add(ch[i]);
            }
            left -= m;
        }
    }

    long get(int i) {
        if (i >= FULL) {
            return chunks[GROWING + (i >>> BITS) - 1][i & (FULL - 1)];
        }
        int k = 32 - Integer.numberOfLeadingZeros(i >>> FIRST_BITS);
        return chunks[k][k == 0 ? i : i - (1 << (FIRST_BITS + k - 1))];
    }

    int size() {
        return n;
    }

    /** Empties the list and gives its full-size chunks back to the pool. */
    void clear() {
        for (int c = 0; c < chunkCount; c++) {
            if (c >= GROWING) {
                pool.release(chunks[c]);
            }
            chunks[c] = null;
        }
        chunkCount = 0;
        current = null;
        fill = 0;
        n = 0;
    }
}
