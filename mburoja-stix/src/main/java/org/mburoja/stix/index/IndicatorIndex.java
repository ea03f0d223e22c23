package org.mburoja.stix.index;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.mburoja.stix.StixObject;
import org.mburoja.stix.marking.TlpMarkings;
import org.mburoja.stix.pattern.PatternParser;
import org.mburoja.stix.pattern.PatternSyntaxException;

/**
 * The in-memory index detection queries for every event: which active indicators name this IP address (or a CIDR
 * range containing it), this domain (or a parent domain), this URL (normalised), this file hash or this e-mail
 * address.
 *
 * <p>Structure: an immutable compiled base ({@link IndicatorTable}), a small compiled delta of recent changes, and a
 * tombstone set of indicator ids replaced or removed since the base was built. Readers take one volatile snapshot
 * and never lock; writers are serialised, rebuild only the delta (cost proportional to the pending changes), and
 * fold everything into a new base once the pending changes exceed {@code mergeThreshold}. So updates apply without
 * stopping lookups.
 *
 * <p>Active means: a STIX indicator, not revoked, {@code valid_from <= now < valid_until}, and a score
 * ({@link IndicatorScore}) at or above {@code minScore}.
 */
public final class IndicatorIndex {

    /** What happened to one indicator given to {@link #upsert}. */
    public enum Outcome { INDEXED, PARTIAL, NOT_INDEXABLE, INACTIVE, REMOVED }

    private record State(IndicatorTable base, IndicatorTable delta, KeyTable dead, int deadCount) {
    }

    private record Pending(List<IndicatorKeys.Key> keys, byte tlp, int confidence, Instant reference,
                           SightingSummary sightings) {
    }

    private final Clock clock;
    private final double minScore;
    private final int mergeThreshold;
    private volatile State state = new State(IndicatorTable.empty(), IndicatorTable.empty(), null, 0);
    private final Map<String, Pending> pending = new LinkedHashMap<>();
    private final List<String> deadIds = new ArrayList<>();

    public IndicatorIndex(Clock clock, double minScore, int mergeThreshold) {
        this.clock = clock;
        this.minScore = minScore;
        this.mergeThreshold = mergeThreshold;
    }

    /** An index on the system clock, threshold 0.05, merging after 50,000 changes. */
    public static IndicatorIndex create() {
        return new IndicatorIndex(Clock.systemUTC(), 0.05, 50_000);
    }

    // ---- updates

    /** Adds, replaces or (when no longer active) removes one indicator. */
    public synchronized Outcome upsert(StixObject indicator, SightingSummary sightings) {
        Outcome o = stage(indicator, sightings);
        publish();
        return o;
    }

    /** Applies many indicators with one delta rebuild; returns the outcome per indicator id. */
    public synchronized Map<String, Outcome> upsertAll(Collection<StixObject> indicators,
                                                       Map<String, SightingSummary> sightings) {
        Map<String, Outcome> out = new LinkedHashMap<>();
        for (StixObject i : indicators) {
            out.put(i.id(), stage(i, sightings.getOrDefault(i.id(), SightingSummary.NONE)));
            if (pending.size() + deadIds.size() > mergeThreshold) {
                merge();
            }
        }
        publish();
        return out;
    }

    /**
     * As {@link #upsertAll} for indicators the index does not hold (never added, or removed since): nothing of
     * theirs needs hiding, so no tombstones are kept for them, which keeps every later update and lookup cheaper.
     * An id the index does hold must go through {@link #upsertAll}, or its old keys would keep answering.
     */
    public synchronized Map<String, Outcome> addAll(Collection<StixObject> indicators,
                                                    Map<String, SightingSummary> sightings) {
        Map<String, Outcome> out = new LinkedHashMap<>();
        Instant now = clock.instant();
        for (StixObject i : indicators) {
            Prepared p = prepare(i, sightings.getOrDefault(i.id(), SightingSummary.NONE), now);
            if (p.pending() != null) {
                pending.put(i.id(), p.pending());
            }
            out.put(i.id(), p.outcome());
            if (pending.size() + deadIds.size() > mergeThreshold) {
                merge();
            }
        }
        publish();
        return out;
    }

    /** Removes an indicator (revoked, deleted). */
    public synchronized void remove(String indicatorId) {
        pending.remove(indicatorId);
        deadIds.add(indicatorId);
        publish();
    }

    /** Removes many indicators with one delta rebuild. */
    public synchronized void removeAll(Collection<String> indicatorIds) {
        for (String id : indicatorIds) {
            pending.remove(id);
            deadIds.add(id);
        }
        publish();
    }

    /** Folds the delta into a new base and refreshes every score (call periodically, e.g. hourly). */
    public synchronized void merge() {
        State s = state;
        IndicatorTable.Builder b = new IndicatorTable.Builder(s.base().entries + pending.size() * 2);
        s.base().copyInto(b, deadTable());
        Instant now = clock.instant();
        pending.forEach((id, p) -> addKeys(b, id, p, now));
        pending.clear();
        deadIds.clear();
        state = new State(b.build(), IndicatorTable.empty(), null, 0);
    }

    private Outcome stage(StixObject indicator, SightingSummary sightings) {
        String id = indicator.id();
        deadIds.add(id);
        pending.remove(id);
        Prepared p = prepare(indicator, sightings, clock.instant());
        if (p.pending() != null) {
            pending.put(id, p.pending());
        }
        return p.outcome();
    }

    private record Prepared(Outcome outcome, Pending pending) {
    }

    /** What one indicator would put into the index now (keys, TLP, score inputs), or why it puts nothing. */
    private Prepared prepare(StixObject indicator, SightingSummary sightings, Instant now) {
        String id = indicator.id();
        Optional<StixObject.IndicatorView> view = indicator.asIndicator();
        if (view.isEmpty() || indicatorUuid(id) == null || !view.get().activeAt(now)) {
            return new Prepared(indicator.revoked() ? Outcome.REMOVED : Outcome.INACTIVE, null);
        }
        if (!"stix".equals(view.get().patternType())) {
            return new Prepared(Outcome.NOT_INDEXABLE, null);
        }
        IndicatorKeys.Extraction ex;
        try {
            ex = IndicatorKeys.extract(PatternParser.parse(view.get().pattern()));
        } catch (PatternSyntaxException e) {
            return new Prepared(Outcome.NOT_INDEXABLE, null);
        }
        if (ex.keys().isEmpty()) {
            return new Prepared(Outcome.NOT_INDEXABLE, null);
        }
        Instant reference = view.get().validFrom().orElse(now);
        Instant modified = indicator.modified().orElse(reference);
        if (modified.isAfter(reference)) {
            reference = modified;
        }
        byte tlp = (byte) (int) TlpMarkings.effectiveTlp(indicator).map(Enum::ordinal).orElse(-1);
        Pending p = new Pending(ex.keys(), tlp, view.get().confidence().orElse(-1), reference, sightings);
        double best = ex.keys().stream().mapToDouble(k -> IndicatorScore.score(p.confidence(), sightings,
                p.reference(), now, k.kind())).max().orElse(0);
        if (best < minScore) {
            return new Prepared(Outcome.INACTIVE, null);
        }
        return new Prepared(ex.complete() ? Outcome.INDEXED : Outcome.PARTIAL, p);
    }

    /**
     * Builds an index from many indicators in one pass, without the deltas and tombstones of {@link #upsertAll}:
     * what a start-up load from a store should use. Give each indicator id at most once (the newest version); the
     * index {@link #finish()} returns takes updates as usual.
     */
    public static Loader loader(Clock clock, double minScore, int mergeThreshold) {
        return new Loader(new IndicatorIndex(clock, minScore, mergeThreshold));
    }

    /** See {@link #loader}. Not thread-safe. */
    public static final class Loader {
        private final IndicatorIndex index;
        private final Instant now;
        private IndicatorTable.Builder builder = new IndicatorTable.Builder(1 << 16);

        private Loader(IndicatorIndex index) {
            this.index = index;
            this.now = index.clock.instant();
        }

        /** Adds one indicator (an id given twice would be indexed twice); says whether it is indexed. */
        public Outcome add(StixObject indicator, SightingSummary sightings) {
            if (builder == null) {
                throw new IllegalStateException("the loader has finished");
            }
            Prepared p = index.prepare(indicator, sightings, now);
            if (p.pending() != null) {
                index.addKeys(builder, indicator.id(), p.pending(), now);
            }
            return p.outcome();
        }

        /** The index of everything added. */
        public IndicatorIndex finish() {
            index.loadBase(builder);
            builder = null;
            return index;
        }
    }

    private void publish() {
        if (pending.size() + deadIds.size() > mergeThreshold) {
            merge();
            return;
        }
        IndicatorTable.Builder b = new IndicatorTable.Builder(pending.size() * 2);
        Instant now = clock.instant();
        pending.forEach((id, p) -> addKeys(b, id, p, now));
        state = new State(state.base(), b.build(), deadTable(), deadIds.size());
    }

    private KeyTable deadTable() {
        if (deadIds.isEmpty()) {
            return null;
        }
        KeyTable t = new KeyTable(2, deadIds.size());
        for (String id : deadIds) {
            UUID u = indicatorUuid(id);
            if (u != null) {
                t.put(u.getMostSignificantBits(), u.getLeastSignificantBits(), 0, 0, 0);
            }
        }
        return t;
    }

    private void addKeys(IndicatorTable.Builder b, String id, Pending p, Instant now) {
        UUID u = indicatorUuid(id);
        for (IndicatorKeys.Key k : p.keys()) {
            float score = (float) IndicatorScore.score(p.confidence(), p.sightings(), p.reference(), now, k.kind());
            if (score >= minScore) {
                KeyCompiler.add(b, k, u.getMostSignificantBits(), u.getLeastSignificantBits(), p.tlp(), score);
            }
        }
    }

    /** Bulk-loads a base directly from already-extracted keys (used by benchmarks and the initial load). */
    synchronized void loadBase(IndicatorTable.Builder builder) {
        pending.clear();
        deadIds.clear();
        state = new State(builder.build(), IndicatorTable.empty(), null, 0);
    }

    static UUID indicatorUuid(String id) {
        if (!id.startsWith("indicator--") || id.length() != 47) {
            return null;
        }
        try {
            return UUID.fromString(id.substring(11));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    // ---- lookups

    /** Indicators for an IPv4 or IPv6 address (exact, or inside an indexed CIDR range). */
    public List<IndicatorHit> lookupIp(String address) {
        if (address == null) {
            return List.of();
        }
        Collector c = new Collector(state);
        long v4 = ObservableKeys.ipv4(address, 0, address.length());
        if (v4 >= 0) {
            c.ipv4(v4);
        } else if (address.indexOf(':') >= 0) {
            long[] v6 = new long[2];
            if (ObservableKeys.ipv6(address, 0, address.length(), v6)) {
                c.ipv6(v6[0], v6[1]);
            }
        }
        return c.hits();
    }

    /** Receives batch hits: the position of the looked-up value in the batch, and the hit. */
    @FunctionalInterface
    public interface BatchHits {
        void hit(int position, IndicatorHit hit);
    }

    /**
     * Looks up many IP addresses at once (a batch of events). All IPv4 values are parsed, then the home slots of all
     * of them loaded in one short loop, so the CPU overlaps the cache misses across values, which one-at-a-time
     * lookups cannot: use this on the detection hot path. Hits arrive grouped (base, then recent changes, then
     * IPv6), not in position order; each hit is a shared immutable object, so a batch allocates only its scratch
     * arrays. A {@code null} value has no hits. Returns the number of hits.
     */
    public int lookupIps(String[] addresses, int count, BatchHits hits) {
        State s = state;
        Probes raw = Probes.acquire();
        try {
            return lookupIps(s, addresses, count, hits, raw);
        } finally {
            raw.release();
        }
    }

    private static int lookupIps(State s, String[] addresses, int count, BatchHits hits, Probes raw) {
        raw.addressScratch(count);
        raw.touch(addresses, count);
        int[] v4 = raw.ipv4;
        boolean[] valid = raw.isIpv4;
        boolean anyV6 = false;
        for (int i = 0; i < count; i++) {
            String a = addresses[i];
            // a dotted quad has no ':', so trying IPv4 first costs an IPv6 address only its first few characters
            int n = a == null ? 0 : a.length();
            long parsed = n < 7 || n > 15 ? -1 : ObservableKeys.ipv4(raw.chars(a), 0, n);
            valid[i] = parsed >= 0;
            v4[i] = (int) parsed;
            anyV6 |= parsed < 0;
        }
        int[] found = {0};
        KeyTable dead = s.dead();
        s.base().ipv4All(v4, valid, count, new Ipv4Table.BatchSink() {
            @Override
            public void chain(int position, IndicatorTable t, int head, List<IndicatorHit> chain) {
                if (dead == null) {
                    for (int k = 0, n = chain.size(); k < n; k++) {
                        hits.hit(position, chain.get(k));
                    }
                    found[0] += chain.size();
                    return;
                }
                for (int e = head; e >= 0; e = t.next[e]) {
                    if (dead.find(t.idHi[e], t.idLo[e], 0, 0) < 0) {
                        hits.hit(position, t.ownHit(e));
                        found[0]++;
                    }
                }
            }

            @Override
            public void one(int position, IndicatorTable t, int head, IndicatorHit hit) {
                if (dead == null || dead.find(t.idHi[head], t.idLo[head], 0, 0) < 0) {
                    hits.hit(position, hit);
                    found[0]++;
                }
            }
        });
        if (s.delta().entries > 0) {
            s.delta().ipv4All(v4, valid, count, new Ipv4Table.BatchSink() {
                @Override
                public void chain(int position, IndicatorTable t, int head, List<IndicatorHit> chain) {
                    for (int k = 0, n = chain.size(); k < n; k++) {
                        hits.hit(position, chain.get(k));
                    }
                    found[0] += chain.size();
                }

                @Override
                public void one(int position, IndicatorTable t, int head, IndicatorHit hit) {
                    hits.hit(position, hit);
                    found[0]++;
                }
            });
        }
        if (anyV6) {
            long[] parsed = new long[2];
            for (int i = 0; i < count; i++) {
                String a = addresses[i];
                if (!valid[i] && a != null && a.length() <= 45 && a.indexOf(':') >= 0
                        && ObservableKeys.ipv6(raw.chars(a), 0, a.length(), parsed)) {
                    raw.add(i, ObservableKind.IPV6, parsed[0], parsed[1], 0, 0);
                }
            }
            if (raw.size > 0) {
                found[0] += s.base().findAll(s.base().ipv6Probes(raw), dead, hits);
                if (s.delta().entries > 0) {
                    found[0] += s.delta().findAll(s.delta().ipv6Probes(raw), null, hits);
                }
            }
        }
        return found[0];
    }

    /**
     * Batch form of {@link #lookupDomain} (parent domains included): the domains of a batch of events at once.
     * Every value becomes one probe per domain level, then all probes are resolved together so that their cache
     * misses overlap ({@link IndicatorTable#findAll}); use this on the detection hot path. Hits arrive with the
     * position of their value, grouped (base, then recent changes), each a shared immutable object. A {@code null}
     * value has no hits. Returns the number of hits, the same as the single lookups' list sizes added up.
     */
    public int lookupDomains(String[] domains, int count, BatchHits hits) {
        State s = state;
        long levels = s.base().domainLevels | s.delta().domainLevels;
        return batch(s, p -> {
            p.touch(domains, count);
            for (int i = 0; i < count; i++) {
                String domain = domains[i];
                if (domain == null) {
                    continue;
                }
                int mark = p.size;
                if (!domainProbes(p, i, domain, true, levels)) {
                    // not ASCII: drop the probes of this value so far, probe its normal form (punycode) instead
                    p.size = mark;
                    String d = ObservableKeys.domain(domain);
                    if (d != null) {
                        domainProbes(p, i, d, false, levels);
                    }
                }
            }
        }, hits);
    }

    /**
     * Adds one probe per domain level of {@code d} (trailing dots ignored), hashing from the right so that each
     * parent domain's hash is a prefix of the next one's; each character is read once. With {@code asciiOnly},
     * stops and answers false at the first non-ASCII character (the caller then probes the normal form). Only the
     * levels in {@code levels} ({@link IndicatorTable#domainLevels}) are probed.
     */
    private static boolean domainProbes(Probes p, int position, String d, boolean asciiOnly, long levels) {
        char[] chars = p.chars(d);
        int to = d.length();
        while (to > 0 && chars[to - 1] == '.') {
            to--;
        }
        long h = ObservableKeys.FNV_OFFSET;
        char ch = to > 0 ? chars[to - 1] : 0;
        int labels = 1;
        for (int c = to - 1; c >= 0; c--) {
            if (asciiOnly && ch > 0x7F) {
                return false;
            }
            h = (h ^ ObservableKeys.fold(ch)) * ObservableKeys.FNV_PRIME;
            char before = c > 0 ? chars[c - 1] : '.';
            if (before == '.') {
                if ((levels & 1L << Math.min(labels, 63)) != 0) {
                    p.addText(position, ObservableKind.DOMAIN, KeyTable.mix(h, 0, 0, 0), d, c, to);
                }
                labels++;
            }
            ch = before;
        }
        return true;
    }

    /** Batch form of {@link #lookupUrl}, see {@link #lookupDomains} for the shape; {@code null} has no hits. */
    public int lookupUrls(String[] urls, int count, BatchHits hits) {
        return batch(state, p -> {
            p.touch(urls, count);
            for (int i = 0; i < count; i++) {
                String u = urls[i];
                if (u == null) {
                    continue;
                }
                char[] c = p.chars(u);
                if (ObservableKeys.alreadyNormal(c, u.length())) {
                    p.addText(i, ObservableKind.URL, KeyCompiler.flatHash(c, u.length()), u, 0, u.length());
                    continue;
                }
                String n = ObservableKeys.normaliseUrlFully(u);
                if (n != null) {
                    n = KeyCompiler.urlQuery(n);
                    p.addText(i, ObservableKind.URL, KeyCompiler.flatHash(p.chars(n), n.length()), n, 0, n.length());
                }
            }
        }, hits);
    }

    /** Batch form of {@link #lookupEmail}, see {@link #lookupDomains} for the shape; {@code null} has no hits. */
    public int lookupEmails(String[] emails, int count, BatchHits hits) {
        return batch(state, p -> {
            p.touch(emails, count);
            for (int i = 0; i < count; i++) {
                String email = emails[i];
                if (email == null) {
                    continue;
                }
                String e = ObservableKeys.ascii(email) ? email.trim()
                        : KeyCompiler.latin1(email.trim().toLowerCase(java.util.Locale.ROOT));
                p.addText(i, ObservableKind.EMAIL, KeyCompiler.flatHash(p.chars(e), e.length()), e, 0, e.length());
            }
        }, hits);
    }

    /**
     * Batch form of {@link #lookupHash}: MD5, SHA-1 and SHA-256 values mixed in one batch (the algorithm follows
     * from the length, as for a single lookup), see {@link #lookupDomains} for the shape; {@code null} and
     * malformed values have no hits.
     */
    public int lookupHashes(String[] hexes, int count, BatchHits hits) {
        return batch(state, p -> {
            boolean[] ok = {true};
            for (int i = 0; i < count; i++) {
                String hex = hexes[i];
                if (hex == null) {
                    continue;
                }
                int n = hex.length();
                if (n != 32 && n != 40 && n != 64) {
                    continue;
                }
                ok[0] = true;
                char[] c = p.chars(hex);
                switch (n) {
                    case 32 -> {
                        long a = ObservableKeys.hex(c, 0, 16, ok);
                        long b = ObservableKeys.hex(c, 16, 16, ok);
                        if (ok[0]) {
                            p.add(i, ObservableKind.MD5, a, b, 0, 0);
                        }
                    }
                    case 40 -> {
                        long a = ObservableKeys.hex(c, 0, 16, ok);
                        long b = ObservableKeys.hex(c, 16, 16, ok);
                        long d = ObservableKeys.hex(c, 32, 8, ok);
                        if (ok[0]) {
                            p.add(i, ObservableKind.SHA1, a, b, d, 0);
                        }
                    }
                    case 64 -> {
                        long a = ObservableKeys.hex(c, 0, 16, ok);
                        long b = ObservableKeys.hex(c, 16, 16, ok);
                        long d = ObservableKeys.hex(c, 32, 16, ok);
                        long e = ObservableKeys.hex(c, 48, 16, ok);
                        if (ok[0]) {
                            p.add(i, ObservableKind.SHA256, a, b, d, e);
                        }
                    }
                    default -> {
                    }
                }
            }
        }, hits);
    }

    /**
     * Fills the probes of one batch (in this thread's reused {@link Probes}, so a batch allocates next to nothing),
     * then resolves them against the snapshot {@code s} (the one the probes were made for).
     */
    private int batch(State s, java.util.function.Consumer<Probes> fill, BatchHits hits) {
        Probes p = Probes.acquire();
        try {
            fill.accept(p);
            return resolve(s, p, hits);
        } finally {
            p.release();
        }
    }

    /** Resolves a batch's probes against one snapshot: base minus tombstones, then the recent changes. */
    private int resolve(State s, Probes p, BatchHits hits) {
        int found = s.base().findAll(p, s.dead(), hits);
        if (s.delta().entries > 0) {
            found += s.delta().findAll(p, null, hits);
        }
        return found;
    }

    /**
     * Indicators for a domain or any parent domain of it ({@code a.evil.example} hits {@code evil.example}); read from
     * a reused copy of its characters, as the batch form does.
     */
    public List<IndicatorHit> lookupDomain(String domain) {
        if (domain == null) {
            return List.of();
        }
        State s = state;
        long levels = s.base().domainLevels | s.delta().domainLevels;
        Collector c = new Collector(s);
        Probes p = Probes.acquire();
        try {
            String d = domain;
            char[] ch = p.chars(d);
            if (!ObservableKeys.ascii(ch, d.length())) {
                d = ObservableKeys.domain(domain);
                if (d == null) {
                    return List.of();
                }
                ch = p.chars(d);
            }
            int to = d.length();
            while (to > 0 && ch[to - 1] == '.') {
                to--;
            }
            long h = ObservableKeys.FNV_OFFSET;
            int labels = 1;
            for (int i = to - 1; i >= 0; i--) {
                h = (h ^ ObservableKeys.fold(ch[i])) * ObservableKeys.FNV_PRIME;
                if (i == 0 || ch[i - 1] == '.') {
                    if ((levels & 1L << Math.min(labels, 63)) != 0) {
                        c.text(ObservableKind.DOMAIN, KeyTable.mix(h, 0, 0, 0), d, i, to);
                    }
                    labels++;
                }
            }
        } finally {
            p.release();
        }
        return c.hits();
    }

    /**
     * Indicators for a URL, compared in normal form. Like the batch form, the value is checked and hashed from a
     * reused copy of its characters, so a lookup allocates only what it finds.
     */
    public List<IndicatorHit> lookupUrl(String url) {
        if (url == null) {
            return List.of();
        }
        String v = url;
        long hash;
        Probes p = Probes.acquire();
        try {
            char[] c = p.chars(url);
            if (ObservableKeys.alreadyNormal(c, url.length())) {
                hash = KeyCompiler.flatHash(c, url.length());
            } else {
                String n = ObservableKeys.normaliseUrlFully(url);
                if (n == null) {
                    return List.of();
                }
                v = KeyCompiler.urlQuery(n);
                hash = KeyCompiler.flatHash(p.chars(v), v.length());
            }
        } finally {
            p.release();
        }
        return text(ObservableKind.URL, hash, v);
    }

    /** Indicators for an e-mail address (case-folded); hashed from a reused copy as {@link #lookupUrl}. */
    public List<IndicatorHit> lookupEmail(String email) {
        if (email == null) {
            return List.of();
        }
        String e = ObservableKeys.ascii(email) ? email.trim()
                : KeyCompiler.latin1(email.trim().toLowerCase(java.util.Locale.ROOT));
        long hash;
        Probes p = Probes.acquire();
        try {
            hash = KeyCompiler.flatHash(p.chars(e), e.length());
        } finally {
            p.release();
        }
        return text(ObservableKind.EMAIL, hash, e);
    }

    /** Indicators for an MD5 (32 hex digits), SHA-1 (40) or SHA-256 (64) value. */
    public List<IndicatorHit> lookupHash(String hex) {
        if (hex == null) {
            return List.of();
        }
        int n = hex.length();
        if (n != 32 && n != 40 && n != 64) {
            return List.of(); // no other length is a hash: nothing to copy or look up
        }
        Probes p = Probes.acquire();
        try {
            return lookupHash(p.chars(hex), n);
        } finally {
            p.release();
        }
    }

    /** {@link #lookupHash(String)} of the {@code n} characters copied into {@code c}. */
    private List<IndicatorHit> lookupHash(char[] c, int n) {
        boolean[] ok = {true};
        Collector collector = new Collector(state);
        switch (n) {
            case 32 -> {
                long a = ObservableKeys.hex(c, 0, 16, ok);
                long b = ObservableKeys.hex(c, 16, 16, ok);
                if (ok[0]) {
                    collector.hash(ObservableKind.MD5, a, b, 0, 0);
                }
            }
            case 40 -> {
                long a = ObservableKeys.hex(c, 0, 16, ok);
                long b = ObservableKeys.hex(c, 16, 16, ok);
                long d = ObservableKeys.hex(c, 32, 8, ok);
                if (ok[0]) {
                    collector.hash(ObservableKind.SHA1, a, b, d, 0);
                }
            }
            case 64 -> {
                long a = ObservableKeys.hex(c, 0, 16, ok);
                long b = ObservableKeys.hex(c, 16, 16, ok);
                long d = ObservableKeys.hex(c, 32, 16, ok);
                long e = ObservableKeys.hex(c, 48, 16, ok);
                if (ok[0]) {
                    collector.hash(ObservableKind.SHA256, a, b, d, e);
                }
            }
            default -> {
            }
        }
        return collector.hits();
    }

    private List<IndicatorHit> text(ObservableKind kind, long hash, String value) {
        Collector c = new Collector(state);
        c.text(kind, hash, value, 0, value.length());
        return c.hits();
    }

    /** Entries in the base, the delta, and tombstones; for monitoring. */
    public Map<String, Long> stats() {
        State s = state;
        return Map.of("baseEntries", (long) s.base().entries, "deltaEntries", (long) s.delta().entries,
                "tombstones", (long) s.deadCount(), "bytes", s.base().bytes() + s.delta().bytes());
    }

    /**
     * Gathers hits over base (minus tombstones) and delta. A lone hit is returned in a new one-element list and a
     * lone chain as its cached list, so a lookup reads no cached list unless a chain holds several entries; only
     * lookups with two or more hits build a list of their own.
     */
    private static final class Collector implements IndicatorTable.Sink {
        private final State s;
        /** The first hit while it is the only one. */
        private IndicatorHit first;
        /** A lone chain's cached list (immutable), or the own list once there are several hits. */
        private List<IndicatorHit> hits;
        private boolean owned;
        private boolean inBase;

        Collector(State s) {
            this.s = s;
        }

        void ipv4(long v4) {
            inBase = true;
            s.base().ipv4(v4, this);
            inBase = false;
            if (s.delta().entries > 0) {
                s.delta().ipv4(v4, this);
            }
        }

        void ipv6(long hi, long lo) {
            inBase = true;
            s.base().ipv6(hi, lo, this);
            inBase = false;
            if (s.delta().entries > 0) {
                s.delta().ipv6(hi, lo, this);
            }
        }

        void hash(ObservableKind k, long a, long b, long c, long d) {
            inBase = true;
            s.base().hash(k, a, b, c, d, this);
            inBase = false;
            if (s.delta().entries > 0) {
                s.delta().hash(k, a, b, c, d, this);
            }
        }

        void text(ObservableKind k, long hash, String v, int from, int to) {
            inBase = true;
            s.base().text(k, hash, v, from, to, this);
            inBase = false;
            if (s.delta().entries > 0) {
                s.delta().text(k, hash, v, from, to, this);
            }
        }

        @Override
        public void one(IndicatorTable t, int e, IndicatorHit hit) {
            if (inBase && s.dead() != null && s.dead().find(t.idHi[e], t.idLo[e], 0, 0) >= 0) {
                return;
            }
            if (first == null && hits == null) {
                first = hit;
            } else {
                own();
                hits.add(hit);
            }
        }

        @Override
        public void chain(IndicatorTable t, int head, List<IndicatorHit> chain) {
            if (inBase && s.dead() != null) {
                for (int e = head; e >= 0; e = t.next[e]) {
                    one(t, e, t.ownHit(e));
                }
            } else if (first == null && hits == null) {
                hits = chain;
            } else {
                own();
                hits.addAll(chain);
            }
        }

        private void own() {
            if (!owned) {
                List<IndicatorHit> l = new ArrayList<>(4);
                if (first != null) {
                    l.add(first);
                    first = null;
                }
                if (hits != null) {
                    l.addAll(hits);
                }
                hits = l;
                owned = true;
            }
        }

        List<IndicatorHit> hits() {
            return first != null ? List.of(first) : hits == null ? List.of() : hits;
        }
    }
}
