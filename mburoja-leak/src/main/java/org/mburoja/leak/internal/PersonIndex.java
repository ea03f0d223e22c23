package org.mburoja.leak.internal;

import java.util.Arrays;

/**
 * Counts people: exactly by personal number, and for records without one by linking keys, each a name together with
 * one attribute of the record (birth date, phone, IBAN, plate). A record without
 * NID is a person already counted when one of its keys was seen on a record with a NID, or when exactly one NID in
 * the dump carries its name and none of the record's attributes contradicts that person's; the remaining ones are
 * grouped when they share a key (union-find), and each group is one more person. A name alone never links two
 * records to each other across a NID (namesakes are common: a country-sized dump holds every common name many times),
 * only records that carry nothing but a name are grouped by it.
 *
 * <p>Cost: the hot path only appends to arrays (sequential writes; an earlier hash-set design spent ~100 ns per insert
 * on cache misses once the tables outgrew the CPU caches); distinct counts are computed by sorting when asked. Memory:
 * 8 bytes per NID occurrence and 4 bytes per key while a file is read, then per distinct value; 40 bytes per record
 * without NID. Keys are 32-bit hashes: a false link needs a collision among the keys of one dump (about 1 in 200
 * for a dump of four million people), and only ever merges records that have no NID.
 */
public final class PersonIndex {

    /**
     * Attributes kept per record: birth date, phone, IBAN, plate (0 when absent). Attributes that namesakes share
     * are left out on purpose, because with a name they still match another person in a large dump: employer, salary
     * and city have few values, and e-mail addresses are built from the name ({@code arben.hoxha@gmail.com}) or
     * shared by a family or an office (2.4% of people lost on a 4.9-million-record dump with e-mail as a key).
     * See docs/decisions/leak-person-count.md.
     */
    public static final int ATTRIBUTES = 4;

    private final SortScratch scratch = new SortScratch();
    private final LongArray nids = new LongArray(scratch);
    private final IntArray keys = new IntArray(scratch);
    /**
     * Per record with NID and name: name hash (high 40 bits), NID hash (20 bits) and which attributes the record has
     * (low 4 bits): how many NIDs carry a name, and which kinds of attribute they have (to see a conflict).
     */
    private final LongArray nameNids = new LongArray(scratch);
    private final LongArray orphans = new LongArray(scratch);
    private static final long NAME_BITS = 0xFFFFFFFFFF000000L;
    private long cachedNids = -1;
    private long cachedPersons = -1;

    /** A record with a valid NID (packed, non-zero), the hash of its name (0 if none) and its attributes. */
    public void person(long nid, long name, long[] attributes) {
        nids.add(nid);
        if (name != 0) {
            int mask = 0;
            for (int k = 0; k < ATTRIBUTES; k++) {
                if (attributes[k] != 0) {
                    keys.add(key(name, k, attributes[k]));
                    mask |= 1 << k;
                }
            }
            nameNids.add((name & NAME_BITS) | ((LongHashSet.mix(nid) & 0xFFFFFL) << 4) | mask);
        }
        cachedNids = cachedPersons = -1;
    }

    /** A record without NID, with a name hash (non-zero) and its attributes. */
    public void orphan(long name, long[] attributes) {
        orphans.add(name);
        for (int k = 0; k < ATTRIBUTES; k++) {
            orphans.add(attributes[k]);
        }
        cachedPersons = -1;
    }

    static int key(long name, int kind, long value) {
        long h = TextFold.combine(name, TextFold.combine(kind + 1, value));
        return (int) (h ^ (h >>> 32));
    }

    /** Adds everything of another index (a finished file) to this one (the whole scan). */
    public void addAll(PersonIndex other) {
        other.nids.sortDistinct();
        other.keys.sortDistinct();
        other.nameNids.sortDistinct();
        nids.addAll(other.nids);
        nameNids.addAll(other.nameNids);
        keys.addAll(other.keys);
        orphans.addAll(other.orphans);
        cachedNids = cachedPersons = -1;
    }

    public long distinctNids() {
        if (cachedNids < 0) {
            nids.sortDistinct();
            cachedNids = nids.size();
        }
        return cachedNids;
    }

    /** Distinct NIDs plus the groups of records without NID that link to no NID. */
    public long distinctPersons() {
        if (cachedPersons >= 0) {
            return cachedPersons;
        }
        keys.sortDistinct();
        nameNids.sortDistinct();
        int stride = ATTRIBUTES + 1;
        int count = orphans.size() / stride;
        int[] parent = new int[count];
        boolean[] linkedTo = linkedToNid(count);
        LongArray pairs = new LongArray(scratch);
        long groups = 0;
        for (int r = 0; r < count; r++) {
            int o = r * stride;
            long name = orphans.get(o);
            boolean any = false;
            for (int k = 0; k < ATTRIBUTES; k++) {
                any |= orphans.get(o + 1 + k) != 0;
            }
            boolean linked = linkedTo[r];
            if (linked) {
                parent[r] = -1;
                continue;
            }
            parent[r] = r;
            groups++;
            if (!any) {
                pairs.add(((long) key(name, ATTRIBUTES, 1) << 32) | r);
            }
            for (int k = 0; k < ATTRIBUTES && any; k++) {
                long v = orphans.get(o + 1 + k);
                if (v != 0) {
                    pairs.add(((long) key(name, k, v) << 32) | r);
                }
            }
        }
        // records sharing a key are one person: sort (key, record) pairs and join neighbours with equal keys
        pairs.sortDistinct();
        for (int i = 1; i < pairs.size(); i++) {
            long a = pairs.get(i - 1);
            long b = pairs.get(i);
            if ((a >>> 32) == (b >>> 32)) {
                int ra = find(parent, (int) a);
                int rb = find(parent, (int) b);
                if (ra != rb) {
                    parent[ra] = rb;
                    groups--;
                }
            }
        }
        cachedPersons = distinctNids() + groups;
        return cachedPersons;
    }

    /**
     * For every record without NID: is it a person already counted, because one of its keys is a key of a record
     * with NID, or because exactly one NID carries its name and none of its attributes is of a kind that person has?
     * Both questions are answered by merging sorted sequences instead of a binary search per key: the (key, record)
     * probes are sorted and swept once along the sorted keys, and the (name, record) probes along the sorted
     * name-NID entries, so the large arrays are read front to back (no cache miss per probe).
     */
    private boolean[] linkedToNid(int count) {
        int stride = ATTRIBUTES + 1;
        boolean[] linked = new boolean[count];
        long[] probes = new long[Math.max(16, count)];
        int np = 0;
        for (int r = 0; r < count; r++) {
            int o = r * stride;
            long name = orphans.get(o);
            for (int k = 0; k < ATTRIBUTES; k++) {
                long v = orphans.get(o + 1 + k);
                if (v != 0) {
                    if (np == probes.length) {
                        probes = Arrays.copyOf(probes, probes.length * 2);
                    }
                    probes[np++] = ((long) key(name, k, v) << 32) | r;
                }
            }
        }
        RadixSort.sort(probes, np, scratch.longs(np));
        int[] ka = keys.a;
        int kn = keys.n;
        int p = 0;
        for (int i = 0; i < np; i++) {
            int key = (int) (probes[i] >> 32);
            while (p < kn && ka[p] < key) {
                p++;
            }
            if (p == kn) {
                break;
            }
            if (ka[p] == key) {
                linked[(int) probes[i]] = true;
            }
        }
        // records not linked by a key: the NIDs named like them, in chunks of 2^24 records (24 low bits free)
        long[] named = probes;
        for (int base = 0; base < count; base += 1 << 24) {
            int end = (int) Math.min(count, base + (1L << 24));
            int nn = 0;
            for (int r = base; r < end; r++) {
                if (!linked[r]) {
                    named[nn++] = (orphans.get(r * stride) & NAME_BITS) | (r - base);
                }
            }
            RadixSort.sort(named, nn, scratch.longs(nn));
            long[] ea = nameNids.a;
            int en = nameNids.n;
            int q = 0;
            long lastPrefix = 0;
            int distinct = -1;
            int mask = 0;
            for (int i = 0; i < nn; i++) {
                long prefix = named[i] & NAME_BITS;
                if (distinct < 0 || prefix != lastPrefix) {
                    while (q < en && (ea[q] & NAME_BITS) < prefix) {
                        q++;
                    }
                    distinct = 0;
                    mask = 0;
                    long lastNid = -1;
                    for (int e = q; e < en && (ea[e] & NAME_BITS) == prefix; e++) {
                        long nidPart = (ea[e] >>> 4) & 0xFFFFFL;
                        if (nidPart != lastNid) {
                            if (++distinct > 1) {
                                break;
                            }
                            lastNid = nidPart;
                        }
                        mask |= (int) (ea[e] & 0xF);
                    }
                    lastPrefix = prefix;
                }
                if (distinct == 1) {
                    int r = base + (int) (named[i] & 0xFFFFFFL);
                    int o = r * stride;
                    boolean ok = true;
                    for (int k = 0; k < ATTRIBUTES && ok; k++) {
                        ok = orphans.get(o + 1 + k) == 0 || (mask & (1 << k)) == 0;
                    }
                    linked[r] = ok;
                }
            }
        }
        return linked;
    }

    private static int find(int[] parent, int x) {
        while (parent[x] != x) {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        return x;
    }

    public long footprintBytes() {
        return nids.capacity() * 8L + keys.capacity() * 4L + orphans.capacity() * 8L;
    }

    /**
     * A growable array of longs with in-place sort and de-duplication. An array appended whole after its own
     * {@link #sortDistinct} (one per file of a scan) is not copied but kept as a sorted part, and the next sort merges
     * the parts (pairwise, branch-free, log2(parts) passes) instead of radix-sorting everything again; an array held
     * by two owners is copied before either writes into it. Sorts reuse the index's {@link SortScratch}.
     */
    static final class LongArray {
        /** More parts than this are copied together and radix-sorted. */
        static final int MAX_PARTS = 32;
        private final SortScratch scratch;
        private long[] a = new long[64];
        private int n;
        private boolean sorted = true;
        /** {@code a} is also held by another array: copy it before writing into it. */
        private boolean shared;
        /** Sorted, distinct arrays handed over by addAll; while there are any, they are the content. */
        private long[][] parts;
        private int[] partLength;
        private int partCount;

        LongArray() {
            this(new SortScratch());
        }

        LongArray(SortScratch scratch) {
            this.scratch = scratch;
        }

        void add(long v) {
            flatten();
            if (shared || n == a.length) {
                a = Arrays.copyOf(a, n == a.length ? a.length * 2 : a.length);
                shared = false;
            }
            a[n++] = v;
            sorted = false;
        }

        void addAll(LongArray o) {
            if (o.n == 0) {
                return;
            }
            if (o.sorted && o.partCount == 0 && (sorted || partCount > 0) && partCount < MAX_PARTS) {
                if (partCount == 0) {
                    parts = new long[4][];
                    partLength = new int[4];
                    if (n > 0) {
                        parts[0] = a;
                        partLength[0] = n;
                        partCount = 1;
                    }
                    shared = true;
                }
                if (partCount == parts.length) {
                    parts = Arrays.copyOf(parts, partCount * 2);
                    partLength = Arrays.copyOf(partLength, partCount * 2);
                }
                parts[partCount] = o.a;
                partLength[partCount++] = o.n;
                o.shared = true;
                n += o.n;
                sorted = false;
                return;
            }
            flatten();
            o.flatten();
            if (shared || n + o.n > a.length) {
                a = Arrays.copyOf(a, Math.max(shared ? a.length : a.length * 2, n + o.n));
                shared = false;
            }
            System.arraycopy(o.a, 0, a, n, o.n);
            n += o.n;
            sorted = false;
        }

        /** Copies the parts into one array (unsorted from then on); only for the rare writes between parts. */
        private void flatten() {
            if (partCount == 0) {
                return;
            }
            long[] f = new long[Math.max(64, n)];
            int w = 0;
            for (int p = 0; p < partCount; p++) {
                System.arraycopy(parts[p], 0, f, w, partLength[p]);
                w += partLength[p];
            }
            a = f;
            shared = false;
            parts = null;
            partCount = 0;
            sorted = false;
        }

        long get(int i) {
            flatten();
            return a[i];
        }

        int size() {
            return n;
        }

        int capacity() {
            return partCount > 0 ? n : a.length;
        }

        /** A copy of the values, for tests. */
        long[] toArray() {
            flatten();
            return Arrays.copyOf(a, n);
        }

        void sortDistinct() {
            if (sorted) {
                return;
            }
            if (partCount > 0) {
                mergeParts();
            } else {
                if (shared) {
                    a = a.clone();
                    shared = false;
                }
                RadixSort.sort(a, n, scratch.longs(n));
                int w = 0;
                for (int r = 0; r < n; r++) {
                    if (w == 0 || a[r] != a[w - 1]) {
                        a[w++] = a[r];
                    }
                }
                n = w;
            }
            sorted = true;
            if (a.length > 1024 && n < a.length / 4) {
                a = Arrays.copyOf(a, Math.max(64, n * 2));
                shared = false;
            }
        }

        /**
         * Merges the parts: the first level from the parts into one new array, the next ones between it and the
         * scratch array (whichever ends up holding the result becomes this array, the other the scratch).
         */
        private void mergeParts() {
            int k = partCount;
            if (k == 1) {
                a = parts[0];
                n = partLength[0];
                shared = true;
                parts = null;
                partCount = 0;
                return;
            }
            long[] src = new long[n];
            int[] ends = new int[(k + 1) / 2];
            int runs = 0;
            int w = 0;
            for (int p = 0; p < k; p += 2) {
                if (p + 1 == k) {
                    System.arraycopy(parts[p], 0, src, w, partLength[p]);
                    w += partLength[p];
                } else {
                    w = merge(parts[p], 0, partLength[p], parts[p + 1], 0, partLength[p + 1], src, w);
                }
                ends[runs++] = w;
            }
            parts = null;
            partCount = 0;
            long[] dst = scratch.longs(w);
            while (runs > 1) {
                int out = 0;
                int merged = 0;
                for (int r = 0; r < runs; r += 2) {
                    int from = r == 0 ? 0 : ends[r - 1];
                    if (r + 1 == runs) {
                        System.arraycopy(src, from, dst, out, ends[r] - from);
                        out += ends[r] - from;
                    } else {
                        out = merge(src, from, ends[r], src, ends[r], ends[r + 1], dst, out);
                    }
                    ends[merged++] = out;
                }
                runs = merged;
                long[] t = src;
                src = dst;
                dst = t;
            }
            scratch.keep(dst);
            a = src;
            n = ends[0];
            shared = false;
        }

        /** Merges two sorted, distinct ranges into {@code dst} at {@code o}; equal heads are written once. */
        private static int merge(long[] x, int i, int ie, long[] y, int j, int je, long[] dst, int o) {
            while (i < ie && j < je) {
                long u = x[i];
                long v = y[j];
                dst[o++] = Math.min(u, v);
                i += u <= v ? 1 : 0;
                j += v <= u ? 1 : 0;
            }
            System.arraycopy(x, i, dst, o, ie - i);
            o += ie - i;
            System.arraycopy(y, j, dst, o, je - j);
            return o + je - j;
        }
    }

    /**
     * The same for ints (linking keys): a growable array of ints with in-place sort and de-duplication. An array appended whole after its own
     * {@link #sortDistinct} (one per file of a scan) is not copied but kept as a sorted part, and the next sort merges
     * the parts (pairwise, branch-free, log2(parts) passes) instead of radix-sorting everything again; an array held
     * by two owners is copied before either writes into it. Sorts reuse the index's {@link SortScratch}.
     */
    static final class IntArray {
        /** More parts than this are copied together and radix-sorted. */
        static final int MAX_PARTS = 32;
        private final SortScratch scratch;
        private int[] a = new int[64];
        private int n;
        private boolean sorted = true;
        /** {@code a} is also held by another array: copy it before writing into it. */
        private boolean shared;
        /** Sorted, distinct arrays handed over by addAll; while there are any, they are the content. */
        private int[][] parts;
        private int[] partLength;
        private int partCount;

        IntArray() {
            this(new SortScratch());
        }

        IntArray(SortScratch scratch) {
            this.scratch = scratch;
        }

        void add(int v) {
            flatten();
            if (shared || n == a.length) {
                a = Arrays.copyOf(a, n == a.length ? a.length * 2 : a.length);
                shared = false;
            }
            a[n++] = v;
            sorted = false;
        }

        void addAll(IntArray o) {
            if (o.n == 0) {
                return;
            }
            if (o.sorted && o.partCount == 0 && (sorted || partCount > 0) && partCount < MAX_PARTS) {
                if (partCount == 0) {
                    parts = new int[4][];
                    partLength = new int[4];
                    if (n > 0) {
                        parts[0] = a;
                        partLength[0] = n;
                        partCount = 1;
                    }
                    shared = true;
                }
                if (partCount == parts.length) {
                    parts = Arrays.copyOf(parts, partCount * 2);
                    partLength = Arrays.copyOf(partLength, partCount * 2);
                }
                parts[partCount] = o.a;
                partLength[partCount++] = o.n;
                o.shared = true;
                n += o.n;
                sorted = false;
                return;
            }
            flatten();
            o.flatten();
            if (shared || n + o.n > a.length) {
                a = Arrays.copyOf(a, Math.max(shared ? a.length : a.length * 2, n + o.n));
                shared = false;
            }
            System.arraycopy(o.a, 0, a, n, o.n);
            n += o.n;
            sorted = false;
        }

        /** Copies the parts into one array (unsorted from then on); only for the rare writes between parts. */
        private void flatten() {
            if (partCount == 0) {
                return;
            }
            int[] f = new int[Math.max(64, n)];
            int w = 0;
            for (int p = 0; p < partCount; p++) {
                System.arraycopy(parts[p], 0, f, w, partLength[p]);
                w += partLength[p];
            }
            a = f;
            shared = false;
            parts = null;
            partCount = 0;
            sorted = false;
        }

        int get(int i) {
            flatten();
            return a[i];
        }

        int size() {
            return n;
        }

        int capacity() {
            return partCount > 0 ? n : a.length;
        }

        /** A copy of the values, for tests. */
        int[] toArray() {
            flatten();
            return Arrays.copyOf(a, n);
        }

        void sortDistinct() {
            if (sorted) {
                return;
            }
            if (partCount > 0) {
                mergeParts();
            } else {
                if (shared) {
                    a = a.clone();
                    shared = false;
                }
                RadixSort.sort(a, n, scratch.ints(n));
                int w = 0;
                for (int r = 0; r < n; r++) {
                    if (w == 0 || a[r] != a[w - 1]) {
                        a[w++] = a[r];
                    }
                }
                n = w;
            }
            sorted = true;
            if (a.length > 1024 && n < a.length / 4) {
                a = Arrays.copyOf(a, Math.max(64, n * 2));
                shared = false;
            }
        }

        /**
         * Merges the parts: the first level from the parts into one new array, the next ones between it and the
         * scratch array (whichever ends up holding the result becomes this array, the other the scratch).
         */
        private void mergeParts() {
            int k = partCount;
            if (k == 1) {
                a = parts[0];
                n = partLength[0];
                shared = true;
                parts = null;
                partCount = 0;
                return;
            }
            int[] src = new int[n];
            int[] ends = new int[(k + 1) / 2];
            int runs = 0;
            int w = 0;
            for (int p = 0; p < k; p += 2) {
                if (p + 1 == k) {
                    System.arraycopy(parts[p], 0, src, w, partLength[p]);
                    w += partLength[p];
                } else {
                    w = merge(parts[p], 0, partLength[p], parts[p + 1], 0, partLength[p + 1], src, w);
                }
                ends[runs++] = w;
            }
            parts = null;
            partCount = 0;
            int[] dst = scratch.ints(w);
            while (runs > 1) {
                int out = 0;
                int merged = 0;
                for (int r = 0; r < runs; r += 2) {
                    int from = r == 0 ? 0 : ends[r - 1];
                    if (r + 1 == runs) {
                        System.arraycopy(src, from, dst, out, ends[r] - from);
                        out += ends[r] - from;
                    } else {
                        out = merge(src, from, ends[r], src, ends[r], ends[r + 1], dst, out);
                    }
                    ends[merged++] = out;
                }
                runs = merged;
                int[] t = src;
                src = dst;
                dst = t;
            }
            scratch.keep(dst);
            a = src;
            n = ends[0];
            shared = false;
        }

        /** Merges two sorted, distinct ranges into {@code dst} at {@code o}; equal heads are written once. */
        private static int merge(int[] x, int i, int ie, int[] y, int j, int je, int[] dst, int o) {
            while (i < ie && j < je) {
                int u = x[i];
                int v = y[j];
                dst[o++] = Math.min(u, v);
                i += u <= v ? 1 : 0;
                j += v <= u ? 1 : 0;
            }
            System.arraycopy(x, i, dst, o, ie - i);
            o += ie - i;
            System.arraycopy(y, j, dst, o, je - j);
            return o + je - j;
        }
    }

    /**
     * The temporary arrays of the sorts and merges of one index, kept from one sort to the next: the person count
     * of a file sorts five or six arrays of millions of values, and a fresh temporary array for each (zeroed, and on
     * a growing heap first touched page by page) cost more than the sort's own passes.
     */
    static final class SortScratch {
        private long[] longs = new long[0];
        private int[] ints = new int[0];

        long[] longs(int n) {
            if (longs.length < n) {
                longs = new long[n];
            }
            return longs;
        }

        int[] ints(int n) {
            if (ints.length < n) {
                ints = new int[n];
            }
            return ints;
        }

        /** Makes {@code spare} the scratch array (after a merge that left its result in the old one). */
        void keep(long[] spare) {
            longs = spare;
        }

        void keep(int[] spare) {
            ints = spare;
        }
    }
}
