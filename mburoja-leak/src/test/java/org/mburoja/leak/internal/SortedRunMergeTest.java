package org.mburoja.leak.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The arrays of the person count merge the sorted runs appended by {@code addAll} instead of sorting again: against
 * the sorted distinct values of everything appended, for seeded sequences of sorted and unsorted appends, single adds in
 * between (which must fall back to the radix sort), empty arrays, values shared between runs, negative values,
 * run counts on both sides of {@link PersonIndex.LongArray#MAX_PARTS}, and sizes on both sides of the radix-sort
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
        int parts = rnd.nextInt(2 * PersonIndex.LongArray.MAX_PARTS + 2);
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
        int parts = rnd.nextInt(2 * PersonIndex.LongArray.MAX_PARTS + 2);
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

    /** An array handed over whole is shared: writes on either side after that must not show on the other. */
    @ParameterizedTest
    @MethodSource("seeds")
    void handedOverArraysAreCopiedBeforeEitherSideWrites(long seed) {
        Random rnd = new Random(seed);
        PersonIndex.SortScratch scratch = new PersonIndex.SortScratch();
        PersonIndex.LongArray total = new PersonIndex.LongArray(scratch);
        LongStream.Builder model = LongStream.builder();
        java.util.List<PersonIndex.LongArray> parts = new java.util.ArrayList<>();
        java.util.List<long[]> partValues = new java.util.ArrayList<>();
        int count = 1 + rnd.nextInt(6);
        for (int p = 0; p < count; p++) {
            PersonIndex.LongArray part = new PersonIndex.LongArray(rnd.nextBoolean() ? scratch
                    : new PersonIndex.SortScratch());
            int size = 1 + rnd.nextInt(rnd.nextBoolean() ? 50 : 4000);
            for (int k = 0; k < size; k++) {
                long v = rnd.nextInt(10_000);
                part.add(v);
                model.add(v);
            }
            part.sortDistinct();
            parts.add(part);
            partValues.add(part.toArray());
            total.addAll(part);
        }
        // the parts are written to after the hand-over: the total must not change
        for (PersonIndex.LongArray part : parts) {
            for (int k = 0; k < 100; k++) {
                part.add(-1 - rnd.nextInt(1000));
            }
            part.sortDistinct();
        }
        if (rnd.nextBoolean()) {
            total.sortDistinct();
        }
        long extra = 20_000 + rnd.nextInt(1000);
        total.add(extra);
        model.add(extra);
        total.sortDistinct();
        assertThat(total.toArray()).isEqualTo(model.build().sorted().distinct().toArray());
        // and the total's writes must not show in the parts (beyond what they added themselves)
        for (int p = 0; p < parts.size(); p++) {
            long[] got = parts.get(p).toArray();
            assertThat(Arrays.stream(got).filter(v -> v >= 0).toArray()).isEqualTo(partValues.get(p));
        }
    }
}
