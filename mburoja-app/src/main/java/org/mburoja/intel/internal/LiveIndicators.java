package org.mburoja.intel.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.mburoja.intel.IndexState;
import org.mburoja.intel.StoredObject;
import org.mburoja.kernel.OrganisationId;
import org.mburoja.stix.StixObject;
import org.mburoja.stix.index.IndicatorIndex;
import org.mburoja.stix.index.SightingSummary;
import org.mburoja.stix.index.Sightings;
import org.mburoja.stix.marking.Tlp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store's active indicators as an {@link IndicatorIndex}, kept current: a full build reads every latest,
 * unrevoked indicator and sighting of every collection; after that, {@link #changed} re-reads the objects a
 * committed change touched (a new version, a revocation, a deletion, a sighting) and applies them as one delta;
 * timers re-read indicators when their {@code valid_from} or {@code valid_until} passes. A rebuild runs beside the
 * live index and records the changes that commit meanwhile, then replays them on the new build before swapping it
 * in, so nothing committed during a rebuild is lost.
 *
 * <p>An indicator that lives in several collections is indexed once, from its newest version, with one
 * {@link Placement} per collection (that collection's publisher and TLP), which is what rights and TLP are decided
 * on. Not a Spring bean itself (see {@link IndexedIndicatorMatching}), so that tests drive it on any clock and rows.
 */
final class LiveIndicators {

    private static final Logger log = LoggerFactory.getLogger(LiveIndicators.class);
    private static final int PAGE = 2_000;
    private static final int IDS_PER_QUERY = 500;

    /** One collection an indexed indicator lives in. */
    record Placement(UUID collection, OrganisationId owner, Tlp tlp) {
    }

    /**
     * An indexed indicator: the version indexed (epoch microseconds), until when it is valid (epoch milliseconds,
     * {@code Long.MAX_VALUE} for no end) and where it lives (a list shared by every indicator with the same
     * placements). About 110 bytes per indicator with its map node and key.
     */
    record Entry(UUID uuid, long version, long validUntil, List<Placement> placements) {

        String id() {
            return "indicator--" + uuid;
        }

        boolean expiredAt(Instant now) {
            return now.toEpochMilli() >= validUntil;
        }
    }


    private record SightingRef(String indicatorId, SightingSummary summary) {
    }

    /** The source of rows: the store's tables (a seam for tests). */
    interface Rows {
        List<StixRows.LiveRow> live(Set<String> types, long afterSeq, int fetch);

        /** Ids of the type whose latest, unrevoked versions live in more than one collection. */
        Set<String> inSeveralCollections(String type);

        List<StixRows.LiveRow> live(Collection<String> ids);
    }

    /** One complete build with the facts it was made from. Entries are read without the lock. */
    static final class Generation {
        /** Set once before the generation is published (through the volatile {@code current}). */
        IndicatorIndex index;
        final Instant builtAt;
        final Map<List<Placement>, List<Placement>> placementLists = new HashMap<>();
        final Map<UUID, Entry> entries = new ConcurrentHashMap<>();
        final Map<String, SightingRef> sightings = new HashMap<>();
        final Map<String, Set<String>> sightingsOf = new HashMap<>();
        final NavigableMap<Instant, Set<String>> timers = new TreeMap<>();
        long number;
        long changes;

        Generation(Instant builtAt) {
            this.builtAt = builtAt;
        }

        List<Placement> intern(List<Placement> placements) {
            List<Placement> copy = List.copyOf(placements);
            return placementLists.computeIfAbsent(copy, k -> k);
        }

        SightingSummary summary(String indicatorId) {
            long count = 0;
            Optional<Instant> last = Optional.empty();
            for (String s : sightingsOf.getOrDefault(indicatorId, Set.of())) {
                SightingSummary one = sightings.get(s).summary();
                count += one.count();
                if (one.lastSeen().isPresent() && (last.isEmpty() || one.lastSeen().get().isAfter(last.get()))) {
                    last = one.lastSeen();
                }
            }
            return count == 0 && last.isEmpty() ? SightingSummary.NONE : new SightingSummary(count, last);
        }
    }

    private final Rows rows;
    private final Clock clock;
    private final double minScore;
    private final int mergeThreshold;
    private final ReentrantLock lock = new ReentrantLock();
    private final ReentrantLock building = new ReentrantLock();
    private volatile Generation current;
    /** Ids changed while a build reads the store (also before the first build): replayed on the new build. */
    private Set<String> replay = new LinkedHashSet<>();
    private long generations;
    /**
     * Indicators found gone (deleted everywhere) in the last minute, with when: a row written before the deletion
     * but handed over after it must not bring it back, so such rows are read again.
     */
    private final LinkedHashMap<String, Long> recentlyGone = new LinkedHashMap<>();
    private static final long GONE_NANOS = 60_000_000_000L;

    LiveIndicators(Rows rows, Clock clock, double minScore, int mergeThreshold) {
        this.rows = rows;
        this.clock = clock;
        this.minScore = minScore;
        this.mergeThreshold = mergeThreshold;
    }

    /** The current build, or null before the first one finished. */
    Generation current() {
        return current;
    }

    IndexState state() {
        Generation g = current;
        if (g == null) {
            return new IndexState(0, null, 0, 0, Map.of());
        }
        lock.lock();
        try {
            return new IndexState(g.number, g.builtAt, g.entries.size(), g.changes, g.index.stats());
        } finally {
            lock.unlock();
        }
    }

    /** Builds a new index from the store and swaps it in; one build at a time (a second caller waits for it). */
    IndexState rebuild() {
        building.lock();
        try {
            lock.lock();
            try {
                if (replay == null) {
                    replay = new LinkedHashSet<>();
                }
            } finally {
                lock.unlock();
            }
            long started = System.nanoTime();
            Generation g = load();
            lock.lock();
            try {
                apply(g, replay);
                replay = null;
                g.changes = 0;
                g.number = ++generations;
                current = g;
            } finally {
                lock.unlock();
            }
            log.info("indicator index build {}: {} indicators in {} ms", g.number, g.entries.size(),
                    (System.nanoTime() - started) / 1_000_000);
            return state();
        } finally {
            building.unlock();
        }
    }

    /** Applies committed changes to these object ids (other types than indicators and sightings are ignored). */
    void changed(Collection<String> ids) {
        Set<String> relevant = new LinkedHashSet<>();
        for (String id : ids) {
            if (id != null && (id.startsWith("indicator--") || id.startsWith("sighting--"))) {
                relevant.add(id);
            }
        }
        if (relevant.isEmpty()) {
            return;
        }
        lock.lock();
        try {
            if (replay != null) {
                replay.addAll(relevant);
            }
            if (current != null) {
                apply(current, relevant);
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Applies rows just written (each its object's latest version in its collection), from the data in hand when it
     * suffices; otherwise the ids are read again: an indicator whose other collections the index knows differently
     * from what the write saw (a concurrent write elsewhere), a revocation or an older write that leaves another
     * collection's version newest and not the indexed one, and every sighting's indicator (to score it again).
     */
    void written(List<StixIngest.LatestRow> rows) {
        if (rows.isEmpty()) {
            return;
        }
        lock.lock();
        try {
            if (replay != null) {
                rows.forEach(r -> replay.add(r.row().id()));
            }
            if (current != null) {
                applyWritten(current, rows);
            }
        } finally {
            lock.unlock();
        }
    }

    private void applyWritten(Generation g, List<StixIngest.LatestRow> written) {
        Set<String> reread = new LinkedHashSet<>();
        Map<String, List<StixRows.LiveRow>> direct = new LinkedHashMap<>();
        Map<String, StixObject> parsed = new HashMap<>();
        for (StixIngest.LatestRow w : written) {
            StixRows.NewRow r = w.row();
            if (r.type().equals("sighting")) {
                reread.add(r.id()); // few, and their order matters for the counts: read again
                continue;
            }
            UUID uuid = uuid(r.id());
            if (uuid == null) {
                continue;
            }
            Entry e = g.entries.get(uuid);
            if (e != null && micros(r.version()) < e.version() || recentlyGone(r.id())) {
                reread.add(r.id()); // handed over out of order (concurrent commits): the store decides
                continue;
            }
            Set<UUID> known = new java.util.HashSet<>();
            if (e != null) {
                e.placements().forEach(p -> known.add(p.collection()));
                known.remove(r.collection());
            }
            Set<UUID> seen = new java.util.HashSet<>();
            w.elsewhere().forEach(x -> seen.add(x.collection()));
            if (!known.equals(seen) || direct.containsKey(r.id())) {
                reread.add(r.id());
                continue;
            }
            List<StixRows.LiveRow> live = new ArrayList<>();
            if (!r.revoked()) {
                StoredObject o = new StoredObject(r.seq(), r.id(), r.type(), r.specVersion(), r.version(),
                        r.versionText(), r.dateAdded(), false, r.tlp(),
                        r.owner() == null ? null : new OrganisationId(r.owner()), r.source(), r.json());
                live.add(new StixRows.LiveRow(r.collection(), o)); // first: it wins a tie, and it has the JSON
            }
            Instant newestElsewhere = null;
            for (StixRows.LiveElsewhere x : w.elsewhere()) {
                live.add(new StixRows.LiveRow(x.collection(), new StoredObject(-1, r.id(), r.type(), r.specVersion(),
                        x.version(), null, null, false, x.tlp(), x.owner(), null, null)));
                if (newestElsewhere == null || x.version().isAfter(newestElsewhere)) {
                    newestElsewhere = x.version();
                }
            }
            if (newestElsewhere == null || !r.revoked() && !newestElsewhere.isAfter(r.version())) {
                direct.put(r.id(), live); // what was just written is the newest live version (or none is left)
                if (w.object() != null && !r.revoked()) {
                    parsed.put(r.id(), w.object());
                }
            } else if (e != null && e.version() == micros(newestElsewhere)) {
                List<Placement> placements = new ArrayList<>();
                live.forEach(l -> placements.add(new Placement(l.collection(), l.object().owner(), l.object().tlp())));
                g.entries.put(uuid, new Entry(uuid, e.version(), e.validUntil(), g.intern(placements)));
            } else {
                reread.add(r.id());
            }
        }
        direct.keySet().removeAll(reread);
        place(g, direct, parsed);
        apply(g, reread);
        g.changes += written.size() - reread.size();
    }

    private boolean recentlyGone(String id) {
        long now = System.nanoTime();
        var it = recentlyGone.entrySet().iterator();
        while (it.hasNext()) {
            if (now - it.next().getValue() <= GONE_NANOS) {
                break;
            }
            it.remove();
        }
        return recentlyGone.containsKey(id);
    }

    /** Forgets one sighting; returns the indicator it named. */
    private static Optional<String> dropSighting(Generation g, String sightingId) {
        SightingRef old = g.sightings.remove(sightingId);
        if (old == null) {
            return Optional.empty();
        }
        Set<String> of = g.sightingsOf.get(old.indicatorId());
        if (of != null) {
            of.remove(sightingId);
            if (of.isEmpty()) {
                g.sightingsOf.remove(old.indicatorId());
            }
        }
        return Optional.of(old.indicatorId());
    }

    /** Re-reads the indicators whose {@code valid_from} or {@code valid_until} has passed. */
    void tick() {
        Set<String> due = new LinkedHashSet<>();
        lock.lock();
        try {
            Generation g = current;
            if (g == null) {
                return;
            }
            Instant now = clock.instant();
            while (!g.timers.isEmpty() && !g.timers.firstKey().isAfter(now)) {
                due.addAll(g.timers.pollFirstEntry().getValue());
            }
        } finally {
            lock.unlock();
        }
        changed(due);
    }

    // ---- building

    private Generation load() {
        Generation g = new Generation(clock.instant());
        long after = -1;
        while (true) {
            List<StixRows.LiveRow> page = rows.live(Set.of("sighting"), after, PAGE);
            for (StixRows.LiveRow r : page) {
                addSighting(g, r.object());
                after = r.object().seq();
            }
            if (page.size() < PAGE) {
                break;
            }
        }
        // an indicator in several collections is indexed once, from its newest version: gather those (few) first
        Set<String> shared = rows.inSeveralCollections("indicator");
        Map<String, List<StixRows.LiveRow>> sharedRows = new HashMap<>();
        IndicatorIndex.Loader loader = IndicatorIndex.loader(clock, minScore, mergeThreshold);
        after = -1;
        while (true) {
            List<StixRows.LiveRow> page = rows.live(Set.of("indicator"), after, PAGE);
            for (StixRows.LiveRow r : page) {
                after = r.object().seq();
                if (shared.contains(r.object().id())) {
                    sharedRows.computeIfAbsent(r.object().id(), k -> new ArrayList<>()).add(r);
                } else {
                    load(g, loader, r.object().id(), List.of(r));
                }
            }
            if (page.size() < PAGE) {
                break;
            }
        }
        sharedRows.forEach((id, live) -> load(g, loader, id, live));
        g.index = loader.finish();
        return g;
    }

    private void load(Generation g, IndicatorIndex.Loader loader, String id, List<StixRows.LiveRow> live) {
        Candidate c = candidate(g, id, live, null);
        if (c != null) {
            IndicatorIndex.Outcome outcome = loader.add(c.object(), g.summary(id));
            if (outcome == IndicatorIndex.Outcome.INDEXED || outcome == IndicatorIndex.Outcome.PARTIAL) {
                g.entries.put(c.entry().uuid(), c.entry());
            }
        }
    }

    /** An indicator to index: its newest live version parsed, and the entry it gets if indexed. */
    private record Candidate(StixObject object, Entry entry) {
    }

    /**
     * The candidate for an id from all its live rows (null when none is a readable indicator); sets its timers.
     * {@code first} is the first row's object already read, if at hand (null: the newest row's JSON is parsed).
     */
    private Candidate candidate(Generation g, String id, List<StixRows.LiveRow> live, StixObject first) {
        UUID uuid = uuid(id);
        if (uuid == null || live.isEmpty()) {
            return null;
        }
        StoredObject newest = live.getFirst().object();
        List<Placement> placements = new ArrayList<>(live.size());
        for (StixRows.LiveRow r : live) {
            placements.add(new Placement(r.collection(), r.object().owner(), r.object().tlp()));
            if (r.object().version().isAfter(newest.version())) {
                newest = r.object();
            }
        }
        StixObject o;
        try {
            o = first != null && newest == live.getFirst().object() ? first : StixObject.parse(newest.json());
        } catch (RuntimeException ex) {
            log.warn("indicator {} not readable for the indicator index: {}", id, ex.getMessage());
            return null;
        }
        StixObject.IndicatorView view = o.asIndicator().orElse(null);
        if (view == null) {
            return null;
        }
        Instant now = clock.instant();
        view.validFrom().filter(now::isBefore).ifPresent(t -> timer(g, t, id));
        view.validUntil().filter(now::isBefore).ifPresent(t -> timer(g, t, id));
        long until = view.validUntil().map(Instant::toEpochMilli).orElse(Long.MAX_VALUE);
        return new Candidate(o, new Entry(uuid, micros(newest.version()), until, g.intern(placements)));
    }

    /** Re-reads the ids and applies what the store holds now. Call with the lock held. */
    private void apply(Generation g, Set<String> ids) {
        if (ids.isEmpty()) {
            return;
        }
        Set<String> indicators = new LinkedHashSet<>();
        List<String> sightingIds = new ArrayList<>();
        for (String id : ids) {
            (id.startsWith("sighting--") ? sightingIds : indicators).add(id);
        }
        for (List<String> chunk : chunks(sightingIds)) {
            Map<String, StoredObject> now = new HashMap<>();
            for (StixRows.LiveRow r : rows.live(chunk)) {
                StoredObject seen = now.get(r.object().id());
                if (seen == null || r.object().version().isAfter(seen.version())) {
                    now.put(r.object().id(), r.object());
                }
            }
            for (String id : chunk) {
                dropSighting(g, id).ifPresent(indicators::add);
                if (now.containsKey(id)) {
                    addSighting(g, now.get(id)).ifPresent(indicators::add);
                }
            }
        }
        for (List<String> chunk : chunks(new ArrayList<>(indicators))) {
            Map<String, List<StixRows.LiveRow>> byId = new LinkedHashMap<>();
            for (String id : chunk) {
                byId.put(id, new ArrayList<>());
            }
            for (StixRows.LiveRow r : rows.live(chunk)) {
                byId.get(r.object().id()).add(r);
            }
            long now = System.nanoTime();
            byId.forEach((id, live) -> {
                if (live.isEmpty()) {
                    recentlyGone.remove(id);
                    recentlyGone.put(id, now);
                }
            });
            place(g, byId, Map.of());
        }
        g.changes += ids.size();
    }

    private Optional<String> addSighting(Generation g, StoredObject o) {
        StixObject s;
        try {
            s = StixObject.parse(o.json());
        } catch (RuntimeException e) {
            log.warn("sighting {} not readable for the indicator index: {}", o.id(), e.getMessage());
            return Optional.empty();
        }
        Optional<String> of = s.string("sighting_of_ref").filter(r -> r.startsWith("indicator--"));
        of.ifPresent(ref -> {
            g.sightings.put(o.id(), new SightingRef(ref, Sightings.summarise(ref, List.of(s))));
            g.sightingsOf.computeIfAbsent(ref, k -> new LinkedHashSet<>()).add(o.id());
        });
        return of;
    }

    /** Indexes each id from its newest live row, or removes it when it has none. Call with the lock held. */
    private void place(Generation g, Map<String, List<StixRows.LiveRow>> byId, Map<String, StixObject> parsed) {
        List<StixObject> upserts = new ArrayList<>();
        Map<String, Entry> entries = new HashMap<>();
        Map<String, SightingSummary> summaries = new HashMap<>();
        List<String> removals = new ArrayList<>();
        for (Map.Entry<String, List<StixRows.LiveRow>> e : byId.entrySet()) {
            String id = e.getKey();
            UUID uuid = uuid(id);
            if (uuid == null) {
                continue;
            }
            Candidate c = candidate(g, id, e.getValue(), parsed.get(id));
            if (c == null) {
                // the index holds exactly the entries' indicators (an inactive one was dropped when staged)
                if (g.entries.remove(uuid) != null) {
                    removals.add(id);
                }
                continue;
            }
            upserts.add(c.object());
            summaries.put(id, g.summary(id));
            entries.put(id, c.entry());
        }
        if (!removals.isEmpty()) {
            g.index.removeAll(removals);
        }
        if (upserts.isEmpty()) {
            return;
        }
        // indicators the index does not hold need no tombstones (the common case: new indicators)
        List<StixObject> fresh = new ArrayList<>();
        List<StixObject> held = new ArrayList<>();
        for (StixObject o : upserts) {
            (g.entries.containsKey(uuid(o.id())) ? held : fresh).add(o);
        }
        Map<String, IndicatorIndex.Outcome> outcomes = new HashMap<>();
        if (!fresh.isEmpty()) {
            outcomes.putAll(g.index.addAll(fresh, summaries));
        }
        if (!held.isEmpty()) {
            outcomes.putAll(g.index.upsertAll(held, summaries));
        }
        outcomes.forEach((id, outcome) -> {
            UUID uuid = uuid(id);
            if (outcome == IndicatorIndex.Outcome.INDEXED || outcome == IndicatorIndex.Outcome.PARTIAL) {
                g.entries.put(uuid, entries.get(id));
            } else {
                g.entries.remove(uuid);
            }
        });
    }

    private static long micros(Instant t) {
        return t.getEpochSecond() * 1_000_000L + t.getNano() / 1_000;
    }

    private static void timer(Generation g, Instant at, String id) {
        g.timers.computeIfAbsent(at, k -> new LinkedHashSet<>()).add(id);
    }

    private static List<List<String>> chunks(List<String> ids) {
        List<List<String>> out = new ArrayList<>();
        for (int i = 0; i < ids.size(); i += IDS_PER_QUERY) {
            out.add(ids.subList(i, Math.min(ids.size(), i + IDS_PER_QUERY)));
        }
        return out;
    }

    static UUID uuid(String indicatorId) {
        if (!indicatorId.startsWith("indicator--") || indicatorId.length() != 47) {
            return null;
        }
        try {
            return UUID.fromString(indicatorId.substring(11));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
