package org.mburoja.leak.internal;

/**
 * Counts people: exactly by personal number, and for records without one by linking keys, each a name together with
 * one attribute of the record (birth date, phone, IBAN, plate). A record without
 * NID is a person already counted when one of its keys was seen on a record with a NID, or when exactly one NID in
 * the dump carries its name and none of the record's attributes contradicts that person's; the remaining ones are
 * grouped when they share a key (union-find), and each group is one more person. A name alone never links two
 * records to each other across a NID (namesakes are common: a country-sized dump holds every common name many times),
 * only records that carry nothing but a name are grouped by it.
 *
 * <p>Cost: the hot path only appends to chunked arrays (sequential writes, never a copy; an earlier hash-set design
 * spent ~100 ns per insert on cache misses once the tables outgrew the CPU caches); distinct counts are computed by
 * sorting when asked: each file's values are radix-sorted once into sorted runs, and the scan reads the files' runs
 * side by side instead of merging them. Memory: 4 bytes per NID occurrence and 4 bytes per key while a file is read
 * (in chunks recycled from file to file, see {@link ArrayPool}), then per distinct value of each file; 40 bytes per
 * record without NID. Keys are 32-bit hashes: a false link needs a collision among the keys of one dump (about 1 in 200
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

    private final ArrayPool pool;
    private final IntRuns nids;
    private final IntRuns keys;
    /**
     * Per record with NID and name: name hash (high 40 bits), NID hash (20 bits) and which attributes the record has
     * (low 4 bits): how many NIDs carry a name, and which kinds of attribute they have (to see a conflict).
     */
    private final LongRuns nameNids;
    /** Per record without NID: its name and its {@link #ATTRIBUTES} attributes. */
    private final LongChunks orphans;
    private static final long NAME_BITS = 0xFFFFFFFFFF000000L;
    private long cachedNids = -1;
    private long cachedPersons = -1;
    private boolean absorbed;

    /** The index of a whole scan. */
    public PersonIndex() {
        this(new ArrayPool());
    }

    private PersonIndex(ArrayPool pool) {
        this.pool = pool;
        nids = new IntRuns(pool);
        keys = new IntRuns(pool);
        nameNids = new LongRuns(pool);
        orphans = new LongChunks(pool);
    }

    /**
     * An empty index for one file of this scan, to be added with {@link #addAll} when the file is done. It shares
     * this index's memory (chunks and sort arrays), so that the next file reuses what the previous one had touched.
     */
    public PersonIndex forFile() {
        return new PersonIndex(pool);
    }

    /**
     * A record with a valid NID (its {@link org.mburoja.leak.PersonalNumber#code}, non-zero; any int, a code above
     * 2^31 is negative), the hash of its name (0 if none) and its attributes.
     */
    public void person(int nid, long name, long[] attributes) {
        usable();
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
        usable();
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

    /**
     * Adds everything of another index (a finished file) to this one (the whole scan): the other's sorted runs are
     * shared, not copied; it stays usable.
     */
    public void addAll(PersonIndex other) {
        usable();
        other.usable();
        other.nids.sortDistinct();
        other.keys.sortDistinct();
        other.nameNids.sortDistinct();
        nids.addAll(other.nids);
        nameNids.addAll(other.nameNids);
        keys.addAll(other.keys);
        orphans.addAll(other.orphans);
        cachedNids = cachedPersons = -1;
    }

    /**
     * {@link #addAll} for a file's index that is done (one made by {@link #forFile()}): its memory for records
     * without NID goes back to the shared pool, for the next file, and the file's index refuses any further use.
     */
    public void absorb(PersonIndex file) {
        if (file.pool != pool) {
            throw new IllegalArgumentException("not an index of this scan (see forFile)");
        }
        addAll(file);
        file.orphans.clear();
        file.absorbed = true;
    }

    private void usable() {
        if (absorbed) {
            throw new IllegalStateException("this file's index was absorbed into the scan's index");
        }
    }

    public long distinctNids() {
        usable();
        if (cachedNids < 0) {
            cachedNids = nids.distinct();
        }
        return cachedNids;
    }

    /** Distinct NIDs plus the groups of records without NID that link to no NID. */
    public long distinctPersons() {
        usable();
        if (cachedPersons >= 0) {
            return cachedPersons;
        }
        keys.sortDistinct();
        nameNids.sortDistinct();
        int stride = ATTRIBUTES + 1;
        int count = orphans.size() / stride;
        int[] parent = new int[count];
        boolean[] linkedTo = linkedToNid(count);
        LongChunks pairList = new LongChunks(pool);
        long groups = 0;
        for (int r = 0; r < count; r++) {
            int o = r * stride;
            long name = orphans.get(o);
            boolean any = false;
            for (int k = 0; k < ATTRIBUTES; k++) {
                any |= orphans.get(o + 1 + k) != 0;
            }
            if (linkedTo[r]) {
                parent[r] = -1;
                continue;
            }
            parent[r] = r;
            groups++;
            if (!any) {
                pairList.add(((long) key(name, ATTRIBUTES, 1) << 32) | r);
            }
            for (int k = 0; k < ATTRIBUTES && any; k++) {
                long v = orphans.get(o + 1 + k);
                if (v != 0) {
                    pairList.add(((long) key(name, k, v) << 32) | r);
                }
            }
        }
        // records sharing a key are one person: sort (key, record) pairs and join neighbours with equal keys
        int np = pairList.size();
        long[] pairs = pairList.sortAndClear();
        for (int i = 1; i < np; i++) {
            long a = pairs[i - 1];
            long b = pairs[i];
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
     * probes are sorted and swept once along each sorted run of keys, and the (name, record) probes along each
     * run of name-NID entries, so the large arrays are read front to back (no cache miss per probe).
     */
    private boolean[] linkedToNid(int count) {
        // each step a method of its own: run once per count over millions of records, their loops are compiled while
        // they run (on-stack replacement), and in one method the JIT compiled the whole of it again for every loop
        int stride = ATTRIBUTES + 1;
        boolean[] linked = new boolean[count];
        LongChunks probeList = keyProbes(count, stride);
        int np = probeList.size();
        long[] probes = probeList.sortAndClear();
        for (int run = 0; run < keys.runCount(); run++) {
            markKeyed(keys.run(run), probes, np, linked);
        }
        // records not linked by a key: the NIDs named like them, in chunks of 2^24 records (24 low bits free)
        for (int base = 0; base < count; base += 1 << 24) {
            int end = (int) Math.min(count, base + (1L << 24));
            LongChunks namedList = namedProbes(base, end, linked, stride);
            int nn = namedList.size();
            markNamed(namedList.sortAndClear(), nn, base, linked, stride);
        }
        return linked;
    }

    /** The (key, record) probes of every attribute of the records without NID. */
    private LongChunks keyProbes(int count, int stride) {
        LongChunks probeList = new LongChunks(pool);
        for (int r = 0; r < count; r++) {
            int o = r * stride;
            long name = orphans.get(o);
            for (int k = 0; k < ATTRIBUTES; k++) {
                long v = orphans.get(o + 1 + k);
                if (v != 0) {
                    probeList.add(((long) key(name, k, v) << 32) | r);
                }
            }
        }
        return probeList;
    }

    /** Marks the records of the sorted {@code probes[0, np)} whose key is in the sorted run {@code ka}. */
    private static void markKeyed(int[] ka, long[] probes, int np, boolean[] linked) {
        int kn = ka.length;
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
    }

    /** The (name, record - base) probes of the records in {@code [base, end)} not linked yet. */
    private LongChunks namedProbes(int base, int end, boolean[] linked, int stride) {
        LongChunks namedList = new LongChunks(pool);
        for (int r = base; r < end; r++) {
            if (!linked[r]) {
                namedList.add((orphans.get(r * stride) & NAME_BITS) | (r - base));
            }
        }
        return namedList;
    }

    /** Marks the records of the sorted {@code named[0, nn)} whose name only one NID carries, with no clash. */
    private void markNamed(long[] named, int nn, int base, boolean[] linked, int stride) {
        // each run of name-NID entries read front to back with its own position (a plain scan, no k-way merge)
        int runCount = nameNids.runCount();
        long[][] runs = new long[runCount][];
        for (int q = 0; q < runCount; q++) {
            runs[q] = nameNids.run(q);
        }
        int[] pos = new int[runCount];
        long lastPrefix = 0;
        int distinct = -1;
        int mask = 0;
        for (int i = 0; i < nn; i++) {
            long prefix = named[i] & NAME_BITS;
            if (distinct < 0 || prefix != lastPrefix) {
                long nid = -1;
                boolean many = false;
                mask = 0;
                for (int q = 0; q < runCount && !many; q++) {
                    long[] run = runs[q];
                    int p = pos[q];
                    while (p < run.length && (run[p] & NAME_BITS) < prefix) {
                        p++;
                    }
                    for (; p < run.length && (run[p] & NAME_BITS) == prefix; p++) {
                        long entry = run[p];
                        long nidPart = (entry >>> 4) & 0xFFFFFL;
                        if (nid < 0) {
                            nid = nidPart;
                        } else if (nidPart != nid) {
                            many = true;
                            break;
                        }
                        mask |= (int) (entry & 0xF);
                    }
                    pos[q] = p;
                }
                distinct = nid < 0 ? 0 : many ? 2 : 1;
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

    private static int find(int[] parent, int x) {
        while (parent[x] != x) {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        return x;
    }
}
