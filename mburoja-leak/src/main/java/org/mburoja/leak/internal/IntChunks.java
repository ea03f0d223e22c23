package org.mburoja.leak.internal;

import java.util.Arrays;

/**
 * An append-only list of ints in chunks: appending never copies what is already there. The first chunks are small
 * and double in size (a small file costs a few KiB) until they hold {@code 2^INT_CHUNK_BITS} ints; then they are
 * copied into one chunk of that size, and every further chunk has that size too, comes from an {@link ArrayPool} and
 * goes back to it when the values are no longer needed. A list of equal chunks is also the second buffer of its own
 * sort ({@link #sortAndClear}).
 */
final class IntChunks {

    private static final int FIRST_BITS = 10;
    private static final int BITS = ArrayPool.INT_CHUNK_BITS;
    private static final int FULL = 1 << BITS;
    /** Chunks before the first full-size one: sizes 2^10, 2^10, 2^11, ..., 2^(BITS-1), together 2^BITS. */
    private static final int GROWING = BITS - FIRST_BITS + 1;
    private final ArrayPool pool;
    private int[][] chunks = new int[8][];
    private int chunkCount;
    /** All chunks are pool chunks of {@code FULL} ints. */
    private boolean uniform;
    private int[] current;
    private int fill;
    private int n;

    IntChunks(ArrayPool pool) {
        this.pool = pool;
    }

    void add(int v) {
        if (current == null || fill == current.length) {
            nextChunk();
        }
        current[fill++] = v;
        n++;
    }

    private void nextChunk() {
        if (!uniform && chunkCount == GROWING) {
            int[] full = pool.intChunk();
            for (int c = 0, w = 0; c < GROWING; c++) {
                System.arraycopy(chunks[c], 0, full, w, chunks[c].length);
                w += chunks[c].length;
                chunks[c] = null;
            }
            chunks[0] = full;
            chunkCount = 1;
            uniform = true;
        }
        if (chunkCount == chunks.length) {
            chunks = Arrays.copyOf(chunks, chunkCount * 2);
        }
        int k = chunkCount;
        current = uniform ? pool.intChunk() : new int[1 << (k == 0 ? FIRST_BITS : FIRST_BITS + k - 1)];
        chunks[chunkCount++] = current;
        fill = 0;
    }

    /** Appends the values of {@code o} (copied: the two lists stay independent). */
    void addAll(IntChunks o) {
        for (int c = 0, left = o.n; left > 0; c++) {
            int[] ch = o.chunks[c];
            int m = Math.min(ch.length, left);
            for (int i = 0; i < m; i++) {
                add(ch[i]);
            }
            left -= m;
        }
    }

    int get(int i) {
        if (uniform) {
            return chunks[i >>> BITS][i & (FULL - 1)];
        }
        int k = 32 - Integer.numberOfLeadingZeros(i >>> FIRST_BITS);
        return chunks[k][k == 0 ? i : i - (1 << (FIRST_BITS + k - 1))];
    }

    int size() {
        return n;
    }

    /**
     * Sorts the values (signed order) into the pool's temporary array, which is returned (the first {@link #size()}
     * values; valid until the pool's next {@code ints} call), and empties the list. Its chunks are the sort's second
     * buffer; a list of fewer than {@code FULL} values borrows one pool chunk for that.
     */
    int[] sortAndClear() {
        int[] x = pool.ints(n);
        if (!uniform) {
            gatherTo(x);
            int[] tmp = pool.intChunk();
            RadixSort.sort(x, n, tmp);
            pool.release(tmp);
        } else if (RadixSort.sort(x, chunks, BITS, n, true)) {
            RadixSort.gather(chunks, FULL, n, x);
        }
        clear();
        return x;
    }

    private void gatherTo(int[] x) {
        for (int c = 0, w = 0; w < n; c++) {
            int m = Math.min(chunks[c].length, n - w);
            System.arraycopy(chunks[c], 0, x, w, m);
            w += m;
        }
    }

    /** Empties the list and gives its full-size chunks back to the pool. */
    void clear() {
        for (int c = 0; c < chunkCount; c++) {
            if (uniform) {
                pool.release(chunks[c]);
            }
            chunks[c] = null;
        }
        chunkCount = 0;
        uniform = false;
        current = null;
        fill = 0;
        n = 0;
    }
}
