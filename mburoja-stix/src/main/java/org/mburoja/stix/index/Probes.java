package org.mburoja.stix.index;

import java.util.Arrays;

/**
 * The parsed keys of one batch lookup, one probe per key to look up: a value's position in the batch, its kind and
 * key, and for text kinds the characters to compare ({@code text[from, to)}). A domain adds one probe per parent
 * domain, an IPv6 address one per prefix length its table holds.
 *
 * <p>Why: a batch first turns every value into probes, then {@link IndicatorTable#findAll} loads all their home
 * slots in one short loop, so the cache misses of many values overlap instead of being paid one after the other.
 * Not thread-safe; one per batch call.
 */
final class Probes {

    /** One per thread, reused by consecutive batches; a batch started from inside a hit callback gets a new one. */
    private static final ThreadLocal<Probes> REUSED = ThreadLocal.withInitial(() -> new Probes(1024));

    int size;
    private boolean inUse;
    /** Scratch for {@link IndicatorTable#findAll}: filter answers and home-slot words per probe. */
    boolean[] maybe = new boolean[0];
    long[] homes = new long[0];
    int[] position;
    byte[] kind;
    /** Four key words per probe; for text kinds word 0 is the table hash ({@link KeyTable#mix} applied). */
    long[] key;
    /** The mixed hash of each probe's key (computed once, used for the home slot and the probe). */
    long[] mixed;
    String[] text;
    int[] from;
    int[] to;

    Probes(int capacity) {
        int cap = Math.max(4, capacity);
        position = new int[cap];
        kind = new byte[cap];
        key = new long[cap * 4];
        mixed = new long[cap];
        text = new String[cap];
        from = new int[cap];
        to = new int[cap];
    }

    /** This thread's probes, emptied, or new ones if they are in use further up the stack. */
    static Probes acquire() {
        Probes p = REUSED.get();
        if (p.inUse) {
            return new Probes(256);
        }
        p.inUse = true;
        p.size = 0;
        return p;
    }

    /** Probes derived from these ones (an IPv6 address's prefixes), reused like these; see {@link #spare}. */
    private Probes spare;

    /**
     * A second set of probes owned by this one, emptied: for the probes derived from these (one per IPv6 prefix
     * length of a table), so that a batch does not allocate them anew. Valid until the next call.
     */
    Probes spare() {
        Probes s = spare;
        if (s == null) {
            s = new Probes(position.length);
            spare = s;
        }
        s.size = 0;
        return s;
    }

    /** Drops the references to the batch's values and frees the probes for the thread's next batch. */
    void release() {
        Arrays.fill(text, 0, size, null);
        size = 0;
        inUse = false;
    }

    /** Scratch for {@link IndicatorIndex#lookupIps}: the parsed IPv4 addresses of a batch, and which values are. */
    int[] ipv4 = new int[0];
    boolean[] isIpv4 = new boolean[0];

    /** Sizes {@link #ipv4} and {@link #isIpv4} for a batch of {@code n} values. */
    void addressScratch(int n) {
        if (ipv4.length < n) {
            ipv4 = new int[n];
            isIpv4 = new boolean[n];
        }
    }

    /** Scratch for {@link #touch}. */
    private int[] lengths = new int[0];

    /**
     * Reads every value's length before anything else looks at the values: each value (its {@code String} and the
     * array of its characters, two objects usually scattered over the heap) is then fetched by loads that do not
     * depend on each other and so overlap, rather than one after the other while each value is parsed or hashed.
     */
    void touch(String[] values, int count) {
        if (lengths.length < count) {
            lengths = new int[count];
        }
        int[] l = lengths;
        for (int i = 0; i < count; i++) {
            String v = values[i];
            l[i] = v == null ? -1 : v.length();
        }
    }

    /** The longest value {@link #chars} copies into the reused array; a longer one gets an array of its own. */
    static final int REUSED_CHARS = 4096;
    private char[] chars = new char[256];

    /**
     * The characters of {@code s} in a reused array (valid until the next call), for the scans that run faster
     * over an array than through {@link String#charAt}. A value longer than {@link #REUSED_CHARS} is copied into
     * an array of its own, so that one hostile event value cannot make every thread keep a huge array.
     */
    char[] chars(String s) {
        int n = s.length();
        if (n > REUSED_CHARS) {
            return s.toCharArray();
        }
        if (chars.length < n) {
            chars = new char[Math.min(REUSED_CHARS, Math.max(n, 2 * chars.length))];
        }
        s.getChars(0, n, chars, 0);
        return chars;
    }

    /** The size of the reused character array (for tests). */
    int reusedChars() {
        return chars.length;
    }

    /** Sizes the scratch arrays for {@code n} probes. */
    void scratch(int n) {
        if (maybe.length < n) {
            maybe = new boolean[n];
            homes = new long[n];
        }
    }

    void add(int pos, ObservableKind k, long a, long b, long c, long d) {
        int i = next(pos, k);
        key[4 * i] = a;
        key[4 * i + 1] = b;
        key[4 * i + 2] = c;
        key[4 * i + 3] = d;
        mixed[i] = KeyTable.mix(a, b, c, d);
    }

    void addText(int pos, ObservableKind k, long hash, String s, int f, int t) {
        int i = next(pos, k);
        key[4 * i] = hash;
        key[4 * i + 1] = 0;
        key[4 * i + 2] = 0;
        key[4 * i + 3] = 0;
        mixed[i] = KeyTable.mix(hash, 0, 0, 0);
        text[i] = s;
        from[i] = f;
        to[i] = t;
    }

    private int next(int pos, ObservableKind k) {
        if (size == position.length) {
            int cap = size * 2;
            position = Arrays.copyOf(position, cap);
            kind = Arrays.copyOf(kind, cap);
            key = Arrays.copyOf(key, cap * 4);
            mixed = Arrays.copyOf(mixed, cap);
            text = Arrays.copyOf(text, cap);
            from = Arrays.copyOf(from, cap);
            to = Arrays.copyOf(to, cap);
        }
        position[size] = pos;
        kind[size] = (byte) k.ordinal();
        text[size] = null;
        return size++;
    }
}
