package org.mburoja.stix.index;

import java.util.Arrays;

/**
 * Open-addressing hash table from a fixed-width key of up to four longs to the head of an entry chain.
 *
 * <p>Why not {@link java.util.HashMap}: ten million boxed keys cost about 80 bytes each and a pointer chase per
 * probe; here a slot is {@code width} longs plus one int in flat arrays (load factor at most 0.5) and a lookup
 * allocates nothing. Not thread-safe for writing; built once, then read by any number of threads.
 */
final class KeyTable {

    private final int width;
    private long[] keys;
    private int[] heads;
    private int mask;
    private int size;

    KeyTable(int width, int expected) {
        this.width = width;
        int cap = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
        keys = new long[cap * width];
        heads = new int[cap];
        mask = cap - 1;
    }

    int size() {
        return size;
    }

    /** The entry chain head for a key, or -1. */
    int find(long k0, long k1, long k2, long k3) {
        int slot = (int) mix(k0, k1, k2, k3) & mask;
        while (true) {
            int h = heads[slot];
            if (h == 0) {
                return -1;
            }
            if (same(slot, k0, k1, k2, k3)) {
                return h - 1;
            }
            slot = (slot + 1) & mask;
        }
    }

    /** Sets the chain head of a key; returns the previous head or -1. */
    int put(long k0, long k1, long k2, long k3, int entry) {
        if ((size + 1) * 2 > heads.length) {
            grow();
        }
        int slot = (int) mix(k0, k1, k2, k3) & mask;
        while (heads[slot] != 0) {
            if (same(slot, k0, k1, k2, k3)) {
                int prev = heads[slot] - 1;
                heads[slot] = entry + 1;
                return prev;
            }
            slot = (slot + 1) & mask;
        }
        int base = slot * width;
        keys[base] = k0;
        if (width > 1) {
            keys[base + 1] = k1;
        }
        if (width > 2) {
            keys[base + 2] = k2;
        }
        if (width > 3) {
            keys[base + 3] = k3;
        }
        heads[slot] = entry + 1;
        size++;
        return -1;
    }

    /** Visits every key with its chain head. */
    void forEach(Visitor v) {
        for (int slot = 0; slot < heads.length; slot++) {
            if (heads[slot] != 0) {
                int b = slot * width;
                v.visit(keys[b], width > 1 ? keys[b + 1] : 0, width > 2 ? keys[b + 2] : 0,
                        width > 3 ? keys[b + 3] : 0, heads[slot] - 1);
            }
        }
    }

    interface Visitor {
        void visit(long k0, long k1, long k2, long k3, int head);
    }

    long bytes() {
        return keys.length * 8L + heads.length * 4L;
    }

    private boolean same(int slot, long k0, long k1, long k2, long k3) {
        int b = slot * width;
        return keys[b] == k0 && (width < 2 || keys[b + 1] == k1) && (width < 3 || keys[b + 2] == k2)
                && (width < 4 || keys[b + 3] == k3);
    }

    private void grow() {
        long[] oldKeys = keys;
        int[] oldHeads = heads;
        keys = new long[oldKeys.length * 2];
        heads = new int[oldHeads.length * 2];
        mask = heads.length - 1;
        size = 0;
        for (int s = 0; s < oldHeads.length; s++) {
            if (oldHeads[s] != 0) {
                int b = s * width;
                put(oldKeys[b], width > 1 ? oldKeys[b + 1] : 0, width > 2 ? oldKeys[b + 2] : 0,
                        width > 3 ? oldKeys[b + 3] : 0, oldHeads[s] - 1);
            }
        }
        Arrays.fill(oldKeys, 0);
    }

    static long mix(long k0, long k1, long k2, long k3) {
        long h = k0 * 0x9E3779B97F4A7C15L;
        h ^= Long.rotateLeft(k1 * 0xC2B2AE3D27D4EB4FL, 31);
        h ^= Long.rotateLeft(k2 * 0x165667B19E3779F9L, 17);
        h ^= Long.rotateLeft(k3 * 0x27D4EB2F165667C5L, 47);
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        return h;
    }
}
