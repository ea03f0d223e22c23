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

    /**
     * Sorting values held in chunks (appended by the person count) into one of two arrays: against
     * {@code Arrays.sort}, for chunks of equal and of random lengths, sizes below, at and across chunk boundaries and below the radix threshold, the value
     * shapes above (constant bytes, all equal, extremes), and stale values in the target arrays.
     */
    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19})
    void sortsChunkedValuesIntoOneOfTwoArrays(int seed) {
        Random rnd = new Random(seed * 131L + 3);
        int bits = 4 + rnd.nextInt(10);
        int size = 1 << bits;
        int n = switch (seed % 5) {
            case 0 -> rnd.nextInt(2048);
            case 1 -> size * (1 + rnd.nextInt(300)) + rnd.nextInt(3) - 1;
            default -> 2048 + rnd.nextInt(40_000);
        };
        n = Math.max(0, n);
        long[] longs = new long[n];
        int[] ints = new int[n];
        int shape = seed % 4;
        for (int i = 0; i < n; i++) {
            longs[i] = switch (shape) {
                case 0 -> 7;
                case 1 -> (rnd.nextLong() & 0xFF00L) | Long.MIN_VALUE;
                case 2 -> new long[] {Long.MIN_VALUE, Long.MAX_VALUE, -1, 0, 1}[rnd.nextInt(5)];
                default -> rnd.nextLong();
            };
            ints[i] = (int) (longs[i] ^ (longs[i] >>> 32));
        }
        // chunks of random lengths (at least 1 << bits together per two chunks), filled in order, stale past n
        java.util.List<long[]> lcl = new java.util.ArrayList<>();
        java.util.List<int[]> icl = new java.util.ArrayList<>();
        for (int held = 0; held <= n; ) {
            int len = rnd.nextBoolean() ? size : 1 + rnd.nextInt(2 * size);
            long[] l = new long[len];
            int[] v = new int[len];
            Arrays.fill(l, 99);
            Arrays.fill(v, 99);
            for (int i = 0; i < len && held + i < n; i++) {
                l[i] = longs[held + i];
                v[i] = ints[held + i];
            }
            lcl.add(l);
            icl.add(v);
            held += len;
        }
        long[][] lc = lcl.toArray(new long[0][]);
        int[][] ic = icl.toArray(new int[0][]);
        long[] lx = new long[n + 3];
        long[] ly = new long[n + 3];
        int[] ix = new int[n + 3];
        int[] iy = new int[n + 3];
        Arrays.fill(lx, -5);
        Arrays.fill(iy, -5);
        long[] gotLongs = RadixSort.sort(lc, n, lx, ly);
        int[] gotInts = RadixSort.sort(ic, n, ix, iy);
        assertThat(gotLongs == lx || gotLongs == ly).isTrue();
        assertThat(gotInts == ix || gotInts == iy).isTrue();
        Arrays.sort(longs);
        Arrays.sort(ints);
        assertThat(Arrays.copyOf(gotLongs, n)).isEqualTo(longs);
        assertThat(Arrays.copyOf(gotInts, n)).isEqualTo(ints);
    }
}
