package org.mburoja.leak.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RadixSortTest {

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 4, 5})
    void sortsLikeArraysSortIncludingNegativesAndNarrowRanges(int seed) {
        Random rnd = new Random(seed);
        int n = 1000 + rnd.nextInt(20_000);
        long[] longs = new long[n];
        int[] ints = new int[n];
        for (int i = 0; i < n; i++) {
            longs[i] = seed % 2 == 0 ? rnd.nextLong() : rnd.nextInt(1000) - 500;
            ints[i] = seed % 3 == 0 ? rnd.nextInt() : rnd.nextInt(70_000) - 35_000;
        }
        long[] expectLongs = longs.clone();
        int[] expectInts = ints.clone();
        Arrays.sort(expectLongs);
        Arrays.sort(expectInts);
        RadixSort.sort(longs, n);
        RadixSort.sort(ints, n);
        assertThat(longs).isEqualTo(expectLongs);
        assertThat(ints).isEqualTo(expectInts);
    }

    /**
     * Value shapes that exercise the skipped byte positions and the sign handling of the one-read histograms: all
     * equal, differing only in the top byte, only in one middle byte, the extremes of the range, and a sorted prefix
     * of a longer array (elements past {@code n} stay untouched).
     */
    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15})
    void sortsEveryValueShapeAndLeavesTheTailAlone(int seed) {
        Random rnd = new Random(seed * 31L + 7);
        int n = seed % 4 == 0 ? rnd.nextInt(2048) : 2048 + rnd.nextInt(30_000);
        long[] longs = new long[n + 5];
        int[] ints = new int[n + 5];
        int shape = seed % 8;
        int byteAt = rnd.nextInt(8);
        for (int i = 0; i < longs.length; i++) {
            long l = rnd.nextLong();
            int v = rnd.nextInt();
            switch (shape) {
                case 0 -> { l = 42; v = -42; }
                case 1 -> { l = (l & 0xFF00000000000000L) | 12345; v = (v & 0xFF000000) | 99; }
                case 2 -> { l = (l & (0xFFL << (byteAt * 8))) | 0x0101010101010101L; v = v & (0xFF << (byteAt % 4 * 8)); }
                case 3 -> {
                    long[] edge = {Long.MIN_VALUE, Long.MAX_VALUE, -1, 0, 1, Long.MIN_VALUE + 1};
                    int[] iedge = {Integer.MIN_VALUE, Integer.MAX_VALUE, -1, 0, 1};
                    l = edge[rnd.nextInt(edge.length)];
                    v = iedge[rnd.nextInt(iedge.length)];
                }
                default -> { }
            }
            longs[i] = l;
            ints[i] = v;
        }
        long[] expectLongs = longs.clone();
        int[] expectInts = ints.clone();
        Arrays.sort(expectLongs, 0, n);
        Arrays.sort(expectInts, 0, n);
        RadixSort.sort(longs, n);
        RadixSort.sort(ints, n);
        assertThat(longs).isEqualTo(expectLongs);
        assertThat(ints).isEqualTo(expectInts);
    }

    static long[] values(Random rnd, int n, int shape) {
        long[] v = new long[n];
        for (int i = 0; i < n; i++) {
            v[i] = switch (shape) {
                case 0 -> 7;
                case 1 -> (rnd.nextLong() & 0xFF00L) | Long.MIN_VALUE;
                case 2 -> new long[] {Long.MIN_VALUE, Long.MAX_VALUE, -1, 0, 1}[rnd.nextInt(5)];
                default -> rnd.nextLong();
            };
        }
        return v;
    }

    static int size(Random rnd, int seed, int chunk) {
        return switch (seed % 5) {
            case 0 -> rnd.nextInt(2048);
            case 1 -> Math.max(0, chunk * (1 + rnd.nextInt(300)) + rnd.nextInt(3) - 1);
            default -> 2048 + rnd.nextInt(40_000);
        };
    }

    /**
     * Sorting between a flat array and a list of equal chunks (the person count's appended values), longs and ints:
     * against
     * {@code Arrays.sort}, with the values starting in either buffer, for sizes below the radix threshold, at and
     * across chunk boundaries, the value shapes above (constant bytes, all equal, extremes), stale values in both
     * buffers, and the flag telling which buffer holds the result.
     */
    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23})
    void sortsBetweenAFlatArrayAndChunks(int seed) {
        Random rnd = new Random(seed * 131L + 3);
        int bits = 4 + rnd.nextInt(10);
        int size = 1 << bits;
        int n = size(rnd, seed, size);
        boolean startInChunks = seed % 2 == 0;
        long[] longs = values(rnd, n, (seed / 2) % 4);
        long[][] lc = new long[Math.max(1, (n + size - 1) / size + rnd.nextInt(2))][size];
        for (long[] c : lc) {
            Arrays.fill(c, 99);
        }
        long[] lf = new long[n + rnd.nextInt(5)];
        Arrays.fill(lf, -5);
        for (int i = 0; i < n; i++) {
            if (startInChunks) {
                lc[i >> bits][i & (size - 1)] = longs[i];
            } else {
                lf[i] = longs[i];
            }
        }
        int[] ints = new int[n];
        int[][] ic = new int[lc.length][size];
        int[] jf = new int[lf.length];
        for (int[] c : ic) {
            Arrays.fill(c, -99);
        }
        Arrays.fill(jf, 5);
        for (int i = 0; i < n; i++) {
            ints[i] = (int) (longs[i] ^ (longs[i] >>> 32));
            if (startInChunks) {
                ic[i >> bits][i & (size - 1)] = ints[i];
            } else {
                jf[i] = ints[i];
            }
        }
        boolean inChunks = RadixSort.sort(lf, lc, bits, n, startInChunks);
        boolean intsInChunks = RadixSort.sort(jf, ic, bits, n, startInChunks);
        long[] got = new long[n];
        int[] gotInts = new int[n];
        for (int i = 0; i < n; i++) {
            got[i] = inChunks ? lc[i >> bits][i & (size - 1)] : lf[i];
            gotInts[i] = intsInChunks ? ic[i >> bits][i & (size - 1)] : jf[i];
        }
        Arrays.sort(longs);
        Arrays.sort(ints);
        assertThat(got).isEqualTo(longs);
        assertThat(gotInts).isEqualTo(ints);
        if (n < 2048) {
            assertThat(inChunks || intsInChunks).isFalse();
        }
    }
}
