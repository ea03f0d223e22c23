package org.mburoja.operators.internal;

import java.util.Arrays;

/**
 * Longest-prefix match over the CIDR blocks of one address family, as a sorted array of disjoint intervals.
 *
 * <p>CIDR blocks are either nested or disjoint, so the address space can be cut into at most {@code 2n + 1}
 * elementary intervals, each owned by its innermost (most specific) block. Building sorts the blocks once
 * ({@code O(n log n)}) and sweeps them with a stack; a lookup is one binary search over the interval starts
 * ({@code O(log n)}, no allocation). Memory: about 12 bytes per interval for IPv4 (20 for IPv6) plus 13-21 bytes and
 * the owner list per distinct block; 1,000,000 IPv4 blocks take about 40 MB. The table is immutable: a change
 * builds a new one.
 */
final class RangeTable {

    private final boolean v6;
    private final long[] startHi; // null for IPv4 (always 0)
    private final long[] startLo;
    private final int[] blockOf;  // interval -> distinct block, -1 for addresses no block covers
    private final long[] blockHi; // null for IPv4
    private final long[] blockLo;
    private final byte[] blockPrefix;
    private final int[] ownerStart;
    private final int[] owners;
    private final int[] parent;      // distinct block -> the block directly enclosing it, or -1
    private final int[] bucketStart; // bucket (top 16 address bits) -> first interval starting in it or later

    private RangeTable(boolean v6, long[] startHi, long[] startLo, int[] blockOf, long[] blockHi, long[] blockLo,
                       byte[] blockPrefix, int[] ownerStart, int[] owners, int[] parent) {
        this.v6 = v6;
        this.startHi = startHi;
        this.startLo = startLo;
        this.blockOf = blockOf;
        this.blockHi = blockHi;
        this.blockLo = blockLo;
        this.blockPrefix = blockPrefix;
        this.ownerStart = ownerStart;
        this.owners = owners;
        this.parent = parent;
        this.bucketStart = new int[BUCKETS + 1];
        int j = 0;
        for (int k = 0; k <= BUCKETS; k++) {
            while (j < startLo.length && bucket(startHi == null ? 0 : startHi[j], startLo[j]) < k) {
                j++;
            }
            bucketStart[k] = j;
        }
    }

    private static final int BUCKETS = 1 << 16;

    /** The top 16 bits of the address: a first-level table narrows the binary search to one bucket. */
    private int bucket(long hi, long lo) {
        return v6 ? (int) (hi >>> 48) : (int) ((lo >>> 16) & 0xFFFF);
    }

    /** Distinct block containing the address most specifically, or -1. */
    int find(long hi, long lo) {
        if (!v6 && hi != 0) {
            return -1;
        }
        int k = bucket(hi, lo);
        int low = bucketStart[k];
        int high = bucketStart[k + 1] - 1;
        int found = low - 1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            int c = compare(startHi == null ? 0 : startHi[mid], startLo[mid], hi, lo);
            if (c <= 0) {
                found = mid;
                low = mid + 1;
            } else {
                high = mid - 1;
            }
        }
        return found < 0 ? -1 : blockOf[found];
    }

    IpBlock block(int b) {
        return new IpBlock(v6, blockHi == null ? 0 : blockHi[b], blockLo[b], blockPrefix[b] & 0xFF);
    }

    /** The block directly enclosing block {@code b}, or -1: the next candidate when b's owners do not count. */
    int parent(int b) {
        return parent[b];
    }

    int[] owners(int b) {
        return Arrays.copyOfRange(owners, ownerStart[b], ownerStart[b + 1]);
    }

    int intervals() {
        return startLo.length;
    }

    int blocks() {
        return blockLo.length;
    }

    long approximateBytes() {
        long perInterval = (startHi == null ? 8 : 16) + 4;
        long perBlock = (blockHi == null ? 8 : 16) + 1 + 4;
        return perInterval * startLo.length + perBlock * blockLo.length + 4L * owners.length
                + 4L * bucketStart.length + 4L * parent.length;
    }

    static int compare(long aHi, long aLo, long bHi, long bLo) {
        int c = Long.compareUnsigned(aHi, bHi);
        return c != 0 ? c : Long.compareUnsigned(aLo, bLo);
    }

    /** Collects blocks of one family; {@link #build()} may be called once. */
    static final class Builder {
        private final boolean v6;
        private long[] hi = new long[16];
        private long[] lo = new long[16];
        private byte[] prefix = new byte[16];
        private int[] owner = new int[16];
        private int n;

        Builder(boolean v6) {
            this.v6 = v6;
        }

        void add(IpBlock block, int ownerId) {
            if (block.v6() != v6) {
                throw new IllegalArgumentException("address family mismatch");
            }
            if (n == lo.length) {
                int cap = n * 2;
                hi = Arrays.copyOf(hi, cap);
                lo = Arrays.copyOf(lo, cap);
                prefix = Arrays.copyOf(prefix, cap);
                owner = Arrays.copyOf(owner, cap);
            }
            hi[n] = block.hi();
            lo[n] = block.lo();
            prefix[n] = (byte) block.prefix();
            owner[n] = ownerId;
            n++;
        }

        /**
         * IPv4 blocks sorted by start then prefix, as packed {@code start|prefix|index} longs: a primitive sort,
         * several times faster than the comparator sort for a million blocks; {@code null} when too many.
         */
        private int[] sortV4() {
            if (n >= 1 << 26) {
                return null;
            }
            long[] keys = new long[n];
            for (int i = 0; i < n; i++) {
                keys[i] = (lo[i] << 32 | (long) prefix[i] << 26 | i) ^ Long.MIN_VALUE;
            }
            Arrays.sort(keys);
            int[] order = new int[n];
            for (int i = 0; i < n; i++) {
                order[i] = (int) ((keys[i] ^ Long.MIN_VALUE) & ((1 << 26) - 1));
            }
            return order;
        }

        private static boolean containsFrom(int[] a, int from, int to, int value) {
            for (int i = from; i < to; i++) {
                if (a[i] == value) {
                    return true;
                }
            }
            return false;
        }

        RangeTable build() {
            // by start, then shorter prefix (the enclosing block) first
            int[] order = v6 ? null : sortV4();
            if (order == null) {
                int[] byStart = new int[n];
                for (int i = 0; i < n; i++) {
                    byStart[i] = i;
                }
                IntSort.sort(byStart, (a, b) -> {
                    int c = compare(hi[a], lo[a], hi[b], lo[b]);
                    return c != 0 ? c : Integer.compare(prefix[a] & 0xFF, prefix[b] & 0xFF);
                });
                order = byStart;
            }
            // distinct blocks with their owners (CSR)
            long[] bHi = new long[n];
            long[] bLo = new long[n];
            byte[] bPrefix = new byte[n];
            int[] ownerStart = new int[n + 1];
            int[] owners = new int[n];
            int blocks = 0;
            int ownerCount = 0;
            for (int k = 0; k < n; k++) {
                int i = order[k];
                boolean same = blocks > 0 && bHi[blocks - 1] == hi[i] && bLo[blocks - 1] == lo[i]
                        && bPrefix[blocks - 1] == prefix[i];
                if (!same) {
                    bHi[blocks] = hi[i];
                    bLo[blocks] = lo[i];
                    bPrefix[blocks] = prefix[i];
                    ownerStart[blocks] = ownerCount;
                    blocks++;
                }
                if (!(same && containsFrom(owners, ownerStart[blocks - 1], ownerCount, owner[i]))) {
                    owners[ownerCount++] = owner[i];
                }
            }
            for (int b = 0; b < blocks; b++) {
                Arrays.sort(owners, ownerStart[b], b + 1 < blocks ? ownerStart[b + 1] : ownerCount);
            }
            ownerStart[blocks] = ownerCount;
            hi = null;
            lo = null;
            prefix = null;
            owner = null;

            Intervals out = new Intervals(v6, Math.max(4, 2 * blocks + 1));
            int[] stack = new int[130];
            long[] endHi = new long[130];
            long[] endLo = new long[130];
            int depth = 0;
            int[] parent = new int[blocks];
            for (int b = 0; b < blocks; b++) {
                while (depth > 0 && compare(endHi[depth - 1], endLo[depth - 1], bHi[b], bLo[b]) < 0) {
                    depth--;
                    out.emitAfter(endHi[depth], endLo[depth], depth > 0 ? stack[depth - 1] : -1);
                }
                out.emit(bHi[b], bLo[b], b);
                parent[b] = depth > 0 ? stack[depth - 1] : -1;
                IpBlock block = new IpBlock(v6, bHi[b], bLo[b], bPrefix[b] & 0xFF);
                stack[depth] = b;
                endHi[depth] = block.endHi();
                endLo[depth] = block.endLo();
                depth++;
            }
            while (depth > 0) {
                depth--;
                out.emitAfter(endHi[depth], endLo[depth], depth > 0 ? stack[depth - 1] : -1);
            }
            return new RangeTable(v6, v6 ? Arrays.copyOf(out.hi, out.n) : null, Arrays.copyOf(out.lo, out.n),
                    Arrays.copyOf(out.val, out.n), v6 ? Arrays.copyOf(bHi, blocks) : null,
                    Arrays.copyOf(bLo, blocks), Arrays.copyOf(bPrefix, blocks), Arrays.copyOf(ownerStart, blocks + 1),
                    Arrays.copyOf(owners, ownerCount), parent);
        }
    }

    /** Growing list of interval starts; a later value at the same start replaces the earlier one. */
    private static final class Intervals {
        long[] hi;
        long[] lo;
        int[] val;
        int n;
        final boolean v6;

        Intervals(boolean v6, int capacity) {
            this.v6 = v6;
            hi = new long[capacity];
            lo = new long[capacity];
            val = new int[capacity];
        }

        /** The interval starting just after the address {@code (h, l)}; nothing when that is the last address. */
        void emitAfter(long h, long l, int value) {
            if (v6 ? h == -1L && l == -1L : l == 0xFFFF_FFFFL) {
                return;
            }
            long nl = l + 1;
            long nh = nl == 0 ? h + 1 : h;
            emit(nh, nl, value);
        }

        void emit(long h, long l, int value) {
            if (n > 0 && hi[n - 1] == h && lo[n - 1] == l) {
                val[n - 1] = value;
                return;
            }
            if (n > 0 && val[n - 1] == value) {
                return;
            }
            if (n == lo.length) {
                int cap = n * 2;
                hi = Arrays.copyOf(hi, cap);
                lo = Arrays.copyOf(lo, cap);
                val = Arrays.copyOf(val, cap);
            }
            hi[n] = h;
            lo[n] = l;
            val[n] = value;
            n++;
        }
    }
}
