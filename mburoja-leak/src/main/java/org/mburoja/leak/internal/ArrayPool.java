package org.mburoja.leak.internal;

import java.util.Arrays;

/**
 * The memory of one scan's person count, kept from file to file: fixed-size chunks that the per-file arrays append
 * into (and that are their sorts' second buffers), and one temporary array per element type for the sorts. A growing
 * array that doubles and copies, and a fresh temporary array per sort, each cost a zeroing pass
 * and, on a heap that has not yet touched that memory, a page fault per 4 KiB (5-6 us each on a virtual machine: more than the sort's own passes); recycled memory costs
 * neither. Chunks are 512 KiB: with a heap of up to 2 GiB (1 MiB G1 regions) that is a humongous object, which the
 * collector never copies (smaller chunks, live for a whole file, were copied by every young collection).
 *
 * <p>Not thread-safe: one pool belongs to one scan, run on one thread.
 */
final class ArrayPool {

    static final int LONG_CHUNK_BITS = 16;
    static final int INT_CHUNK_BITS = 17;

    private long[][] freeLongs = new long[8][];
    private int freeLongCount;
    private int[][] freeInts = new int[8][];
    private int freeIntCount;
    private long[] longTemp = new long[0];
    private int[] intTemp = new int[0];

    long[] longChunk() {
        return freeLongCount > 0 ? freeLongs[--freeLongCount] : new long[1 << LONG_CHUNK_BITS];
    }

    int[] intChunk() {
        return freeIntCount > 0 ? freeInts[--freeIntCount] : new int[1 << INT_CHUNK_BITS];
    }

    /** Takes back a chunk whose contents are no longer needed (it is handed out again unzeroed). */
    void release(long[] chunk) {
        if (freeLongCount == freeLongs.length) {
            freeLongs = Arrays.copyOf(freeLongs, freeLongCount * 2);
        }
        freeLongs[freeLongCount++] = chunk;
    }

    void release(int[] chunk) {
        if (freeIntCount == freeInts.length) {
            freeInts = Arrays.copyOf(freeInts, freeIntCount * 2);
        }
        freeInts[freeIntCount++] = chunk;
    }

    /**
     * The temporary array of at least {@code n} longs, with stale contents; what a caller writes stays there only until
     * the next call. One per element type: a sort's second buffer is the chunk list being sorted (see
     * {@link LongChunks#sortAndClear}).
     */
    long[] longs(int n) {
        if (longTemp.length < n) {
            longTemp = null;
            longTemp = new long[grown(n)];
        }
        return longTemp;
    }

    int[] ints(int n) {
        if (intTemp.length < n) {
            intTemp = null;
            intTemp = new int[grown(n)];
        }
        return intTemp;
    }

    /** A quarter more than asked for, so that the next, slightly larger file reuses the array. */
    private static int grown(int n) {
        return (int) Math.min(Integer.MAX_VALUE - 16, n + (long) n / 4 + 64);
    }
}
