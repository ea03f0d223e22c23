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
}
