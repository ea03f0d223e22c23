package org.mburoja.stix.index;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.mburoja.stix.marking.Tlp;

/**
 * An immutable compiled set of indicator keys: entries in flat arrays (structure of arrays), one {@link KeyTable}
 * per observable kind, string values in one byte arena. Built by {@link Builder}; read concurrently without locks.
 *
 * <p>Memory per entry: 38 bytes of entry arrays (30 of values, 8 of the two hit caches), plus the key slot (about
 * 2 x (8 x width + 4) bytes at load 0.5), plus the value bytes for domains, URLs and e-mail addresses. A key with several indicators chains its entries.
 */
final class IndicatorTable {

    /** Receives the entries a lookup finds. */
    interface Sink {
        /**
         * One entry alone (not the rest of its chain), with its own hit: handed over without reading a cached list,
         * which would cost a second dependent cache miss.
         */
        void one(IndicatorTable table, int entry, IndicatorHit hit);

        /** A whole entry chain at once, with its cached hits ({@link #chainList}). */
        void chain(IndicatorTable table, int head, List<IndicatorHit> hits);
    }

    private static final ObservableKind[] KINDS = ObservableKind.values();
    @SuppressWarnings("unchecked")
    private static final Optional<Tlp>[] TLPS = java.util.Arrays.stream(Tlp.values()).map(Optional::of)
            .toArray(Optional[]::new);
    private static final int[] WIDTH = {1, 3, 1, 1, 2, 3, 4, 1};

    final long[] idHi;
    final long[] idLo;
    final byte[] tlp;
    final float[] score;
    final int[] next;
    final int[] valueOff;
    final byte[] kind;
    final int entries;
    final byte[] arena;
    private final KeyTable[] tables;
    private final Ipv4Table ipv4;
    /**
     * Per entry, the hit list of the chain starting there, made on first hit and reused afterwards, so that repeated hits
     * (the normal case: a hot indicator matches many events) allocate nothing. Costs one reference (4 bytes) per
     * entry plus about 90 bytes per entry that has ever been hit. Filled racily: the lists are immutable and safely
     * published through final fields, so a race only builds the same list twice.
     */
    private final List<IndicatorHit>[] hitCache;
    /**
     * Per entry, its own hit (the entry alone, not its chain), set with {@link #chainList} for every entry of the
     * chain. A batch hands over the hit of an entry that is alone on its key from here: one load, where the list
     * costs two dependent ones (the list, then its element). 4 bytes per entry.
     */
    private final IndicatorHit[] ownHit;
    private final int[] ipv6Prefixes;
    /**
     * The label counts of the domains held ({@link #domainLevel}: bit {@code n} for a domain of {@code n} labels,
     * bit 63 for 63 or more), so that a lookup probes only the parent domains of a length some indicator has (most
     * lists hold no bare top-level domain, so {@code com} is not probed for every event), as IPv6 probes only the
     * prefix lengths held.
     */
    final long domainLevels;

    private IndicatorTable(Builder b) {
        domainLevels = b.domainLevels;
        entries = b.n;
        idHi = Arrays.copyOf(b.idHi, b.n);
        idLo = Arrays.copyOf(b.idLo, b.n);
        tlp = Arrays.copyOf(b.tlp, b.n);
        score = Arrays.copyOf(b.score, b.n);
        next = Arrays.copyOf(b.next, b.n);
        valueOff = Arrays.copyOf(b.valueOff, b.n);
        kind = Arrays.copyOf(b.kind, b.n);
        arena = Arrays.copyOf(b.arena, b.arenaSize);
        tables = b.tables.clone();
        ipv4 = new Ipv4Table(tables[ObservableKind.IPV4.ordinal()]);
        tables[ObservableKind.IPV4.ordinal()] = new KeyTable(1, 1);
        for (KeyTable t : tables) {
            t.seal();
        }
        @SuppressWarnings("unchecked")
        List<IndicatorHit>[] cache = new List[b.n];
        hitCache = cache;
        ownHit = new IndicatorHit[b.n];
        int[] v6 = new int[129];
        int c = 0;
        for (int p = 128; p >= 0; p--) {
            if (b.ipv6Prefix[p]) {
                v6[c++] = p;
            }
        }
        ipv6Prefixes = Arrays.copyOf(v6, c);
    }

    static IndicatorTable empty() {
        return new Builder(16).build();
    }

    long bytes() {
        long t = ipv4.bytes();
        for (KeyTable k : tables) {
            t += k.bytes();
        }
        return t + entries * 38L + arena.length;
    }

    // ---- lookups (no allocation unless something is found)

    /** Exact address and every range containing it, see {@link Ipv4Table}. */
    void ipv4(long addr, Sink sink) {
        ipv4.lookup((int) addr, this, sink);
    }

    void ipv4All(int[] addrs, boolean[] valid, int count, Ipv4Table.BatchSink sink) {
        ipv4.lookupAll(addrs, valid, count, this, sink);
    }

    void ipv6(long hi, long lo, Sink sink) {
        KeyTable t = tables[ObservableKind.IPV6.ordinal()];
        for (int p : ipv6Prefixes) {
            emit(t.find(maskHi(hi, p), maskLo(lo, p), p, 0), sink);
        }
    }

    void hash(ObservableKind k, long a, long b, long c, long d, Sink sink) {
        emit(tables[k.ordinal()].find(a, b, c, d), sink);
    }

    /** Entries whose stored string equals {@code s[from, to)} (ASCII, compared case-folded). */
    void text(ObservableKind k, long hash, String s, int from, int to, Sink sink) {
        int e = tables[k.ordinal()].find(hash, 0, 0, 0);
        while (e >= 0) {
            if (sameText(e, s, from, to)) {
                sink.one(this, e, ownHit(e));
            }
            e = next[e];
        }
    }

    /**
     * Batch form of {@link #hash}, {@link #text} and {@link #ipv6}: hands every hit of every probe to {@code out}
     * (entries whose indicator is in {@code dead} left out), returns the number of hits. Works in passes so that
     * the cache misses of different probes overlap: (1) load every probe's home slot, which already settles most
     * misses (an empty home slot); (2) resolve the rest against now-cached slots, noting candidate entries;
     * (3) load the candidates' value offsets, cached hit lists and value lengths; (4) compare texts, noting the
     * hits; (5) load and touch the hits' lists, then hand them over (hash and address probes, with nothing to
     * compare, hand their chains over right after (3)). The
     * hits of one probe come in the order a single lookup finds them; across probes, in probe order.
     */
    int findAll(Probes p, KeyTable dead, IndicatorIndex.BatchHits out) {
        int n = p.size;
        if (n == 0 || entries == 0) {
            return 0;
        }
        KeyTable[] ts = tables;
        byte[] kinds = p.kind;
        long[] mixed = p.mixed;
        // pass 0: the filters (small, mostly cached) settle most misses without touching the slot arrays
        p.scratch(n);
        boolean[] maybe = p.maybe;
        for (int i = 0; i < n; i++) {
            maybe[i] = ts[kinds[i]].mayContain(mixed[i]);
        }
        long[] homes = p.homes;
        for (int i = 0; i < n; i++) {
            homes[i] = maybe[i] ? ts[kinds[i]].home(mixed[i]) : 0;
        }
        long[] k = p.key;
        int[] candProbe = new int[Math.min(n, 64)];
        int[] candEntry = new int[candProbe.length];
        int c = 0;
        for (int i = 0; i < n; i++) {
            if (homes[i] == 0) {
                continue;
            }
            int e = ts[kinds[i]].find(mixed[i], k[4 * i], k[4 * i + 1], k[4 * i + 2], k[4 * i + 3]);
            if (e >= 0) {
                if (c == candProbe.length) {
                    candProbe = Arrays.copyOf(candProbe, c * 2);
                    candEntry = Arrays.copyOf(candEntry, c * 2);
                }
                candProbe[c] = i;
                candEntry[c++] = e;
            }
        }
        if (c == 0) {
            return 0;
        }
        boolean anyText = false;
        for (int j = 0; j < c; j++) {
            anyText |= p.text[candProbe[j]] != null;
        }
        if (!anyText) {
            return keyHits(p, dead, out, c, candProbe, candEntry);
        }
        // pass 3: load the candidates' value offsets and what a hit hands over (a text probe's hit is one entry: its
        // own hit; a key probe's its chain's cached list), then the first bytes of their values (one miss each,
        // overlapped in these short loops rather than one by one in the comparing pass)
        @SuppressWarnings("unchecked")
        List<IndicatorHit>[] cached = new List[c];
        IndicatorHit[] candOne = new IndicatorHit[c];
        int[] offs = new int[c];
        for (int j = 0; j < c; j++) {
            int e = candEntry[j];
            offs[j] = valueOff[e];
            if (p.text[candProbe[j]] != null) {
                candOne[j] = ownHit[e];
            } else {
                cached[j] = hitCache[e];
            }
        }
        // the stored values' lengths: the first bytes of the values, so the comparing pass finds them in cache
        byte[] arena = this.arena;
        int[] lens = new int[c];
        for (int j = 0; j < c; j++) {
            int off = offs[j];
            lens[j] = off < 0 ? -1 : (arena[off] & 0xFF) << 8 | arena[off + 1] & 0xFF;
        }
        // pass 4: compare texts and note the hits: candidate, entry, and whether the entry's whole chain is meant
        int[] hitCand = new int[c + 8];
        int[] hitEntry = new int[hitCand.length];
        boolean[] hitWhole = new boolean[hitCand.length];
        int h = 0;
        for (int j = 0; j < c; j++) {
            int i = candProbe[j];
            int e = candEntry[j];
            String s = p.text[i];
            // a hash or address key without tombstones hands over its whole chain's list at once
            boolean whole = s == null && dead == null;
            for (int x = e; x >= 0; x = next[x]) {
                boolean match = s == null || (x == e ? lens[j] == p.to[i] - p.from[i] && sameChars(offs[j], s,
                        p.from[i], p.to[i]) : sameTextAt(valueOff[x], s, p.from[i], p.to[i]));
                if (match && (whole || alive(x, dead))) {
                    if (h == hitCand.length) {
                        hitCand = Arrays.copyOf(hitCand, h * 2);
                        hitEntry = Arrays.copyOf(hitEntry, h * 2);
                        hitWhole = Arrays.copyOf(hitWhole, h * 2);
                    }
                    hitCand[h] = j;
                    hitEntry[h] = whole ? e : x;
                    hitWhole[h++] = whole;
                    if (whole) {
                        break;
                    }
                }
            }
        }
        // pass 5: fetch the hits (the candidates' loaded ones first): one entry's own hit, or a whole chain's list;
        // touch the lists (overlapped), hand them over
        @SuppressWarnings("unchecked")
        List<IndicatorHit>[] lists = new List[h];
        IndicatorHit[] ones = new IndicatorHit[h];
        for (int t = 0; t < h; t++) {
            int j = hitCand[t];
            int x = hitEntry[t];
            boolean first = x == candEntry[j];
            if (hitWhole[t]) {
                lists[t] = first && cached[j] != null ? cached[j] : chainList(x);
            } else {
                ones[t] = first && candOne[j] != null ? candOne[j] : ownHit(x);
            }
        }
        int[] sizes = new int[h];
        for (int t = 0; t < h; t++) {
            sizes[t] = hitWhole[t] ? lists[t].size() : 1;
        }
        int hits = 0;
        for (int t = 0; t < h; t++) {
            int pos = p.position[candProbe[hitCand[t]]];
            if (!hitWhole[t]) {
                out.hit(pos, ones[t]);
                hits++;
                continue;
            }
            List<IndicatorHit> l = lists[t];
            for (int m = 0; m < sizes[t]; m++) {
                out.hit(pos, l.get(m));
            }
            hits += sizes[t];
        }
        return hits;
    }

    /**
     * The last passes of {@link #findAll} for hash and address probes (no text to compare): first each candidate's
     * chain link and own hit are loaded (independent loads, overlapped across candidates), then an entry alone on
     * its key hands over its own hit, a longer chain its list.
     */
    private int keyHits(Probes p, KeyTable dead, IndicatorIndex.BatchHits out, int c, int[] candProbe,
                        int[] candEntry) {
        IndicatorHit[] ones = new IndicatorHit[c];
        boolean[] alone = new boolean[c];
        for (int j = 0; j < c; j++) {
            int e = candEntry[j];
            alone[j] = next[e] < 0;
            ones[j] = ownHit[e];
        }
        int hits = 0;
        for (int j = 0; j < c; j++) {
            int e = candEntry[j];
            int pos = p.position[candProbe[j]];
            if (alone[j] && ones[j] != null) {
                if (dead == null || alive(e, dead)) {
                    out.hit(pos, ones[j]);
                    hits++;
                }
            } else if (dead == null) {
                List<IndicatorHit> l = chainList(e);
                for (int m = 0, n = l.size(); m < n; m++) {
                    out.hit(pos, l.get(m));
                }
                hits += l.size();
            } else {
                for (int x = e; x >= 0; x = next[x]) {
                    if (alive(x, dead)) {
                        out.hit(pos, ownHit(x));
                        hits++;
                    }
                }
            }
        }
        return hits;
    }

    private boolean alive(int e, KeyTable dead) {
        return dead == null || dead.find(idHi[e], idLo[e], 0, 0) < 0;
    }

    /**
     * Probes for IPv6 addresses ({@code raw}: one probe per address, key words 0 and 1 the address) against this
     * table: one per prefix length the table holds, longest first, as {@link #ipv6} probes them. The result is
     * {@code raw}'s {@link Probes#spare}, valid until the next call on the same {@code raw}.
     */
    Probes ipv6Probes(Probes raw) {
        Probes out = raw.spare();
        for (int i = 0; i < raw.size; i++) {
            long hi = raw.key[4 * i];
            long lo = raw.key[4 * i + 1];
            for (int pl : ipv6Prefixes) {
                out.add(raw.position[i], ObservableKind.IPV6, maskHi(hi, pl), maskLo(lo, pl), pl, 0);
            }
        }
        return out;
    }

    private boolean sameText(int e, String s, int from, int to) {
        return sameTextAt(valueOff[e], s, from, to);
    }

    private boolean sameTextAt(int off, String s, int from, int to) {
        int len = (arena[off] & 0xFF) << 8 | arena[off + 1] & 0xFF;
        return len == to - from && sameChars(off, s, from, to);
    }

    /** The value at {@code off}, known to be {@code to - from} bytes long, equals {@code s[from, to)} case-folded. */
    private boolean sameChars(int off, String s, int from, int to) {
        int len = to - from;
        for (int i = 0; i < len; i++) {
            if ((arena[off + 2 + i] & 0xFF) != ObservableKeys.fold(s.charAt(from + i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * The hits of the entry chain starting at {@code e} (the entry itself first), as an immutable list built on
     * first use and reused afterwards.
     */
    List<IndicatorHit> chainList(int e) {
        List<IndicatorHit> l = hitCache[e];
        if (l == null) {
            int n = 0;
            for (int c = e; c >= 0; c = next[c]) {
                n++;
            }
            IndicatorHit[] hits = new IndicatorHit[n];
            n = 0;
            for (int c = e; c >= 0; c = next[c]) {
                IndicatorHit own = ownHit[c];
                if (own == null) {
                    Optional<Tlp> t = tlp[c] < 0 ? Optional.empty() : TLPS[tlp[c]];
                    own = new IndicatorHit(new UUID(idHi[c], idLo[c]), KINDS[kind[c]], t, score[c]);
                    ownHit[c] = own;
                }
                hits[n++] = own;
            }
            l = List.of(hits);
            hitCache[e] = l;
        }
        return l;
    }

    /** The hit of entry {@code e} alone (whatever follows it in its chain). */
    IndicatorHit ownHit(int e) {
        IndicatorHit h = ownHit[e];
        return h != null ? h : chainList(e).getFirst();
    }

    /** {@link #ownHit} if made already, else null (no allocation). */
    IndicatorHit ownHitIfMade(int e) {
        return ownHit[e];
    }

    String text(int e) {
        int off = valueOff[e];
        int len = (arena[off] & 0xFF) << 8 | arena[off + 1] & 0xFF;
        return new String(arena, off + 2, len, StandardCharsets.ISO_8859_1);
    }

    /** Hands over the chain starting at {@code e}, if any: its own hit when it is alone, else the cached list. */
    void emit(int e, Sink sink) {
        if (e >= 0) {
            IndicatorHit own = next[e] < 0 ? ownHit[e] : null;
            if (own != null) {
                sink.one(this, e, own);
            } else {
                sink.chain(this, e, chainList(e));
            }
        }
    }

    static long maskHi(long hi, int p) {
        return p >= 64 ? hi : p == 0 ? 0 : hi & (-1L << (64 - p));
    }

    static long maskLo(long lo, int p) {
        return p <= 64 ? 0 : p == 128 ? lo : lo & (-1L << (128 - p));
    }

    /** The {@link #domainLevels} bit of the stored domain at arena offset {@code off}. */
    static long domainLevel(byte[] arena, int off) {
        int len = (arena[off] & 0xFF) << 8 | arena[off + 1] & 0xFF;
        int labels = 1;
        for (int i = off + 2; i < off + 2 + len; i++) {
            labels += arena[i] == '.' ? 1 : 0;
        }
        return 1L << Math.min(labels, 63);
    }

    /** Copies the live entries of this table into a builder (for merging a delta into a new base). */
    void copyInto(Builder b, KeyTable dead) {
        for (ObservableKind k : ObservableKind.values()) {
            KeyTable.Visitor copy = (k0, k1, k2, k3, head) -> {
                for (int e = head; e >= 0; e = next[e]) {
                    if (dead == null || dead.find(idHi[e], idLo[e], 0, 0) < 0) {
                        int v = valueOff[e] < 0 ? -1 : b.storeText(arena, valueOff[e]);
                        b.addKey(k, k0, k1, k2, k3, idHi[e], idLo[e], tlp[e], score[e], v);
                    }
                }
            };
            if (k == ObservableKind.IPV4) {
                ipv4.forEach(copy);
            } else {
                tables[k.ordinal()].forEach(copy);
            }
        }
    }

    /** Accumulates entries; not thread-safe. */
    static final class Builder {
        private long[] idHi;
        private long[] idLo;
        private byte[] tlp;
        private float[] score;
        private int[] next;
        private int[] valueOff;
        private byte[] kind;
        private int n;
        private byte[] arena = new byte[1024];
        private int arenaSize;
        private final KeyTable[] tables = new KeyTable[ObservableKind.values().length];
        private final boolean[] ipv6Prefix = new boolean[129];
        private long domainLevels;

        Builder(int expected) {
            int cap = Math.max(16, expected);
            idHi = new long[cap];
            idLo = new long[cap];
            tlp = new byte[cap];
            score = new float[cap];
            next = new int[cap];
            valueOff = new int[cap];
            kind = new byte[cap];
            for (ObservableKind k : ObservableKind.values()) {
                tables[k.ordinal()] = new KeyTable(WIDTH[k.ordinal()], 16);
            }
        }

        int size() {
            return n;
        }

        void addIpv4(long addr, int prefix, long hi, long lo, byte t, float s) {
            long masked = prefix == 0 ? 0 : addr & (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
            addKey(ObservableKind.IPV4, (long) prefix << 32 | masked, 0, 0, 0, hi, lo, t, s, -1);
        }

        void addIpv6(long ahi, long alo, int prefix, long hi, long lo, byte t, float s) {
            addKey(ObservableKind.IPV6, maskHi(ahi, prefix), maskLo(alo, prefix), prefix, 0, hi, lo, t, s, -1);
        }

        void addText(ObservableKind k, long hash, String value, long hi, long lo, byte t, float s) {
            byte[] bytes = value.getBytes(StandardCharsets.ISO_8859_1);
            int off = arenaSize;
            ensureArena(bytes.length + 2);
            arena[arenaSize++] = (byte) (bytes.length >>> 8);
            arena[arenaSize++] = (byte) bytes.length;
            System.arraycopy(bytes, 0, arena, arenaSize, bytes.length);
            arenaSize += bytes.length;
            addKey(k, hash, 0, 0, 0, hi, lo, t, s, off);
        }

        int storeText(byte[] from, int off) {
            int len = ((from[off] & 0xFF) << 8 | from[off + 1] & 0xFF) + 2;
            int at = arenaSize;
            ensureArena(len);
            System.arraycopy(from, off, arena, arenaSize, len);
            arenaSize += len;
            return at;
        }

        void addKey(ObservableKind k, long k0, long k1, long k2, long k3, long hi, long lo, byte t, float s,
                    int value) {
            if (n == idHi.length) {
                int cap = n + (n >> 1) + 16;
                idHi = Arrays.copyOf(idHi, cap);
                idLo = Arrays.copyOf(idLo, cap);
                tlp = Arrays.copyOf(tlp, cap);
                score = Arrays.copyOf(score, cap);
                next = Arrays.copyOf(next, cap);
                valueOff = Arrays.copyOf(valueOff, cap);
                kind = Arrays.copyOf(kind, cap);
            }
            idHi[n] = hi;
            idLo[n] = lo;
            tlp[n] = t;
            score[n] = s;
            valueOff[n] = value;
            kind[n] = (byte) k.ordinal();
            next[n] = tables[k.ordinal()].put(k0, k1, k2, k3, n);
            if (k == ObservableKind.IPV6) {
                ipv6Prefix[(int) k2] = true;
            } else if (k == ObservableKind.DOMAIN && value >= 0) {
                domainLevels |= domainLevel(arena, value);
            }
            n++;
        }

        private void ensureArena(int more) {
            if (arenaSize + more > arena.length) {
                long cap = Math.max((long) arena.length * 2, (long) arenaSize + more);
                if (cap > Integer.MAX_VALUE - 16) {
                    throw new IllegalStateException("indicator value arena full (2 GB)");
                }
                arena = Arrays.copyOf(arena, (int) cap);
            }
        }

        IndicatorTable build() {
            return new IndicatorTable(this);
        }

        Map<ObservableKind, Integer> keyCounts() {
            Map<ObservableKind, Integer> m = new EnumMap<>(ObservableKind.class);
            for (ObservableKind k : ObservableKind.values()) {
                m.put(k, tables[k.ordinal()].size());
            }
            return m;
        }
    }
}
