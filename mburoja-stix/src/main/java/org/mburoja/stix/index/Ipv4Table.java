package org.mburoja.stix.index;

import java.util.Arrays;

/**
 * The IPv4 part of an {@link IndicatorTable}: exact addresses and CIDR ranges, compiled for a lookup that costs
 * about two independent memory reads.
 *
 * <p>Why a separate structure: with one hash probe per CIDR prefix length (the previous layout), an address in a
 * busy /16 block cost three to five dependent cache misses into a 128 MB table, and the lookup ran at about 1 M per
 * CPU-second at 10 M indicators. Here:
 * <ul>
 *   <li>/32 addresses sit in an open-addressing table of {@code long}s, key and entry head packed in one slot
 *       ({@code address << 32 | head + 1}, 0 = empty), load at most 0.5: one cache miss, 16 bytes per address;</li>
 *   <li>ranges /8 to /31 are listed per /16 block ({@code blockStart} offsets into flat arrays, longest prefix
 *       first), a range shorter than /16 repeated in each block it covers (at most 256); the offsets array is
 *       256 KB and the range arrays 9 bytes per listed range, so they mostly stay in cache, and a block without
 *       ranges ends the CIDR part after one read;</li>
 *   <li>ranges /0 to /7 (rare: at most 255 distinct networks) are scanned linearly.</li>
 * </ul>
 * Immutable; read by any number of threads.
 */
final class Ipv4Table {

    private static final long[] NO_LONGS = new long[0];

    private final long[] exact;
    /** Filter over the exact addresses ({@link KeyTable#newFilter}): most addresses of an event are in no list. */
    private final long[] exactFilter;
    private final int exactMask;
    private final int exactCount;
    /** Offsets into the range arrays per /16 block, 65,537 of them; null when no range of /8 or longer exists. */
    private final int[] blockStart;
    /**
     * Two words per listed range, side by side so that one cache line brings both: {@code prefix << 32 | net}, then
     * the entry chain head.
     */
    private final long[] range;
    /** Per listed range, its chain's hit list once hit (next to the range arrays, so a range hit reads no entry). */
    private final java.util.List<IndicatorHit>[] rangeHits;
    /**
     * Per listed range whose chain holds one entry (the usual case), that entry's hit once hit: a batch hands it over
     * from here with one load, where the list costs two dependent ones. Ranges are most of an address's hits (a /16
     * covers every address of its block).
     */
    private final IndicatorHit[] rangeOne;
    /** The ranges /0 to /7, as pairs like {@link #range}. */
    private final long[] wide;

    /** Compiles the IPv4 keys ({@code prefix << 32 | masked address}) of a builder's key table. */
    Ipv4Table(KeyTable keys) {
        int exactKeys = 0;
        int[] perBlock = new int[65537];
        int[] counts = {0, 0, 0};
        keys.forEach((k0, k1, k2, k3, head) -> {
            int p = (int) (k0 >>> 32);
            int net = (int) k0;
            if (p == 32) {
                counts[0]++;
            } else if (p >= 8) {
                int first = net >>> 16;
                int blocks = p >= 16 ? 1 : 1 << (16 - p);
                for (int b = 0; b < blocks; b++) {
                    perBlock[first + b + 1]++;
                }
                counts[1] += blocks;
            } else {
                counts[2]++;
            }
        });
        exactKeys = counts[0];
        int cap = Integer.highestOneBit(Math.max(8, exactKeys * 2 - 1)) << 1;
        exact = new long[cap];
        exactMask = cap - 1;
        exactCount = exactKeys;
        if (counts[1] == 0) {
            blockStart = null;
            range = NO_LONGS;
            rangeHits = null;
            rangeOne = null;
        } else {
            for (int b = 1; b <= 65536; b++) {
                perBlock[b] += perBlock[b - 1];
            }
            blockStart = perBlock;
            range = new long[2 * counts[1]];
            @SuppressWarnings("unchecked")
            java.util.List<IndicatorHit>[] lists = new java.util.List[counts[1]];
            rangeHits = lists;
            rangeOne = new IndicatorHit[counts[1]];
        }
        wide = new long[2 * counts[2]];
        int[] fill = blockStart == null ? null : Arrays.copyOf(blockStart, 65536);
        int[] wideFill = {0};
        keys.forEach((k0, k1, k2, k3, head) -> {
            int p = (int) (k0 >>> 32);
            int net = (int) k0;
            if (p == 32) {
                putExact(net, head);
            } else if (p >= 8) {
                int first = net >>> 16;
                int blocks = p >= 16 ? 1 : 1 << (16 - p);
                for (int b = first; b < first + blocks; b++) {
                    int at = fill[b]++;
                    range[2 * at] = (long) p << 32 | net & 0xFFFFFFFFL;
                    range[2 * at + 1] = head;
                }
            } else {
                int at = wideFill[0]++;
                wide[2 * at] = (long) p << 32 | net & 0xFFFFFFFFL;
                wide[2 * at + 1] = head;
            }
        });
        exactFilter = KeyTable.newFilter(exactKeys);
        for (long s : exact) {
            if (s != 0) {
                KeyTable.filterAdd(exactFilter, filterHash((int) (s >>> 32)));
            }
        }
        if (blockStart != null) {
            for (int b = 0; b < 65536; b++) {
                sortRangesByPrefixDescending(range, blockStart[b], blockStart[b + 1]);
            }
        }
        sortRangesByPrefixDescending(wide, 0, wide.length / 2);
    }

    private void putExact(int addr, int head) {
        int slot = slot(addr);
        while (exact[slot] != 0) {
            slot = (slot + 1) & exactMask;
        }
        exact[slot] = (long) addr << 32 | (head + 1L);
    }

    /** The home slot of an address: from its seeded hash ({@link #filterHash}), so that clusters cannot be planned. */
    private int slot(int addr) {
        return (int) filterHash(addr) & exactMask;
    }

    private static long filterHash(int addr) {
        return KeyTable.mix(addr, 0, 0, 0);
    }

    /** The entry chain head of the exact address, or -1. */
    int exact(int addr) {
        long fh = filterHash(addr);
        if (!KeyTable.filterHas(exactFilter, fh)) {
            return -1;
        }
        long[] t = exact;
        int slot = (int) fh & exactMask;
        while (true) {
            long s = t[slot];
            if (s == 0) {
                return -1;
            }
            if ((int) (s >>> 32) == addr) {
                return (int) s - 1;
            }
            slot = (slot + 1) & exactMask;
        }
    }

    /**
     * Emits the exact entries, then the ranges containing the address, longest prefix first; a range alone on its
     * key hands over its own hit, so a lookup reads no cached list.
     */
    void lookup(int addr, IndicatorTable table, IndicatorTable.Sink sink) {
        int e = exact(addr);
        int[] starts = blockStart;
        table.emit(e, sink);
        if (starts != null) {
            int b = addr >>> 16;
            int to = starts[b + 1];
            for (int i = starts[b]; i < to; i++) {
                long w = range[2 * i];
                int p = (int) (w >>> 32);
                if (((addr ^ (int) w) & (-1 << (32 - p))) == 0) {
                    IndicatorHit one = rangeOne[i];
                    if (one != null) {
                        sink.one(table, (int) range[2 * i + 1], one);
                    } else {
                        sink.chain(table, (int) range[2 * i + 1], rangeHits(i, table));
                    }
                }
            }
        }
        for (int i = 0; i < wide.length; i += 2) {
            int p = (int) (wide[i] >>> 32);
            if (p == 0 || ((addr ^ (int) wide[i]) & (-1 << (32 - p))) == 0) {
                table.emit((int) wide[i + 1], sink);
            }
        }
    }

    private java.util.List<IndicatorHit> rangeHits(int r, IndicatorTable table) {
        java.util.List<IndicatorHit> hits = rangeHits[r];
        if (hits == null) {
            hits = table.chainList((int) range[2 * r + 1]);
            rangeHits[r] = hits;
            if (hits.size() == 1) {
                rangeOne[r] = hits.getFirst();
            }
        }
        return hits;
    }

    /** Receives the hits of a batch lookup: the position of the address in the batch, and the entry. */
    interface BatchSink {
        /** The entry chain starting at {@code head} matched the address at {@code position}; {@code hits} cached. */
        void chain(int position, IndicatorTable table, int head, java.util.List<IndicatorHit> hits);

        /** The entry {@code head}, alone on its key, matched the address at {@code position}; {@code hit} is its hit. */
        void one(int position, IndicatorTable table, int head, IndicatorHit hit);
    }

    /**
     * Batch form of {@link #lookup}. The first pass only loads the home slot of every address and its block's range
     * offsets: the loads are independent and the loop is short, so the CPU keeps many cache misses in flight at once
     * (a single lookup waits for each miss in turn). The second pass resolves from those values and notes the
     * matches without a branch per range (about half of the ranges tried match, unpredictably); the third fetches
     * the matches' cached hit lists in a short loop and hands them to the sink.
     */
    void lookupAll(int[] addrs, boolean[] valid, int count, IndicatorTable table, BatchSink sink) {
        Scratch sc = Scratch.get(count);
        try {
            lookupAll(addrs, valid, count, table, sink, sc);
        } finally {
            sc.release();
        }
    }

    private void lookupAll(int[] addrs, boolean[] valid, int count, IndicatorTable table, BatchSink sink,
                           Scratch sc) {
        long[] t = exact;
        long[] home = sc.home;
        int[] starts = blockStart;
        int[] from = sc.from;
        long[] range = this.range;
        for (int i = 0; i < count; i++) {
            int a = addrs[i];
            long fh = filterHash(a);
            home[i] = KeyTable.filterHas(exactFilter, fh) ? t[(int) fh & exactMask] : 0;
            if (starts != null) {
                from[i] = starts[a >>> 16];
            }
        }
        // pass 1b: load each block's first listed range, so that the resolving pass finds the block's ranges in
        // cache (their misses overlap here, across addresses)
        long[] first = sc.first;
        if (starts != null) {
            int last = range.length / 2 - 1;
            for (int i = 0; i < count; i++) {
                first[i] = range[2 * Math.min(from[i], last)];
            }
        }
        int[] matchPos = sc.matchPos;
        int[] matchHead = sc.matchHead;
        int[] matchRange = sc.matchRange;
        long[] wide = this.wide;
        int m = 0;
        for (int i = 0; i < count; i++) {
            if (!valid[i]) {
                continue;
            }
            int addr = addrs[i];
            int r0 = 0;
            int to = 0;
            if (starts != null) {
                r0 = from[i];
                to = starts[(addr >>> 16) + 1];
            }
            // room for this address's exact entry, every range of its block and every wide range
            int need = m + 1 + (to - r0) + wide.length / 2;
            if (need > matchPos.length) {
                sc.grow(need);
                matchPos = sc.matchPos;
                matchHead = sc.matchHead;
                matchRange = sc.matchRange;
            }
            long h = home[i];
            int e;
            if (h == 0) {
                e = -1;
            } else if ((int) (h >>> 32) == addr) {
                e = (int) h - 1;
            } else {
                e = exact(addr);
            }
            matchPos[m] = i;
            matchHead[m] = e;
            matchRange[m] = -1;
            m += e >= 0 ? 1 : 0;
            for (int r = r0; r < to; r++) {
                long w = r == r0 ? first[i] : range[2 * r];
                matchPos[m] = i;
                matchHead[m] = (int) range[2 * r + 1];
                matchRange[m] = r;
                m += ((addr ^ (int) w) & (int) (0xFFFFFFFF00000000L >>> (w >>> 32))) == 0 ? 1 : 0;
            }
            for (int x = 0; x < wide.length; x += 2) {
                long w = wide[x];
                matchPos[m] = i;
                matchHead[m] = (int) wide[x + 1];
                matchRange[m] = -1;
                m += ((addr ^ (int) w) & (int) (0xFFFFFFFF00000000L >>> (w >>> 32))) == 0 ? 1 : 0;
            }
        }
        // third pass: fetch the matches' hits (one miss each, overlapped in this short loop): an entry alone on its
        // key its own hit, which needs no further load; else its chain's cached list
        @SuppressWarnings("unchecked")
        java.util.List<IndicatorHit>[] lists = sc.lists;
        IndicatorHit[] ones = sc.ones;
        IndicatorHit[] rangeOne = this.rangeOne;
        int[] next = table.next;
        for (int k = 0; k < m; k++) {
            int r = matchRange[k];
            int e = matchHead[k];
            IndicatorHit one = r >= 0 ? rangeOne[r] : next[e] < 0 ? table.ownHitIfMade(e) : null;
            ones[k] = one;
            if (one == null) {
                lists[k] = r >= 0 ? rangeHits(r, table) : table.chainList(e);
            }
        }
        // and touch each list (one more miss each, overlapped here rather than one by one in the sink)
        int[] sizes = sc.sizes;
        for (int k = 0; k < m; k++) {
            sizes[k] = ones[k] != null ? 1 : lists[k].size();
        }
        for (int k = 0; k < m; k++) {
            if (ones[k] != null) {
                sink.one(matchPos[k], table, matchHead[k], ones[k]);
            } else {
                sink.chain(matchPos[k], table, matchHead[k], lists[k]);
            }
        }
        Arrays.fill(lists, 0, m, null);
        Arrays.fill(ones, 0, m, null);
    }

    /**
     * The per-thread scratch arrays of {@link #lookupAll}, reused by consecutive batches (a batch started from a
     * sink callback gets its own).
     */
    private static final class Scratch {
        private static final ThreadLocal<Scratch> REUSED = ThreadLocal.withInitial(Scratch::new);
        long[] home = new long[0];
        int[] from = new int[0];
        long[] first = new long[0];
        int[] matchPos = new int[0];
        int[] matchHead = new int[0];
        int[] matchRange = new int[0];
        int[] sizes = new int[0];
        java.util.List<IndicatorHit>[] lists = newLists(0);
        IndicatorHit[] ones = new IndicatorHit[0];
        private boolean inUse;

        static Scratch get(int count) {
            Scratch s = REUSED.get();
            if (s.inUse) {
                s = new Scratch();
            }
            s.inUse = true;
            if (s.home.length < count) {
                s.home = new long[count];
                s.from = new int[count];
                s.first = new long[count];
            }
            s.grow(2 * count + 16);
            return s;
        }

        void grow(int n) {
            if (matchPos.length < n) {
                int cap = Math.max(n, matchPos.length * 2);
                matchPos = Arrays.copyOf(matchPos, cap);
                matchHead = Arrays.copyOf(matchHead, cap);
                matchRange = Arrays.copyOf(matchRange, cap);
                sizes = new int[cap];
                lists = Arrays.copyOf(lists, cap);
                ones = Arrays.copyOf(ones, cap);
            }
        }

        void release() {
            inUse = false;
        }

        @SuppressWarnings("unchecked")
        private static java.util.List<IndicatorHit>[] newLists(int n) {
            return new java.util.List[n];
        }
    }

    /** Visits every key once, as {@code prefix << 32 | masked address}, with its chain head. */
    void forEach(KeyTable.Visitor v) {
        for (long s : exact) {
            if (s != 0) {
                v.visit(32L << 32 | s >>> 32, 0, 0, 0, (int) s - 1);
            }
        }
        if (blockStart != null) {
            for (int b = 0; b < 65536; b++) {
                for (int i = blockStart[b]; i < blockStart[b + 1]; i++) {
                    if ((int) range[2 * i] >>> 16 == b) {
                        v.visit(range[2 * i], 0, 0, 0, (int) range[2 * i + 1]);
                    }
                }
            }
        }
        for (int i = 0; i < wide.length; i += 2) {
            v.visit(wide[i], 0, 0, 0, (int) wide[i + 1]);
        }
    }

    int size() {
        return exactCount + wide.length / 2 + (blockStart == null ? 0 : distinctRanges());
    }

    private int distinctRanges() {
        int n = 0;
        for (int b = 0; b < 65536; b++) {
            for (int i = blockStart[b]; i < blockStart[b + 1]; i++) {
                n += (int) range[2 * i] >>> 16 == b ? 1 : 0;
            }
        }
        return n;
    }

    long bytes() {
        return exact.length * 8L + exactFilter.length * 8L + (blockStart == null ? 0 : blockStart.length * 4L)
                + range.length * 8L + (rangeHits == null ? 0 : rangeHits.length * 8L)
                + wide.length * 8L;
    }

    /**
     * Sorts a block's listed ranges ({@link #range} pairs {@code from..to}) longest prefix first, stably: insertion
     * sort for the usual handful, a packed-key sort for crowded blocks.
     */
    private static void sortRangesByPrefixDescending(long[] range, int from, int to) {
        if (to - from > 32) {
            long[] order = new long[to - from];
            for (int i = from; i < to; i++) {
                order[i - from] = (63 - (range[2 * i] >>> 32)) << 32 | (i - from);
            }
            Arrays.sort(order);
            long[] copy = Arrays.copyOfRange(range, 2 * from, 2 * to);
            for (int i = 0; i < order.length; i++) {
                int k = (int) order[i];
                range[2 * (from + i)] = copy[2 * k];
                range[2 * (from + i) + 1] = copy[2 * k + 1];
            }
            return;
        }
        for (int i = from + 1; i < to; i++) {
            long w = range[2 * i];
            long h = range[2 * i + 1];
            int p = (int) (w >>> 32);
            int j = i - 1;
            while (j >= from && (int) (range[2 * j] >>> 32) < p) {
                range[2 * j + 2] = range[2 * j];
                range[2 * j + 3] = range[2 * j + 1];
                j--;
            }
            range[2 * j + 2] = w;
            range[2 * j + 3] = h;
        }
    }
}
