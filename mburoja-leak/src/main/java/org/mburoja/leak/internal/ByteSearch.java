package org.mburoja.leak.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The next delimiter, quote or escape of a line, eight bytes per step: a long read from the byte array, XOR-ed with
 * the byte searched for in every lane, turns that byte into a zero lane, and {@code (x - 0x01..) & ~x & 0x80..}
 * flags zero lanes (SWAR; the lowest flag is always exact, a borrow can only add flags above it). The format readers
 * spend most of their time walking from one delimiter to the next, a byte and a branch at a time; cells of 30 to 90
 * bytes (addresses, notes, digests) take four to twelve steps instead. A step may read up to seven bytes past the end
 * of the range, inside the array (matches there are not reported); within seven bytes of the array's end it goes byte
 * by byte. Plain Java: no Vector API.
 */
final class ByteSearch {

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGH = 0x8080808080808080L;

    private ByteSearch() {
    }

    /** The first index of {@code c} in {@code b[from, to)}, or {@code to}. */
    static int indexOf(byte[] b, int from, int to, byte c) {
        long p = (c & 0xFFL) * ONES;
        int i = from;
        int last = b.length - 8;
        while (i < to) {
            if (i > last) {
                while (i < to && b[i] != c) {
                    i++;
                }
                return i;
            }
            long x = (long) LONGS.get(b, i) ^ p;
            long t = (x - ONES) & ~x & HIGH;
            if (t != 0) {
                return Math.min(to, i + (Long.numberOfTrailingZeros(t) >>> 3));
            }
            i += 8;
        }
        return to;
    }

    /** The first index of {@code c1} or {@code c2} in {@code b[from, to)}, or {@code to}. */
    static int indexOfEither(byte[] b, int from, int to, byte c1, byte c2) {
        long p1 = (c1 & 0xFFL) * ONES;
        long p2 = (c2 & 0xFFL) * ONES;
        int i = from;
        int last = b.length - 8;
        while (i < to) {
            if (i > last) {
                while (i < to && b[i] != c1 && b[i] != c2) {
                    i++;
                }
                return i;
            }
            long w = (long) LONGS.get(b, i);
            long x = w ^ p1;
            long y = w ^ p2;
            long t = ((x - ONES) & ~x | (y - ONES) & ~y) & HIGH;
            if (t != 0) {
                return Math.min(to, i + (Long.numberOfTrailingZeros(t) >>> 3));
            }
            i += 8;
        }
        return to;
    }

    /** How many times {@code c} occurs in {@code b[from, to)}: exact per lane, eight bytes per step. */
    static int count(byte[] b, int from, int to, byte c) {
        long p = (c & 0xFFL) * ONES;
        long low7 = 0x7F7F7F7F7F7F7F7FL;
        int n = 0;
        int i = from;
        for (; i + 8 <= to; i += 8) {
            long x = (long) LONGS.get(b, i) ^ p;
            // a lane's high bit is set exactly when the lane is zero (no borrow between lanes)
            n += Long.bitCount(~((x & low7) + low7 | x | low7));
        }
        for (; i < to; i++) {
            if (b[i] == c) {
                n++;
            }
        }
        return n;
    }
}
