package org.mburoja.leak.internal;

/**
 * LSD radix sort of primitive arrays in signed order, byte by byte, skipping bytes that are equal in every element.
 * About three times faster than {@code Arrays.sort} on the millions of random 64-bit keys of a person count, whose
 * quicksort misses the caches on every partition; costs a temporary array of the same size.
 */
final class RadixSort {

    private RadixSort() {
    }

    static void sort(long[] a, int n) {
        if (n < 2048) {
            java.util.Arrays.sort(a, 0, n);
            return;
        }
        long[] src = a;
        long[] dst = new long[n];
        int[] count = new int[256];
        for (int shift = 0; shift < 64; shift += 8) {
            java.util.Arrays.fill(count, 0);
            boolean top = shift == 56;
            for (int i = 0; i < n; i++) {
                count[bucket(src[i], shift, top)]++;
            }
            if (count[bucket(src[0], shift, top)] == n) {
                continue;
            }
            int sum = 0;
            for (int b = 0; b < 256; b++) {
                int c = count[b];
                count[b] = sum;
                sum += c;
            }
            for (int i = 0; i < n; i++) {
                long v = src[i];
                dst[count[bucket(v, shift, top)]++] = v;
            }
            long[] t = src;
            src = dst;
            dst = t;
        }
        if (src != a) {
            System.arraycopy(src, 0, a, 0, n);
        }
    }

    private static int bucket(long v, int shift, boolean top) {
        int b = (int) (v >>> shift) & 0xFF;
        return top ? b ^ 0x80 : b;
    }

    static void sort(int[] a, int n) {
        if (n < 2048) {
            java.util.Arrays.sort(a, 0, n);
            return;
        }
        int[] src = a;
        int[] dst = new int[n];
        int[] count = new int[256];
        for (int shift = 0; shift < 32; shift += 8) {
            java.util.Arrays.fill(count, 0);
            boolean top = shift == 24;
            for (int i = 0; i < n; i++) {
                count[bucket(src[i], shift, top)]++;
            }
            if (count[bucket(src[0], shift, top)] == n) {
                continue;
            }
            int sum = 0;
            for (int b = 0; b < 256; b++) {
                int c = count[b];
                count[b] = sum;
                sum += c;
            }
            for (int i = 0; i < n; i++) {
                int v = src[i];
                dst[count[bucket(v, shift, top)]++] = v;
            }
            int[] t = src;
            src = dst;
            dst = t;
        }
        if (src != a) {
            System.arraycopy(src, 0, a, 0, n);
        }
    }

    private static int bucket(int v, int shift, boolean top) {
        int b = (v >>> shift) & 0xFF;
        return top ? b ^ 0x80 : b;
    }
}
