package org.mburoja.operators.internal;

/**
 * Stable merge sort of an {@code int[]} (indices into parallel primitive arrays) with a primitive comparator, so a
 * million blocks sort without boxing a million {@code Integer}s.
 */
final class IntSort {

    @FunctionalInterface
    interface IntComparator {
        int compare(int a, int b);
    }

    private IntSort() {
    }

    static void sort(int[] a, IntComparator cmp) {
        int[] buf = new int[a.length];
        int[] src = a;
        int[] dst = buf;
        for (int width = 1; width < a.length; width *= 2) {
            for (int left = 0; left < a.length; left += 2 * width) {
                int mid = Math.min(left + width, a.length);
                int right = Math.min(left + 2 * width, a.length);
                int i = left;
                int j = mid;
                int k = left;
                while (i < mid && j < right) {
                    dst[k++] = cmp.compare(src[i], src[j]) <= 0 ? src[i++] : src[j++];
                }
                while (i < mid) {
                    dst[k++] = src[i++];
                }
                while (j < right) {
                    dst[k++] = src[j++];
                }
            }
            int[] t = src;
            src = dst;
            dst = t;
        }
        if (src != a) {
            System.arraycopy(src, 0, a, 0, a.length);
        }
    }
}
