package org.mburoja.intel.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mburoja.intel.StoredObject;
import org.mburoja.kernel.OrganisationId;
import org.mburoja.stix.index.ObservedLookup;
import org.mburoja.stix.marking.Tlp;

/**
 * The live index follows the store: after any sequence of new versions, revocations, deletions and sightings in
 * several collections, applied one commit at a time, it answers exactly what a brute-force reading of the store's
 * latest live versions answers, and exactly what a fresh build answers.
 */
class LiveIndicatorsTest {

    static final Instant T0 = Instant.parse("2026-12-01T12:00:00Z");
    static final List<UUID> COLLECTIONS = List.of(new UUID(1, 1), new UUID(1, 2), new UUID(1, 3));
    static final OrganisationId OWNER = new OrganisationId(new UUID(2, 2));

    /** A clock tests move. */
    static final class MovingClock extends Clock {
        Instant now = T0;

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    /** The store's rows: the latest version of each (collection, id), with the store's seq numbering; thread-safe. */
    static final class FakeStore implements LiveIndicators.Rows {
        record Key(UUID collection, String id) {
        }

        final Map<Key, StoredObject> latest = new LinkedHashMap<>();
        long seq;
        Runnable duringFirstPage;

        /** Writes the latest version of an object in a collection; returns what the store's ingest hands on. */
        synchronized StixIngest.LatestRow put(UUID collection, String id, String json, boolean revoked, Tlp tlp, Instant version) {
            String type = id.substring(0, id.indexOf("--"));
            List<StixRows.LiveElsewhere> elsewhere = new ArrayList<>();
            rows().filter(r -> r.object().id().equals(id) && !r.collection().equals(collection)).forEach(r ->
                    elsewhere.add(new StixRows.LiveElsewhere(r.collection(), r.object().version(), r.object().owner(),
                            r.object().tlp())));
            StoredObject o = new StoredObject(++seq, id, type, "2.1", version, version.toString(), version, revoked,
                    tlp, OWNER, "local", json);
            latest.put(new Key(collection, id), o);
            return new StixIngest.LatestRow(new StixRows.NewRow(o.seq(), collection, id, type, "2.1", version,
                    o.versionText(), version, revoked, false, true, tlp, OWNER.value(), null, "local", json, List.of(),
                    List.of()), elsewhere, handOver(o.seq(), type, json));
        }

        /** Every other indicator comes with its object already read, as the ingest hands it; the others are parsed. */
        private static org.mburoja.stix.StixObject handOver(long seq, String type, String json) {
            if (seq % 2 != 0 || !type.equals("indicator")) {
                return null;
            }
            try {
                return org.mburoja.stix.StixObject.parse(json);
            } catch (RuntimeException e) {
                return null; // an unreadable object is handed over as JSON alone, as the ingest never admits it
            }
        }

        synchronized void delete(UUID collection, String id) {
            latest.remove(new Key(collection, id));
        }

        private Stream<StixRows.LiveRow> rows() {
            return latest.entrySet().stream().filter(e -> !e.getValue().revoked())
                    .sorted((a, b) -> Long.compare(a.getValue().seq(), b.getValue().seq()))
                    .map(e -> new StixRows.LiveRow(e.getKey().collection(), e.getValue()));
        }

        @Override
        public synchronized List<StixRows.LiveRow> live(Set<String> types, long afterSeq, int fetch) {
            if (duringFirstPage != null) {
                Runnable r = duringFirstPage;
                duringFirstPage = null;
                r.run();
            }
            return rows().filter(r -> types.contains(r.object().type()) && r.object().seq() > afterSeq).limit(fetch)
                    .toList();
        }

        @Override
        public synchronized List<StixRows.LiveRow> live(Collection<String> ids) {
            return rows().filter(r -> ids.contains(r.object().id())).toList();
        }

        @Override
        public synchronized Set<String> inSeveralCollections(String type) {
            Map<String, Integer> count = new java.util.HashMap<>();
            rows().filter(r -> r.object().type().equals(type)).forEach(r -> count.merge(r.object().id(), 1, Integer::sum));
            Set<String> out = new java.util.HashSet<>();
            count.forEach((id, n) -> {
                if (n > 1) {
                    out.add(id);
                }
            });
            return out;
        }
    }

    static String indicatorId(int n) {
        return String.format("indicator--%08d-0000-4000-8000-000000000000", n);
    }

    static String value(int n) {
        return n % 2 == 0 ? "10.0.0." + n : "d" + n + ".example";
    }

    static String indicator(String id, int valueNo, Instant modified, Instant validFrom, Instant validUntil,
                            boolean revoked) {
        String v = value(valueNo);
        String pattern = v.startsWith("10.") ? "[ipv4-addr:value = '" + v + "']" : "[domain-name:value = '" + v + "']";
        return "{\"type\":\"indicator\",\"spec_version\":\"2.1\",\"id\":\"" + id + "\",\"created\":\"2026-11-01T00:00:00Z\","
                + "\"modified\":\"" + modified + "\",\"pattern\":\"" + pattern + "\",\"pattern_type\":\"stix\","
                + "\"valid_from\":\"" + validFrom + "\"" + (validUntil == null ? "" : ",\"valid_until\":\"" + validUntil + "\"")
                + (revoked ? ",\"revoked\":true" : "") + "}";
    }

    static String sighting(String id, String of, int count) {
        return "{\"type\":\"sighting\",\"spec_version\":\"2.1\",\"id\":\"" + id + "\",\"created\":\"2026-11-30T00:00:00Z\","
                + "\"modified\":\"2026-11-30T00:00:00Z\",\"sighting_of_ref\":\"" + of + "\",\"count\":" + count
                + ",\"last_seen\":\"2026-11-30T00:00:00Z\"}";
    }

    /** What the store says: for each value, the live indicators naming it, with the collections they live in. */
    static Map<String, Map<String, Set<UUID>>> oracle(FakeStore store, Instant now) {
        Map<String, StoredObject> newest = new TreeMap<>();
        Map<String, Set<UUID>> where = new TreeMap<>();
        store.rows().filter(r -> r.object().type().equals("indicator")).forEach(r -> {
            StoredObject o = r.object();
            newest.merge(o.id(), o, (a, b) -> b.version().isAfter(a.version()) ? b : a);
            where.computeIfAbsent(o.id(), k -> new TreeSet<>()).add(r.collection());
        });
        Map<String, Map<String, Set<UUID>>> out = new TreeMap<>();
        newest.forEach((id, o) -> {
            var view = org.mburoja.stix.StixObject.parse(o.json()).asIndicator().orElseThrow();
            if (view.activeAt(now)) {
                String p = view.pattern();
                String v = p.substring(p.indexOf('\'') + 1, p.lastIndexOf('\''));
                out.computeIfAbsent(v, k -> new TreeMap<>()).put(id, where.get(id));
            }
        });
        return out;
    }

    /** What the live index answers for every value of the universe. */
    static Map<String, Map<String, Set<UUID>>> answers(LiveIndicators live, int universe, Instant now) {
        LiveIndicators.Generation g = live.current();
        Map<String, Map<String, Set<UUID>>> out = new TreeMap<>();
        ObservedLookup<String> lookup = new ObservedLookup<>(g.index, 7, h -> {
            LiveIndicators.Entry e = g.entries.get(h.hit().indicatorUuid());
            assertThat(e).as("an index hit without its entry: " + h).isNotNull();
            if (e.expiredAt(now)) {
                return;
            }
            Set<UUID> collections = new TreeSet<>();
            e.placements().forEach(p -> collections.add(p.collection()));
            out.computeIfAbsent(h.value(), k -> new TreeMap<>()).put(e.id(), collections);
        });
        for (int v = 0; v < universe; v++) {
            lookup.add("v", value(v));
        }
        lookup.flush();
        return out;
    }

    static Stream<Long> seeds() {
        return IntStream.range(0, 30).mapToObj(i -> 0x11DE0000L + i);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void followsEveryCommittedChangeAsAFreshReadingOfTheStoreWould(long seed) {
        Random r = new Random(seed);
        MovingClock clock = new MovingClock();
        FakeStore store = new FakeStore();
        int ids = 12 + r.nextInt(20);
        int universe = 10;
        // a few objects before the first build
        for (int i = 0; i < r.nextInt(6); i++) {
            randomChange(r, store, clock, ids, universe);
        }
        // (changes before the first build are read by it)
        LiveIndicators live = new LiveIndicators(store, clock, 0.05, 1 + r.nextInt(40));
        live.rebuild();
        assertThat(answers(live, universe, clock.now)).isEqualTo(oracle(store, clock.now));
        for (int step = 0; step < 60; step++) {
            if (r.nextInt(10) == 0) {
                clock.now = clock.now.plus(Duration.ofHours(1 + r.nextInt(48)));
                live.tick();
            } else {
                Change c = randomChange(r, store, clock, ids, universe);
                if (c.written() != null && r.nextInt(4) != 0) {
                    live.written(List.of(c.written())); // as the store hands it on (the rows in hand)
                } else {
                    live.changed(c.ids()); // as after a deletion (read again)
                }
            }
            assertThat(answers(live, universe, clock.now)).as("step " + step).isEqualTo(oracle(store, clock.now));
        }
        LiveIndicators fresh = new LiveIndicators(store, clock, 0.05, 50_000);
        fresh.rebuild();
        assertThat(answers(fresh, universe, clock.now)).isEqualTo(answers(live, universe, clock.now));
    }

    /** One commit: the ids it touched, and the row written (null for a deletion). */
    record Change(List<String> ids, StixIngest.LatestRow written) {
    }

    /** One commit to the store. */
    private static Change randomChange(Random r, FakeStore store, MovingClock clock, int ids, int universe) {
        UUID c = COLLECTIONS.get(r.nextInt(COLLECTIONS.size()));
        String id = indicatorId(r.nextInt(ids));
        int kind = r.nextInt(10);
        if (kind == 0) {
            store.delete(c, id);
            return new Change(List.of(id), null);
        }
        if (kind == 1) {
            String s = "sighting--" + new UUID(7, r.nextInt(5));
            return new Change(List.of(s), store.put(c, s, sighting(s, id, 1 + r.nextInt(5)), false, null, clock.now));
        }
        Instant modified = clock.now.plusMillis(r.nextInt(1000) - 500L);
        Instant validFrom = clock.now.minus(Duration.ofHours(r.nextInt(72) - 12L));
        Instant validUntil = switch (r.nextInt(4)) {
            case 0 -> clock.now.plus(Duration.ofHours(1 + r.nextInt(72)));
            case 1 -> clock.now.minus(Duration.ofHours(1));
            default -> null;
        };
        if (validUntil != null && !validUntil.isAfter(validFrom)) {
            validUntil = validFrom.plusSeconds(1);
        }
        boolean revoked = r.nextInt(8) == 0;
        Tlp tlp = Tlp.values()[r.nextInt(Tlp.values().length)];
        return new Change(List.of(id), store.put(c, id, indicator(id, r.nextInt(universe), modified, validFrom,
                validUntil, revoked), revoked, tlp, modified));
    }

    @Test
    void aChangeCommittedWhileABuildReadsTheStoreIsNotLost() {
        MovingClock clock = new MovingClock();
        FakeStore store = new FakeStore();
        String early = indicatorId(1);
        store.put(COLLECTIONS.get(0), early, indicator(early, 1, T0, T0.minusSeconds(60), null, false), false,
                Tlp.GREEN, T0);
        LiveIndicators live = new LiveIndicators(store, clock, 0.05, 50_000);
        live.rebuild();
        String late = indicatorId(2);
        // commits between the build's first read and its swap: the build's pages may or may not have seen it
        store.duringFirstPage = () -> {
            store.put(COLLECTIONS.get(1), late, indicator(late, 2, T0, T0.minusSeconds(60), null, false), false,
                    Tlp.AMBER, T0);
            store.delete(COLLECTIONS.get(0), early);
            live.changed(List.of(late, early));
        };
        live.rebuild();
        assertThat(answers(live, 4, T0)).isEqualTo(oracle(store, T0)).containsOnlyKeys(value(2));
        assertThat(live.state().generation()).isEqualTo(2);
    }

    @Test
    void writesThatSawEachOtherStaleAreReadAgainInsteadOfTrusted() {
        MovingClock clock = new MovingClock();
        FakeStore store = new FakeStore();
        LiveIndicators live = new LiveIndicators(store, clock, 0.05, 50_000);
        live.rebuild();
        String id = indicatorId(4);
        String json = indicator(id, 4, T0, T0.minusSeconds(60), null, false);
        // two transactions write the same indicator into two collections at once: neither sees the other's row
        StixIngest.LatestRow first = store.put(COLLECTIONS.get(0), id, json, false, Tlp.GREEN, T0);
        FakeStore.Key key = new FakeStore.Key(COLLECTIONS.get(0), id);
        StoredObject hidden = store.latest.remove(key);
        StixIngest.LatestRow second = store.put(COLLECTIONS.get(1), id, json, false, Tlp.AMBER, T0);
        store.latest.put(key, hidden);
        assertThat(first.elsewhere()).isEmpty();
        assertThat(second.elsewhere()).isEmpty();
        live.written(List.of(second));
        live.written(List.of(first));
        assertThat(answers(live, 6, T0)).isEqualTo(oracle(store, T0));
        assertThat(answers(live, 6, T0).get(value(4)).get(id)).containsExactlyInAnyOrder(COLLECTIONS.get(0),
                COLLECTIONS.get(1));
        // then the first collection revokes it, having seen the second: the index keeps the second's placement
        String revoked = indicator(id, 4, T0.plusSeconds(1), T0.minusSeconds(60), null, true);
        live.written(List.of(store.put(COLLECTIONS.get(0), id, revoked, true, Tlp.GREEN, T0.plusSeconds(1))));
        assertThat(answers(live, 6, T0).get(value(4)).get(id)).containsExactly(COLLECTIONS.get(1));
    }

    @Test
    void anIndicatorEntersAtItsValidFromAndLeavesAtItsValidUntil() {
        MovingClock clock = new MovingClock();
        FakeStore store = new FakeStore();
        String id = indicatorId(3);
        store.put(COLLECTIONS.get(0), id, indicator(id, 3, T0, T0.plus(Duration.ofHours(2)),
                T0.plus(Duration.ofHours(5)), false), false, Tlp.CLEAR, T0);
        LiveIndicators live = new LiveIndicators(store, clock, 0.05, 50_000);
        live.rebuild();
        assertThat(answers(live, 4, clock.now)).isEmpty();
        clock.now = T0.plus(Duration.ofHours(3));
        live.tick();
        assertThat(answers(live, 4, clock.now)).containsOnlyKeys(value(3));
        clock.now = T0.plus(Duration.ofHours(6));
        live.tick();
        assertThat(answers(live, 4, clock.now)).isEmpty();
        assertThat(live.current().entries).isEmpty();
    }

    @Test
    void sightingsRaiseTheScoreAndLeaveWithTheirSighting() {
        MovingClock clock = new MovingClock();
        FakeStore store = new FakeStore();
        String id = indicatorId(5);
        store.put(COLLECTIONS.get(0), id, indicator(id, 5, T0, T0.minus(Duration.ofDays(1)), null, false), false,
                Tlp.GREEN, T0);
        LiveIndicators live = new LiveIndicators(store, clock, 0.05, 50_000);
        live.rebuild();
        double before = score(live, value(5));
        String s = "sighting--" + new UUID(9, 9);
        store.put(COLLECTIONS.get(1), s, sighting(s, id, 20), false, Tlp.AMBER, T0);
        live.changed(List.of(s));
        double raised = score(live, value(5));
        assertThat(raised).isGreaterThan(before + 0.2);
        store.delete(COLLECTIONS.get(1), s);
        live.changed(List.of(s));
        assertThat(score(live, value(5))).isEqualTo(before);
    }

    private static double score(LiveIndicators live, String value) {
        double[] best = {-1};
        ObservedLookup<String> lookup = new ObservedLookup<>(live.current().index, 16,
                h -> best[0] = Math.max(best[0], h.hit().score()));
        lookup.add("v", value);
        lookup.flush();
        return best[0];
    }

    @Test
    void ignoresObjectsThatAreNeitherIndicatorsNorSightings() {
        FakeStore store = new FakeStore();
        LiveIndicators live = new LiveIndicators(store, new MovingClock(), 0.05, 50_000);
        live.rebuild();
        live.changed(List.of("malware--" + new UUID(3, 3), "not an id"));
        assertThat(live.state().changes()).isZero();
        assertThat(new ArrayList<>(live.current().entries.values())).isEmpty();
    }
}
