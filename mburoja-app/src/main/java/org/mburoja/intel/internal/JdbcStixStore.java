package org.mburoja.intel.internal;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.mburoja.audit.AuditLog;
import org.mburoja.intel.CollectionAccess;
import org.mburoja.intel.IngestReport;
import org.mburoja.intel.IntelAccessDenied;
import org.mburoja.intel.IntelCollections;
import org.mburoja.intel.ObjectOutcome;
import org.mburoja.intel.ObjectPage;
import org.mburoja.intel.ObjectQuery;
import org.mburoja.intel.SearchCriteria;
import org.mburoja.intel.StixStore;
import org.mburoja.intel.StoredObject;
import org.mburoja.intel.ValueMention;
import org.mburoja.intel.UnknownCollection;
import org.mburoja.intel.VersionMatch;
import org.mburoja.kernel.Actor;
import org.mburoja.stix.StixTimestamp;
import org.mburoja.stix.marking.SharingDecision;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The store's rules around {@link StixRows}: access checks, TLP release, auditing. A read scans at most
 * {@value #MAX_SCAN_ROUNDS} chunks per page, so a reader who may see little of a large collection gets short pages
 * (with {@code more}) rather than a request that scans the whole table.
 */
@Service
class JdbcStixStore implements StixStore {

    static final int MAX_SCAN_ROUNDS = 8;
    private static final int AUDITED_IDS = 100;

    private final StixRows rows;
    private final StixIngest ingest;
    private final IntelCollections collections;
    private final AuditLog audit;
    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;

    JdbcStixStore(StixRows rows, StixIngest ingest, IntelCollections collections, AuditLog audit, JdbcClient jdbc,
                  ApplicationEventPublisher events) {
        this.events = events;
        this.rows = rows;
        this.ingest = ingest;
        this.collections = collections;
        this.audit = audit;
        this.jdbc = jdbc;
    }

    @Override
    @Transactional(noRollbackFor = IntelAccessDenied.class)
    public IngestReport ingest(Actor actor, UUID collection, List<JsonNode> objects, String source) {
        CollectionAccess access = accessOrFail(actor, collection);
        if (!access.canWrite()) {
            throw deny(actor, collection, "intel.objects.write", "no write access to the collection");
        }
        List<StixIngest.LatestRow> latest = new ArrayList<>();
        IngestReport report = new IngestReport(collection,
                ingest.write(collection, actor.organisation(), objects, source, latest::add));
        auditIngest(actor, collection, source, report, "intel.objects.ingest");
        announce(latest);
        return report;
    }

    @Override
    public ObjectPage read(Actor actor, ObjectQuery q) {
        CollectionAccess access = accessOrFail(actor, q.collection());
        if (!access.canRead()) {
            throw deny(actor, q.collection(), "intel.objects.read", "no read access to the collection");
        }
        List<StoredObject> out = new ArrayList<>();
        List<String> withheld = new ArrayList<>();
        int withheldCount = 0;
        ObjectQuery.PagePosition pos = q.after();
        boolean exhausted = false;
        for (int round = 0; round < MAX_SCAN_ROUNDS; round++) {
            int fetch = q.limit() - out.size() + 1;
            List<StoredObject> chunk = rows.scan(q, pos, fetch);
            int i = 0;
            for (; i < chunk.size() && out.size() < q.limit(); i++) {
                StoredObject o = chunk.get(i);
                pos = o.position();
                SharingDecision decision = TlpRelease.decide(o, actor, access);
                if (decision.allowed()) {
                    out.add(o);
                } else {
                    withheldCount++;
                    if (withheld.size() < AUDITED_IDS) {
                        withheld.add(o.id() + "@" + o.versionText() + ": " + decision.reason());
                    }
                }
            }
            if (i == chunk.size() && chunk.size() < fetch) {
                exhausted = true;
                break;
            }
            if (out.size() >= q.limit()) {
                break;
            }
        }
        if (withheldCount > 0) {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("reason", "TLP marking does not allow release to this organisation");
            details.put("count", withheldCount);
            details.put("objects", withheld);
            audit.append(actor, "access.withheld", "intel-collection", q.collection().toString(), null, details);
        }
        return new ObjectPage(out, !exhausted, exhausted ? null : pos, withheldCount);
    }

    @Override
    @Transactional(noRollbackFor = IntelAccessDenied.class)
    public int delete(Actor actor, UUID collection, String id, VersionMatch versions, Set<String> specVersions) {
        CollectionAccess access = accessOrFail(actor, collection);
        if (!access.canWrite()) {
            throw deny(actor, collection, "intel.object.delete", "no write access to the collection");
        }
        rows.lockCollection(collection);
        ObjectQuery q = new ObjectQuery(collection, null, Set.of(id), Set.of(), versions, specVersions, null,
                10_000);
        List<StoredObject> victims = rows.scan(q, null, 10_000);
        for (StoredObject o : victims) {
            boolean mine = o.owner() != null && o.owner().equals(actor.organisation());
            if (!actor.isAuthorityStaff() && !mine) {
                throw deny(actor, collection, "intel.object.delete",
                        "only the publishing organisation or the authority may delete " + id);
            }
        }
        if (victims.isEmpty()) {
            return 0;
        }
        rows.delete(victims.stream().map(StoredObject::seq).toList());
        List<StixRows.VersionRow> remaining = rows.versions(collection, List.of(id)).getOrDefault(id, List.of());
        if (!remaining.isEmpty()) {
            Instant first = remaining.stream().map(StixRows.VersionRow::version).min(Instant::compareTo).orElseThrow();
            Instant last = remaining.stream().map(StixRows.VersionRow::version).max(Instant::compareTo).orElseThrow();
            rows.updateFlags(remaining.stream().map(r -> new StixRows.VersionRow(r.seq(), r.version(),
                    r.version().equals(first), r.version().equals(last))).toList());
        }
        Map<String, Object> before = new LinkedHashMap<>();
        before.put("id", id);
        before.put("versions", victims.stream().map(StoredObject::versionText).toList());
        audit.append(actor, "intel.object.delete", "stix-object", id, before, null);
        events.publishEvent(new IndexedIndicatorMatching.ObjectsChanged(List.of(id), List.of()));
        return victims.size();
    }

    @Override
    @Transactional(noRollbackFor = IntelAccessDenied.class)
    public IngestReport revoke(Actor actor, UUID collection, String id) {
        CollectionAccess access = accessOrFail(actor, collection);
        ObjectQuery q = new ObjectQuery(collection, null, Set.of(id), Set.of(), VersionMatch.LAST, Set.of(), null, 1);
        StoredObject latest = rows.scan(q, null, 1).stream().findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no object " + id + " in collection " + collection));
        boolean mine = latest.owner() != null && latest.owner().equals(actor.organisation());
        if (!access.canWrite() || !(actor.isAuthorityStaff() || mine)) {
            throw deny(actor, collection, "intel.object.revoke",
                    "only the publishing organisation or the authority may revoke " + id);
        }
        ObjectNode revoked = (ObjectNode) StixJson.MAPPER.readTree(latest.json());
        if (revoked.path("revoked").asBoolean(false)) {
            return new IngestReport(collection, List.of(new ObjectOutcome(0, id, latest.versionText(),
                    ObjectOutcome.Status.DUPLICATE, "already revoked")));
        }
        Instant modified = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        if (!modified.isAfter(latest.version())) {
            modified = latest.version().plus(1, ChronoUnit.MILLIS).truncatedTo(ChronoUnit.MILLIS);
        }
        revoked.put("revoked", true);
        revoked.put("modified", StixTimestamp.format(modified)); // on a whole second toString() has no fraction
        List<StixIngest.LatestRow> written = new ArrayList<>();
        IngestReport report = new IngestReport(collection,
                ingest.write(collection, latest.owner(), List.of(revoked), latest.source(), written::add));
        auditIngest(actor, collection, latest.source(), report, "intel.object.revoke");
        announce(written);
        return report;
    }

    @Override
    public List<StoredObject> search(Actor actor, SearchCriteria c) {
        List<UUID> candidates = c.collection() != null ? List.of(c.collection())
                : jdbc.sql("SELECT id FROM intel_collections").query(UUID.class).list();
        Map<UUID, CollectionAccess> readable = new LinkedHashMap<>();
        for (UUID id : candidates) {
            CollectionAccess a = collections.access(actor, id);
            if (a.canRead()) {
                readable.put(id, a);
            }
        }
        if (readable.isEmpty()) {
            return List.of();
        }
        int limit = Math.max(1, Math.min(c.limit(), 1000));
        List<StoredObject> out = new ArrayList<>();
        int withheld = 0;
        for (StoredObject o : rows.search(readable.keySet(), c, limit * 4)) {
            // an object lives in one collection per row; allow it if any readable collection's access releases it
            boolean released = readable.values().stream().anyMatch(a -> TlpRelease.releasable(o, actor, a));
            if (!released) {
                withheld++;
            } else if (out.size() < limit) {
                out.add(o);
            }
        }
        if (withheld > 0) {
            audit.append(actor, "access.withheld", "intel-search", null, null,
                    Map.of("reason", "TLP marking does not allow release to this organisation", "count", withheld));
        }
        return out;
    }

    @Override
    public List<ValueMention> mentions(Actor actor, java.util.Collection<String> values, int limit) {
        if (values.size() > MAX_MENTION_VALUES) {
            throw new IllegalArgumentException("at most " + MAX_MENTION_VALUES + " values per look-up, got " + values.size());
        }
        java.util.Set<String> keys = new java.util.LinkedHashSet<>();
        for (String v : values) {
            if (v != null && !v.isBlank() && v.length() <= 2048) {
                keys.add(v.toLowerCase(java.util.Locale.ROOT));
            }
        }
        if (keys.isEmpty()) {
            return List.of();
        }
        Map<UUID, CollectionAccess> readable = new LinkedHashMap<>();
        for (UUID id : jdbc.sql("SELECT id FROM intel_collections").query(UUID.class).list()) {
            CollectionAccess a = collections.access(actor, id);
            if (a.canRead()) {
                readable.put(id, a);
            }
        }
        if (readable.isEmpty()) {
            return List.of();
        }
        int max = Math.max(1, Math.min(limit, 1000));
        List<ValueMention> out = new ArrayList<>();
        int withheld = 0;
        for (Map.Entry<String, StoredObject> e : rows.mentions(readable.keySet(), keys, max * 4)) {
            StoredObject o = e.getValue();
            boolean released = readable.values().stream().anyMatch(a -> TlpRelease.releasable(o, actor, a));
            if (!released) {
                withheld++;
            } else if (out.size() < max) {
                out.add(new ValueMention(e.getKey(), o));
            }
        }
        if (withheld > 0) {
            audit.append(actor, "access.withheld", "intel-search", null, null,
                    Map.of("reason", "TLP marking does not allow release to this organisation", "count", withheld));
        }
        return out;
    }

    private static final int MAX_MENTION_VALUES = 512;

    private CollectionAccess accessOrFail(Actor actor, UUID collection) {
        if (collections.find(collection).isEmpty()) {
            throw new UnknownCollection(collection);
        }
        return collections.access(actor, collection);
    }

    private IntelAccessDenied deny(Actor actor, UUID collection, String action, String reason) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("action", action);
        details.put("reason", reason);
        audit.append(actor, "access.denied", "intel-collection", collection.toString(), null, details);
        return new IntelAccessDenied(reason);
    }

    /** Hands the live indicator index the indicators and sightings written (it applies them once committed). */
    private void announce(List<StixIngest.LatestRow> latest) {
        if (!latest.isEmpty()) {
            events.publishEvent(new IndexedIndicatorMatching.ObjectsChanged(List.of(), List.copyOf(latest)));
        }
    }

    private void auditIngest(Actor actor, UUID collection, String source, IngestReport report, String action) {
        List<String> accepted = new ArrayList<>();
        for (ObjectOutcome o : report.outcomes()) {
            if (o.status() == ObjectOutcome.Status.ACCEPTED) {
                accepted.add(o.id() + "@" + o.version());
            }
        }
        if (accepted.isEmpty() && report.count(ObjectOutcome.Status.REJECTED) == 0) {
            return;
        }
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("source", source);
        after.put("accepted", accepted);
        after.put("duplicates", report.count(ObjectOutcome.Status.DUPLICATE));
        after.put("rejected", report.count(ObjectOutcome.Status.REJECTED));
        audit.append(actor, action, "intel-collection", collection.toString(), null, after);
    }
}
