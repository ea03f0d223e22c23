package org.mburoja.leak.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link ByteSearch} (eight bytes per step) against the byte loops it replaced in the CSV, SQL and JSON readers: for
 * seeded arrays of every length up to 100 with ranges starting and ending anywhere (also inside the last eight bytes
 * of the array), the searched bytes placed at lane edges, just past the range and repeated (a borrow in the SWAR
 * test must not move the first match), and every byte value as the searched byte and as its neighbours.
 */
class ByteSearchPropertyTest {

    private static final byte[] TARGETS = {',', ';', '\t', '|', '"', '\'', '\\', 0, 1, (byte) 0x7F, (byte) 0x80,
            (byte) 0xFF};

    static LongStream seeds() {
        return LongStream.range(0, 40);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void findsTheFirstMatchLikeTheByteLoop(long seed) {
        Random rnd = new Random(seed);
        for (int t = 0; t < 3000; t++) {
            int n = rnd.nextInt(100);
            byte c1 = rnd.nextInt(4) == 0 ? (byte) rnd.nextInt(256) : TARGETS[rnd.nextInt(TARGETS.length)];
            byte c2 = rnd.nextInt(4) == 0 ? (byte) rnd.nextInt(256) : TARGETS[rnd.nextInt(TARGETS.length)];
            byte[] b = new byte[n];
            int density = 1 + rnd.nextInt(40);
            for (int k = 0; k < n; k++) {
                int r = rnd.nextInt(density + 2);
                b[k] = r == 0 ? c1 : r == 1 ? c2 : rnd.nextBoolean() ? (byte) (c1 + 1) : (byte) rnd.nextInt(256);
            }
            int from = n == 0 ? 0 : rnd.nextInt(n + 1);
            int to = from + rnd.nextInt(n - from + 1);
            assertThat(ByteSearch.indexOf(b, from, to, c1)).as("seed %d case %d", seed, t)
                    .isEqualTo(loop(b, from, to, c1, c1));
            assertThat(ByteSearch.indexOfEither(b, from, to, c1, c2)).as("seed %d case %d", seed, t)
                    .isEqualTo(loop(b, from, to, c1, c2));
            int count = 0;
            for (int k = from; k < to; k++) {
                count += b[k] == c1 ? 1 : 0;
            }
            assertThat(ByteSearch.count(b, from, to, c1)).as("count, seed %d case %d", seed, t).isEqualTo(count);
        }
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void everyByteValueAtEveryLane(long seed) {
        Random rnd = new Random(seed);
        for (int v = 0; v < 256; v++) {
            byte c = (byte) v;
            byte[] b = new byte[40];
            for (int k = 0; k < b.length; k++) {
                do {
                    b[k] = (byte) rnd.nextInt(256);
                } while (b[k] == c);
            }
            int at = rnd.nextInt(b.length);
            b[at] = c;
            int from = rnd.nextInt(at + 1);
            assertThat(ByteSearch.indexOf(b, from, b.length, c)).isEqualTo(at);
            assertThat(ByteSearch.indexOf(b, from, at, c)).as("match at the end is outside").isEqualTo(at);
            assertThat(ByteSearch.indexOfEither(b, from, b.length, (byte) (c ^ 0x80), c))
                    .isEqualTo(loop(b, from, b.length, (byte) (c ^ 0x80), c));
        }
    }

    /** The reader loops before the eight-byte steps. */
    private static int loop(byte[] b, int from, int to, byte c1, byte c2) {
        int i = from;
        while (i < to && b[i] != c1 && b[i] != c2) {
            i++;
        }
        return i;
    }
}
