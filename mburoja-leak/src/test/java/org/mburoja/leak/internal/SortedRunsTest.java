package org.mburoja.leak.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The arrays of the person count: values appended in pool chunks, sorted into runs, runs handed over whole and read
 * in order through a cursor, against the sorted distinct values of everything appended (a stream). Seeded sequences
 * of appends, sorts and hand-overs, with sizes at the chunk boundaries ({@code 2^15} longs, {@code 2^16} ints, one
 * below, one above, several chunks) and on both sides of the radix-sort threshold, empty arrays, values shared
 * between runs, negative values, and run counts above {@link LongRuns#MAX_RUNS}. Several arrays share one pool, so
 * recycled chunks and sort arrays (handed out unzeroed) must not leak values from one to another.
 */
class SortedRunsTest {

    static final int LONG_CHUNK = 1 << ArrayPool.LONG_CHUNK_BITS;
    static final int INT_CHUNK = 1 << ArrayPool.INT_CHUNK_BITS;

    static LongStream seeds() {
        return LongStream.range(0, 30);
    }

    static int size(Random rnd, int chunk) {
        return switch (rnd.nextInt(16)) {
            case 0 -> 0;
            case 1 -> chunk - 1 + rnd.nextInt(3);
            case 2 -> 2 * chunk + rnd.nextInt(3) - 1;
            case 3 -> 2046 + rnd.nextInt(4);
            case 4 -> rnd.nextInt(3 * chunk);
            default -> rnd.nextInt(rnd.nextBoolean() ? 30 : 3000);
        };
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void longRunsHoldTheSortedDistinctUnion(long seed) {
        Random rnd = new Random(seed);
        ArrayPool pool = new ArrayPool();
        LongRuns total = new LongRuns(pool);
        LongStream.Builder model = LongStream.builder();
        int parts = rnd.nextInt(2 * LongRuns.MAX_RUNS + 4);
        long range = rnd.nextBoolean() ? 50 : Long.MAX_VALUE;
        for (int p = 0; p < parts; p++) {
            LongRuns part = new LongRuns(rnd.nextInt(4) == 0 ? new ArrayPool() : pool);
            int size = size(rnd, LONG_CHUNK);
            for (int k = 0; k < size; k++) {
                long v = range == Long.MAX_VALUE ? rnd.nextLong() : rnd.nextLong(range) - range / 2;
                part.add(v);
                model.add(v);
            }
            if (rnd.nextInt(10) != 0) {
                part.sortDistinct();
            }
            total.addAll(part);
            if (rnd.nextInt(10) == 0) {
                long v = rnd.nextLong();
                total.add(v);
                model.add(v);
            }
            if (rnd.nextInt(8) == 0) {
                total.sortDistinct();
            }
        }
        long[] expect = model.build().sorted().distinct().toArray();
        assertThat(total.distinct()).isEqualTo(expect.length);
        assertThat(total.toArray()).isEqualTo(expect);
        assertThat(cursorValues(total)).isEqualTo(expect);
        assertThat(total.runCount()).isLessThanOrEqualTo(LongRuns.MAX_RUNS);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void intRunsHoldTheSortedDistinctUnion(long seed) {
        Random rnd = new Random(seed);
        ArrayPool pool = new ArrayPool();
        IntRuns total = new IntRuns(pool);
        IntStream.Builder model = IntStream.builder();
        int parts = rnd.nextInt(2 * IntRuns.MAX_RUNS + 4);
        int range = rnd.nextBoolean() ? 50 : 0;
        for (int p = 0; p < parts; p++) {
            IntRuns part = new IntRuns(rnd.nextInt(4) == 0 ? new ArrayPool() : pool);
            int size = size(rnd, INT_CHUNK);
            for (int k = 0; k < size; k++) {
                int v = range == 0 ? rnd.nextInt() : rnd.nextInt(range) - range / 2;
                part.add(v);
                model.add(v);
            }
            if (rnd.nextInt(10) != 0) {
                part.sortDistinct();
            }
            total.addAll(part);
            if (rnd.nextInt(10) == 0) {
                int v = rnd.nextInt();
                total.add(v);
                model.add(v);
            }
            if (rnd.nextInt(8) == 0) {
                total.sortDistinct();
            }
        }
        int[] expect = model.build().sorted().distinct().toArray();
        assertThat(total.distinct()).isEqualTo(expect.length);
        assertThat(total.toArray()).isEqualTo(expect);
        total.sortDistinct();
        List<Integer> seen = new ArrayList<>();
        for (IntRuns.Cursor c = total.cursor(); c.more(); c.advance()) {
            if (seen.isEmpty() || seen.get(seen.size() - 1) != c.peek()) {
                seen.add(c.peek());
            }
        }
        assertThat(seen.stream().mapToInt(Integer::intValue).toArray()).isEqualTo(expect);
        // every value of every run, run by run, is one of the model's
        for (int r = 0; r < total.runCount(); r++) {
            int[] run = total.run(r);
            assertThat(IntStream.range(1, run.length).allMatch(i -> run[i] > run[i - 1])).isTrue();
            assertThat(Arrays.stream(run).allMatch(v -> Arrays.binarySearch(expect, v) >= 0)).isTrue();
        }
    }

    /** Runs handed over are shared: what either side appends or sorts afterwards must not show on the other. */
    @ParameterizedTest
    @MethodSource("seeds")
    void handedOverRunsStayUnchangedWhenEitherSideGoesOn(long seed) {
        Random rnd = new Random(seed);
        ArrayPool pool = new ArrayPool();
        LongRuns total = new LongRuns(pool);
        LongStream.Builder model = LongStream.builder();
        List<LongRuns> parts = new ArrayList<>();
        List<long[]> partValues = new ArrayList<>();
        int count = 1 + rnd.nextInt(6);
        for (int p = 0; p < count; p++) {
            LongRuns part = new LongRuns(pool);
            int size = 1 + rnd.nextInt(rnd.nextBoolean() ? 50 : LONG_CHUNK + 4000);
            for (int k = 0; k < size; k++) {
                long v = rnd.nextInt(100_000);
                part.add(v);
                model.add(v);
            }
            part.sortDistinct();
            parts.add(part);
            partValues.add(part.toArray());
            total.addAll(part);
        }
        for (LongRuns part : parts) {
            for (int k = 0; k < 3000; k++) {
                part.add(-1 - rnd.nextInt(1000));
            }
            part.sortDistinct();
        }
        long extra = 200_000 + rnd.nextInt(1000);
        total.add(extra);
        model.add(extra);
        assertThat(total.toArray()).isEqualTo(model.build().sorted().distinct().toArray());
        for (int p = 0; p < parts.size(); p++) {
            long[] got = parts.get(p).toArray();
            assertThat(Arrays.stream(got).filter(v -> v >= 0).toArray()).isEqualTo(partValues.get(p));
        }
    }

    /** Chunks are recycled unzeroed: a list refilled from the pool holds only what was appended to it. */
    @ParameterizedTest
    @MethodSource("seeds")
    void chunkListsRefilledFromThePoolHoldOnlyTheirOwnValues(long seed) {
        Random rnd = new Random(seed);
        ArrayPool pool = new ArrayPool();
        for (int round = 0; round < 4; round++) {
            LongChunks longs = new LongChunks(pool);
            IntChunks ints = new IntChunks(pool);
            int n = size(rnd, LONG_CHUNK);
            long[] lv = new long[n];
            int[] iv = new int[n];
            for (int i = 0; i < n; i++) {
                lv[i] = rnd.nextLong();
                iv[i] = rnd.nextInt();
                longs.add(lv[i]);
                ints.add(iv[i]);
            }
            LongChunks copy = new LongChunks(pool);
            copy.addAll(longs);
            assertThat(longs.size()).isEqualTo(n);
            assertThat(copy.size()).isEqualTo(n);
            long[] gotLongs = new long[n];
            long[] gotCopy = new long[n];
            int[] gotInts = new int[n];
            for (int i = 0; i < n; i++) {
                gotLongs[i] = longs.get(i);
                gotCopy[i] = copy.get(i);
                gotInts[i] = ints.get(i);
            }
            assertThat(gotLongs).isEqualTo(lv);
            assertThat(gotCopy).isEqualTo(lv);
            assertThat(gotInts).isEqualTo(iv);
            longs.clear();
            ints.clear();
            copy.clear();
            assertThat(longs.size()).isZero();
        }
    }

    private static long[] cursorValues(LongRuns runs) {
        runs.sortDistinct();
        LongStream.Builder b = LongStream.builder();
        long last = 0;
        boolean any = false;
        for (LongRuns.Cursor c = runs.cursor(); c.more(); c.advance()) {
            if (!any || c.peek() != last) {
                b.add(c.peek());
                last = c.peek();
                any = true;
            }
        }
        return b.build().toArray();
    }
}
