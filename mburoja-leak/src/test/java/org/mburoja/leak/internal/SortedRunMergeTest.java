package org.mburoja.leak.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The arrays of the person count merge the sorted runs appended by {@code addAll} instead of sorting again: against
 * the sorted distinct values of everything appended, for seeded sequences of sorted and unsorted appends, single adds in
 * between (which must fall back to the radix sort), empty arrays, values shared between runs, negative values,
 * run counts on both sides of {@link PersonIndex.LongArray#MAX_RUNS}, and sizes on both sides of the radix-sort
 * threshold.
 */
class SortedRunMergeTest {

    static LongStream seeds() {
        return LongStream.range(0, 30);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void longRunsMergeToTheSortedDistinctUnion(long seed) {
        Random rnd = new Random(seed);
        PersonIndex.LongArray total = new PersonIndex.LongArray();
        LongStream.Builder model = LongStream.builder();
        int parts = rnd.nextInt(2 * PersonIndex.LongArray.MAX_RUNS + 2);
        long range = rnd.nextBoolean() ? 50 : Long.MAX_VALUE;
        for (int p = 0; p < parts; p++) {
            PersonIndex.LongArray part = new PersonIndex.LongArray();
            int size = rnd.nextInt(4) == 0 ? 0 : rnd.nextInt(rnd.nextBoolean() ? 30 : 3000);
            for (int k = 0; k < size; k++) {
                long v = range == Long.MAX_VALUE ? rnd.nextLong() : rnd.nextLong(range) - range / 2;
                part.add(v);
                model.add(v);
            }
            if (rnd.nextInt(10) != 0) {
                part.sortDistinct();
            }
            total.addAll(part);
            if (rnd.nextInt(40) == 0) {
                long v = rnd.nextLong();
                total.add(v);
                model.add(v);
            }
            if (rnd.nextInt(30) == 0) {
                total.sortDistinct();
            }
        }
        total.sortDistinct();
        assertThat(total.toArray()).isEqualTo(model.build().sorted().distinct().toArray());
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void intRunsMergeToTheSortedDistinctUnion(long seed) {
        Random rnd = new Random(seed);
        PersonIndex.IntArray total = new PersonIndex.IntArray();
        java.util.stream.IntStream.Builder model = java.util.stream.IntStream.builder();
        int parts = rnd.nextInt(2 * PersonIndex.LongArray.MAX_RUNS + 2);
        int range = rnd.nextBoolean() ? 50 : 0;
        for (int p = 0; p < parts; p++) {
            PersonIndex.IntArray part = new PersonIndex.IntArray();
            int size = rnd.nextInt(4) == 0 ? 0 : rnd.nextInt(rnd.nextBoolean() ? 30 : 3000);
            for (int k = 0; k < size; k++) {
                int v = range == 0 ? rnd.nextInt() : rnd.nextInt(range) - range / 2;
                part.add(v);
                model.add(v);
            }
            if (rnd.nextInt(10) != 0) {
                part.sortDistinct();
            }
            total.addAll(part);
            if (rnd.nextInt(40) == 0) {
                int v = rnd.nextInt();
                total.add(v);
                model.add(v);
            }
            if (rnd.nextInt(30) == 0) {
                total.sortDistinct();
            }
        }
        total.sortDistinct();
        int[] got = total.toArray();
        assertThat(got).isEqualTo(model.build().sorted().distinct().toArray());
    }
}
