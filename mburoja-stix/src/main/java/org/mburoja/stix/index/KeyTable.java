package org.mburoja.stix.index;

/**
 * Open-addressing hash table (linear probing) from a fixed-width key of up to four longs to the head of an entry
 * chain.
 *
 * <p>Why not {@link java.util.HashMap}: ten million boxed keys cost about 80 bytes each and two pointer chases per
 * probe. Here a slot is {@code width + 1} longs in one flat array, key next to chain head, so a probe costs one
 * cache miss; the load factor stays at most 0.5 and a lookup allocates nothing. Not thread-safe for writing; built
 * once, then read by any number of threads.
 */
final class KeyTable {

    private final int width;
    private final int stride;
    private long[] slots;
    private int mask;
    private int size;
    /**
     * A blocked Bloom filter over the keys (one 64-bit word per probe, two bits set per key, 8 to 16 bits of filter
     * per key), built by {@link #seal}; null before, and again after any later {@link #put}. Why: most detection
     * lookups are misses, and the filter (1-2 MB per million keys, against 32-80 MB of slots) mostly stays in
     * cache, so a miss usually costs no read of the big slot array (a DRAM miss plus page walk at ten million
     * indicators); a few per cent of misses pass it and probe as before.
     */
    private long[] filter;

    KeyTable(int width, int expected) {
        this.width = width;
        this.stride = width + 1;
        int cap = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
        slots = new long[cap * stride];
        mask = cap - 1;
    }

    int size() {
        return size;
    }

    /** The entry chain head for a key, or -1. */
    int find(long k0, long k1, long k2, long k3) {
        return find(mix(k0, k1, k2, k3), k0, k1, k2, k3);
    }

    /** {@link #find} with the key's {@link #mix} already computed. */
    int find(long mixed, long k0, long k1, long k2, long k3) {
        if (!mayContain(mixed)) {
            return -1;
        }
        int slot = (int) mixed & mask;
        long[] s = slots;
        while (true) {
            int b = slot * stride;
            long h = s[b + width];
            if (h == 0) {
                return -1;
            }
            if (s[b] == k0 && (width < 2 || s[b + 1] == k1) && (width < 3 || s[b + 2] == k2)
                    && (width < 4 || s[b + 3] == k3)) {
                return (int) h - 1;
            }
            slot = (slot + 1) & mask;
        }
    }

    /**
     * The chain-head word of the key's home slot (0: the slot is empty, so the key is absent). A batch calls this
     * for all its keys in one loop: the loads are independent, so their cache misses overlap, and the following
     * {@link #find} reads cached lines.
     */
    boolean mayContain(long mixed) {
        long[] f = filter;
        return f == null || filterHas(f, mixed);
    }

    /** Builds the filter over the present keys (call once the table is complete; {@link #put} drops it). */
    void seal() {
        if (size == 0) {
            filter = null;
            return;
        }
        long[] f = newFilter(size);
        forEach((k0, k1, k2, k3, head) -> filterAdd(f, mix(k0, k1, k2, k3)));
        filter = f;
    }

    /** An empty blocked Bloom filter for {@code keys} keys: 8 to 16 bits per key, a power of two of words. */
    static long[] newFilter(int keys) {
        return new long[Integer.highestOneBit(Math.max(1, keys / 8)) << 1];
    }

    /** Adds a key, given by its {@link #mix} hash (bits 20-63 used: the slot index uses the low bits). */
    static void filterAdd(long[] f, long mixed) {
        f[(int) (mixed >>> 32) & (f.length - 1)] |= 1L << (mixed >>> 26) | 1L << (mixed >>> 20);
    }

    /** False only if the key was never added. */
    static boolean filterHas(long[] f, long mixed) {
        long bits = 1L << (mixed >>> 26) | 1L << (mixed >>> 20);
        return (f[(int) (mixed >>> 32) & (f.length - 1)] & bits) == bits;
    }

    long home(long mixed) {
        return slots[((int) mixed & mask) * stride + width];
    }

    /** Sets the chain head of a key; returns the previous head or -1. */
    int put(long k0, long k1, long k2, long k3, int entry) {
        filter = null;
        if ((size + 1) * 2 > mask + 1) {
            grow();
        }
        int slot = (int) mix(k0, k1, k2, k3) & mask;
        while (true) {
            int b = slot * stride;
            long h = slots[b + width];
            if (h == 0) {
                slots[b] = k0;
                if (width > 1) {
                    slots[b + 1] = k1;
                }
                if (width > 2) {
                    slots[b + 2] = k2;
                }
                if (width > 3) {
                    slots[b + 3] = k3;
                }
                slots[b + width] = entry + 1L;
                size++;
                return -1;
            }
            if (slots[b] == k0 && (width < 2 || slots[b + 1] == k1) && (width < 3 || slots[b + 2] == k2)
                    && (width < 4 || slots[b + 3] == k3)) {
                slots[b + width] = entry + 1L;
                return (int) h - 1;
            }
            slot = (slot + 1) & mask;
        }
    }

    /** Visits every key with its chain head. */
    void forEach(Visitor v) {
        for (int slot = 0; slot <= mask; slot++) {
            int b = slot * stride;
            if (slots[b + width] != 0) {
                v.visit(slots[b], width > 1 ? slots[b + 1] : 0, width > 2 ? slots[b + 2] : 0,
                        width > 3 ? slots[b + 3] : 0, (int) slots[b + width] - 1);
            }
        }
    }

    interface Visitor {
        void visit(long k0, long k1, long k2, long k3, int head);
    }

    long bytes() {
        return slots.length * 8L + (filter == null ? 0 : filter.length * 8L);
    }

    private void grow() {
        long[] old = slots;
        int oldCap = mask + 1;
        slots = new long[oldCap * 2 * stride];
        mask = oldCap * 2 - 1;
        size = 0;
        for (int s = 0; s < oldCap; s++) {
            int b = s * stride;
            if (old[b + width] != 0) {
                put(old[b], width > 1 ? old[b + 1] : 0, width > 2 ? old[b + 2] : 0, width > 3 ? old[b + 3] : 0,
                        (int) old[b + width] - 1);
            }
        }
    }

    /**
     * This process's hash seed, drawn at start. Indicator values come from feeds and partners; with a fixed hash,
     * whoever knows it could send keys that all land in one run of slots (or one filter word) and slow down every
     * lookup that probes there. With a secret seed per process, which keys collide cannot be computed from outside.
     * The index lives in memory only, so no stored data depends on the seed.
     */
    static final long SEED = new java.security.SecureRandom().nextLong();

    /** The table hash of a key (slot index from the low bits, filter from bits 20-63), with this process's seed. */
    static long mix(long k0, long k1, long k2, long k3) {
        return mix(SEED, k0, k1, k2, k3);
    }

    /** {@link #mix} with a given seed (for tests that compare seeds). */
    static long mix(long seed, long k0, long k1, long k2, long k3) {
        long h = (k0 ^ seed) * 0x9E3779B97F4A7C15L;
        h ^= Long.rotateLeft(k1 * 0xC2B2AE3D27D4EB4FL, 31);
        h ^= Long.rotateLeft(k2 * 0x165667B19E3779F9L, 17);
        h ^= Long.rotateLeft(k3 * 0x27D4EB2F165667C5L, 47);
        h += Long.rotateLeft(seed, 29);
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        return h;
    }
}
