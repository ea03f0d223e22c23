package org.mburoja.intel.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.mburoja.intel.ObjectOutcome;
import org.mburoja.intel.ObjectOutcome.Status;
import org.mburoja.kernel.OrganisationId;
import org.springframework.stereotype.Component;
import org.mburoja.stix.StixObject;
import tools.jackson.databind.JsonNode;

/**
 * Writes checked objects as new versions: deduplicates by (id, version), keeps the first/last flags of every
 * object's versions right, assigns strictly increasing {@code date_added} per collection and writes in JDBC
 * batches of up to 1000 objects. Runs inside the caller's transaction; it takes the collection lock before its first
 * write. The checks of the next 1000 objects run on a virtual thread while the current ones are written.
 *
 * <p>Objects without {@code modified} or {@code created} (observables) are versioned by their {@code date_added};
 * re-sending one whose JSON equals the stored latest version is a duplicate, not a new version.
 */
@Component
class StixIngest {

    private static final int CHUNK = 1000;

    private final StixRows rows;
    private final Clock clock = Clock.systemUTC();
    private long seqNext;
    private long seqEnd;

    StixIngest(StixRows rows) {
        this.rows = rows;
    }

    /** @param object an indicator as the live index will read it (a copy of the tree), else null */
    private record Pending(int index, StixObjectCheck.Admissible facts, String json, StixObject object) {
    }

    /**
     * A written row that is now its object's latest version in its collection, for an indicator or a sighting, with
     * the latest live versions the object has in other collections (what the live indicator index needs).
     *
     * @param object the row's object already read (the index need not parse its JSON again), or null
     */
    record LatestRow(StixRows.NewRow row, List<StixRows.LiveElsewhere> elsewhere, StixObject object) {

        LatestRow(StixRows.NewRow row, List<StixRows.LiveElsewhere> elsewhere) {
            this(row, elsewhere, null);
        }
    }

    List<ObjectOutcome> write(UUID collection, OrganisationId owner, List<JsonNode> objects, String source) {
        return write(collection, owner, objects, source, null);
    }

    /** As above; {@code latest} (if not null) receives the {@link LatestRow}s of indicators and sightings. */
    List<ObjectOutcome> write(UUID collection, OrganisationId owner, List<JsonNode> objects, String source,
                              java.util.function.Consumer<LatestRow> latest) {
        ObjectOutcome[] outcomes = new ObjectOutcome[objects.size()];
        // the checks of the next chunk (pure CPU) run on another thread while this one writes the current chunk,
        // so that the JVM's work and the database's overlap on a large bundle
        List<Pending> current = check(objects, 0, outcomes);
        Instant next = null;
        for (int from = 0; from < objects.size(); from += CHUNK) {
            int ahead = from + CHUNK;
            Future<List<Pending>> following = ahead < objects.size()
                    ? CHECKS.submit(() -> check(objects, ahead, outcomes)) : null;
            try {
                if (!current.isEmpty()) {
                    if (next == null) {
                        rows.lockCollection(collection);
                        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
                        Instant last = rows.lastDateAdded(collection);
                        next = last != null && !last.isBefore(now) ? last.plus(1, ChronoUnit.MICROS) : now;
                    }
                    next = writeChunk(collection, owner, source, current, outcomes, next, latest);
                }
            } catch (RuntimeException | Error e) {
                if (following != null) {
                    following.cancel(true);
                }
                throw e;
            }
            current = following == null ? List.of() : joined(following);
        }
        return Arrays.asList(outcomes);
    }

    /** Checks for the look-ahead: virtual threads, one per chunk being checked. */
    private static final ExecutorService CHECKS = Executors.newVirtualThreadPerTaskExecutor();

    /** Checks objects {@code [from, from + CHUNK)}: refusals go to {@code outcomes}, the admissible are returned. */
    private static List<Pending> check(List<JsonNode> objects, int from, ObjectOutcome[] outcomes) {
        List<Pending> pending = new ArrayList<>(CHUNK);
        for (int i = from, end = Math.min(objects.size(), from + CHUNK); i < end; i++) {
            StixObjectCheck.Result r = StixObjectCheck.check(objects.get(i));
            switch (r) {
                case StixObjectCheck.Refused f ->
                        outcomes[i] = new ObjectOutcome(i, f.id(), f.versionText(), Status.REJECTED, f.reason());
                case StixObjectCheck.Admissible a -> {
                    JsonNode o = objects.get(i);
                    // copied here, on the look-ahead thread: parsing the JSON again in the index costs twice as much
                    StixObject object = a.type().equals("indicator") ? StixObject.of(o) : null;
                    pending.add(new Pending(i, a, StixJson.MAPPER.writeValueAsString(o), object));
                }
            }
        }
        return pending;
    }

    private static List<Pending> joined(Future<List<Pending>> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            f.cancel(true);
            throw new IllegalStateException("interrupted while checking objects", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private Instant writeChunk(UUID collection, OrganisationId owner, String source, List<Pending> chunk,
                               ObjectOutcome[] outcomes, Instant next,
                               java.util.function.Consumer<LatestRow> latest) {
        Set<String> ids = new LinkedHashSet<>();
        chunk.forEach(p -> ids.add(p.facts().id()));
        Map<String, List<StixRows.LiveElsewhere>> elsewhere = latest == null ? null : new java.util.HashMap<>();
        Map<String, List<StixRows.VersionRow>> stored = rows.versions(collection, ids, elsewhere);
        Map<String, TreeMap<Instant, Object>> byId = new java.util.HashMap<>();
        stored.forEach((id, vs) -> {
            TreeMap<Instant, Object> m = new TreeMap<>();
            vs.forEach(v -> m.put(v.version(), v));
            byId.put(id, m);
        });
        List<StixRows.NewRow> inserts = new ArrayList<>();
        Map<Long, StixObject> objectsBySeq = latest == null ? null : new java.util.HashMap<>();
        for (Pending p : chunk) {
            StixObjectCheck.Admissible f = p.facts();
            TreeMap<Instant, Object> versions = byId.computeIfAbsent(f.id(), k -> new TreeMap<>());
            Instant version = f.version();
            String versionText = f.versionText();
            if (version == null) {
                if (!versions.isEmpty() && p.json().equals(latestJson(collection, f.id(), versions))) {
                    outcomes[p.index()] = new ObjectOutcome(p.index(), f.id(), null, Status.DUPLICATE,
                            "already stored");
                    continue;
                }
                version = next;
                versionText = StixJson.timestamp(next);
            }
            if (versions.containsKey(version)) {
                outcomes[p.index()] = new ObjectOutcome(p.index(), f.id(), versionText, Status.DUPLICATE,
                        "this version is already stored");
                continue;
            }
            StixRows.NewRow row = new StixRows.NewRow(nextSeq(), collection, f.id(), f.type(), f.specVersion(),
                    version, versionText, next, f.revoked(), false, false, f.tlp(),
                    owner == null ? null : owner.value(), f.createdByRef(), source, p.json(), f.labels(), f.values());
            next = next.plus(1, ChronoUnit.MICROS);
            versions.put(version, row);
            inserts.add(row);
            if (objectsBySeq != null && p.object() != null) {
                objectsBySeq.put(row.seq(), p.object());
            }
            outcomes[p.index()] = new ObjectOutcome(p.index(), f.id(), versionText, Status.ACCEPTED, null);
        }
        List<StixRows.NewRow> flagged = new ArrayList<>(inserts.size());
        List<StixRows.VersionRow> updates = new ArrayList<>();
        java.util.Map<Long, boolean[]> flags = new java.util.HashMap<>();
        for (TreeMap<Instant, Object> versions : byId.values()) {
            Instant first = versions.firstKey();
            Instant last = versions.lastKey();
            versions.forEach((v, row) -> {
                boolean isFirst = v.equals(first);
                boolean isLast = v.equals(last);
                if (row instanceof StixRows.VersionRow old) {
                    if (old.first() != isFirst || old.last() != isLast) {
                        updates.add(new StixRows.VersionRow(old.seq(), old.version(), isFirst, isLast));
                    }
                } else if (row instanceof StixRows.NewRow n) {
                    flags.put(n.seq(), new boolean[] {isFirst, isLast});
                }
            });
        }
        for (StixRows.NewRow r : inserts) {
            boolean[] fl = flags.get(r.seq());
            flagged.add(new StixRows.NewRow(r.seq(), r.collection(), r.id(), r.type(), r.specVersion(), r.version(),
                    r.versionText(), r.dateAdded(), r.revoked(), fl[0], fl[1], r.tlp(), r.owner(), r.createdByRef(),
                    r.source(), r.json(), r.labels(), r.values()));
        }
        // demote before inserting so that no moment has two rows flagged last
        rows.updateFlags(updates);
        rows.insert(flagged);
        if (latest != null) {
            for (StixRows.NewRow r : flagged) {
                if (r.last() && (r.type().equals("indicator") || r.type().equals("sighting"))) {
                    latest.accept(new LatestRow(r, elsewhere.getOrDefault(r.id(), List.of()), objectsBySeq.get(r.seq())));
                }
            }
        }
        return next;
    }

    private String latestJson(UUID collection, String id, TreeMap<Instant, Object> versions) {
        return versions.lastEntry().getValue() instanceof StixRows.NewRow n ? n.json()
                : rows.latestJson(collection, id);
    }

    private synchronized long nextSeq() {
        if (seqNext == seqEnd) {
            seqNext = rows.seqBlock();
            seqEnd = seqNext + 1000;
        }
        return seqNext++;
    }
}
