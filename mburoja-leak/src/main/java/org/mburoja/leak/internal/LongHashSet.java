package org.mburoja.leak.internal;

/**
 * An open-addressing set of longs: 8 bytes per slot at a load of at most 0.7, no boxing. Used for exact distinct
 * counts of personal numbers and for person-linking keys, where a {@code HashSet<Long>} would cost ~50 bytes per
 * entry and dominate the scanner's memory.
 */
public final class LongHashSet {

    private long[] slots = new long[1 << 10];
    private boolean hasZero;
    private int size;

    /** Adds {@code v}; returns whether it was new. */
    public boolean add(long v) {
        if (v == 0) {
            boolean added = !hasZero;
            hasZero = true;
            size += added ? 1 : 0;
            return added;
        }
        int mask = slots.length - 1;
        int i = (int) mix(v) & mask;
        while (true) {
            long s = slots[i];
            if (s == 0) {
                slots[i] = v;
                if (++size * 10L > slots.length * 7L) {
                    grow();
                }
                return true;
            }
            if (s == v) {
                return false;
            }
            i = (i + 1) & mask;
        }
    }

    public boolean contains(long v) {
        if (v == 0) {
            return hasZero;
        }
        int mask = slots.length - 1;
        int i = (int) mix(v) & mask;
        while (true) {
            long s = slots[i];
            if (s == 0) {
                return false;
            }
            if (s == v) {
                return true;
            }
            i = (i + 1) & mask;
        }
    }

    public int size() {
        return size;
    }

    /** Bytes held by the table, for memory reports. */
    public long footprintBytes() {
        return slots.length * 8L;
    }

    private void grow() {
        long[] old = slots;
        slots = new long[old.length * 2];
        int mask = slots.length - 1;
        for (long v : old) {
            if (v != 0) {
                int i = (int) mix(v) & mask;
                while (slots[i] != 0) {
                    i = (i + 1) & mask;
                }
                slots[i] = v;
            }
        }
    }

    static long mix(long v) {
        v ^= v >>> 33;
        v *= 0xff51afd7ed558ccdL;
        v ^= v >>> 33;
        return v;
    }
}
