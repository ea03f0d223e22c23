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
import org.mburoja.intel.ObjectOutcome;
import org.mburoja.intel.ObjectOutcome.Status;
import org.mburoja.kernel.OrganisationId;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Writes checked objects as new versions: deduplicates by (id, version), keeps the first/last flags of every
 * object's versions right, assigns strictly increasing {@code date_added} per collection and writes in JDBC
 * batches of up to 1000 objects. Runs inside the caller's transaction, which must hold the collection lock.
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

    private record Pending(int index, StixObjectCheck.Admissible facts, String json) {
    }

    List<ObjectOutcome> write(UUID collection, OrganisationId owner, List<JsonNode> objects, String source) {
        ObjectOutcome[] outcomes = new ObjectOutcome[objects.size()];
        List<Pending> pending = new ArrayList<>();
        for (int i = 0; i < objects.size(); i++) {
            StixObjectCheck.Result r = StixObjectCheck.check(objects.get(i));
            switch (r) {
                case StixObjectCheck.Refused f ->
                        outcomes[i] = new ObjectOutcome(i, f.id(), f.versionText(), Status.REJECTED, f.reason());
                case StixObjectCheck.Admissible a ->
                        pending.add(new Pending(i, a, StixJson.MAPPER.writeValueAsString(objects.get(i))));
            }
        }
        if (!pending.isEmpty()) {
            rows.lockCollection(collection);
            Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
            Instant last = rows.lastDateAdded(collection);
            Instant next = last != null && !last.isBefore(now) ? last.plus(1, ChronoUnit.MICROS) : now;
            for (int from = 0; from < pending.size(); from += CHUNK) {
                next = writeChunk(collection, owner, source, pending.subList(from,
                        Math.min(pending.size(), from + CHUNK)), outcomes, next);
            }
        }
        return Arrays.asList(outcomes);
    }

    private Instant writeChunk(UUID collection, OrganisationId owner, String source, List<Pending> chunk,
                               ObjectOutcome[] outcomes, Instant next) {
        Set<String> ids = new LinkedHashSet<>();
        chunk.forEach(p -> ids.add(p.facts().id()));
        Map<String, List<StixRows.VersionRow>> stored = rows.versions(collection, ids);
        Map<String, TreeMap<Instant, Object>> byId = new java.util.HashMap<>();
        stored.forEach((id, vs) -> {
            TreeMap<Instant, Object> m = new TreeMap<>();
            vs.forEach(v -> m.put(v.version(), v));
            byId.put(id, m);
        });
        List<StixRows.NewRow> inserts = new ArrayList<>();
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
