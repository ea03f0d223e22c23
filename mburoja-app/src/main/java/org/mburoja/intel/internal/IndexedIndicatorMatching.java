package org.mburoja.intel.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.mburoja.intel.CollectionAccess;
import org.mburoja.intel.IndexState;
import org.mburoja.intel.IndicatorMatch;
import org.mburoja.intel.IndicatorMatching;
import org.mburoja.intel.IngestReport;
import org.mburoja.intel.IntelAccessDenied;
import org.mburoja.intel.IntelCollections;
import org.mburoja.intel.MatchReport;
import org.mburoja.intel.ObservedValue;
import org.mburoja.intel.StixStore;
import org.mburoja.audit.AuditLog;
import org.mburoja.kernel.Actor;
import org.mburoja.kernel.Role;
import org.mburoja.stix.StixIds;
import org.mburoja.stix.StixObject;
import org.mburoja.stix.index.ObservedLookup;
import org.mburoja.stix.index.Sightings;
import org.mburoja.stix.marking.Tlp;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.event.TransactionalEventListener;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@link IndicatorMatching} over {@link LiveIndicators}: the first build starts in the background when the server is
 * ready, committed store changes apply when their transaction commits, a one-minute tick handles
 * {@code valid_from}/{@code valid_until}, and a full rebuild every {@code mburoja.intel.index.rebuild-interval} (6 h)
 * refreshes the age decay of every score. Each match is released like a read: the reader must be able to read one of
 * the indicator's collections and its TLP must allow release there ({@link TlpRelease}); what is withheld is counted
 * and audited.
 */
@Service
class IndexedIndicatorMatching implements IndicatorMatching {

    /** The namespace of the identity ids this node gives organisations ({@code identity--<UUIDv5>}). */
    static final String IDENTITY_NAMESPACE = "6d1a6f5e-6c2f-4b5e-9b0a-6b1f2e7c3a10";
    private static final int AUDITED_IDS = 100;

    /**
     * Committed changes (published by the store inside its transaction): ids to read again from the store, and rows
     * just written, applied as they are when they suffice.
     */
    record ObjectsChanged(List<String> ids, List<StixIngest.LatestRow> written) {
    }

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(IndexedIndicatorMatching.class);

    private final LiveIndicators live;
    private final IndexFeed feed;
    private final IntelCollections collections;
    private final StixStore store;
    private final AuditLog audit;
    private final Clock clock = Clock.systemUTC();
    private final Counter lookups;
    private final Counter hits;

    IndexedIndicatorMatching(StixRows rows, IntelCollections collections, StixStore store, AuditLog audit,
                             ObjectProvider<MeterRegistry> meters,
                             @Value("${mburoja.intel.index.min-score:0.05}") double minScore,
                             @Value("${mburoja.intel.index.coalesce:PT0.2S}") java.time.Duration coalesce) {
        this.live = new LiveIndicators(new LiveIndicators.Rows() {
            @Override
            public List<StixRows.LiveRow> live(Set<String> types, long afterSeq, int fetch) {
                return rows.live(types, afterSeq, fetch);
            }

            @Override
            public List<StixRows.LiveRow> live(Collection<String> ids) {
                return rows.live(ids);
            }

            @Override
            public Set<String> inSeveralCollections(String type) {
                return rows.inSeveralCollections(type);
            }
        }, Clock.systemUTC(), minScore, 50_000);
        this.feed = new IndexFeed(live, coalesce, 20_000);
        feed.start();
        this.collections = collections;
        this.store = store;
        this.audit = audit;
        MeterRegistry registry = meters.getIfAvailable();
        if (registry != null) {
            Gauge.builder("mburoja.intel.index.indicators", live, l -> l.state().indicators())
                    .description("active indicators in the live indicator index").register(registry);
            lookups = Counter.builder("mburoja.intel.index.lookups").description("observables looked up")
                    .register(registry);
            hits = Counter.builder("mburoja.intel.index.hits").description("indicator hits released to readers")
                    .register(registry);
        } else {
            lookups = null;
            hits = null;
        }
    }

    @EventListener(ApplicationReadyEvent.class)
    void firstBuild() {
        Thread.ofVirtual().name("indicator-index-build").start(live::rebuild);
    }

    @TransactionalEventListener(fallbackExecution = true)
    void committed(ObjectsChanged changed) {
        feed.offer(changed.ids(), changed.written());
    }

    @jakarta.annotation.PreDestroy
    void stop() {
        feed.stop();
    }

    @Scheduled(fixedDelayString = "${mburoja.intel.index.tick:PT1M}", initialDelayString = "${mburoja.intel.index.tick:PT1M}")
    void tick() {
        live.tick();
    }

    @Scheduled(fixedDelayString = "${mburoja.intel.index.rebuild-interval:PT6H}",
            initialDelayString = "${mburoja.intel.index.rebuild-interval:PT6H}")
    void scheduledRebuild() {
        live.rebuild();
    }

    @Override
    public MatchReport match(Actor actor, List<ObservedValue> values, int maxMatches) {
        if (values.size() > MAX_VALUES) {
            throw new IllegalArgumentException("values: at most " + MAX_VALUES + " per request, got " + values.size());
        }
        if (maxMatches < 1 || maxMatches > 100_000) {
            throw new IllegalArgumentException("max_matches: between 1 and 100000, got " + maxMatches);
        }
        if (live.current() == null) {
            throw new IndexNotReady();
        }
        awaitFeed();
        LiveIndicators.Generation g = live.current();
        Instant now = clock.instant();
        Map<UUID, CollectionAccess> access = new HashMap<>();
        List<IndicatorMatch> out = new ArrayList<>();
        List<String> withheldIds = new ArrayList<>();
        int[] withheld = {0};
        boolean[] truncated = {false};
        ObservedLookup<ObservedValue> lookup = new ObservedLookup<>(g.index, 1024, h -> {
            LiveIndicators.Entry e = g.entries.get(h.hit().indicatorUuid());
            if (e == null || e.expiredAt(now)) {
                return; // removed or expired since this batch's snapshot: no longer active
            }
            List<UUID> released = new ArrayList<>();
            for (LiveIndicators.Placement p : e.placements()) {
                CollectionAccess a = access.computeIfAbsent(p.collection(), c -> collections.access(actor, c));
                if (TlpRelease.decide(p.tlp(), p.owner(), actor, a).allowed()) {
                    released.add(p.collection());
                }
            }
            if (released.isEmpty()) {
                withheld[0]++;
                if (withheldIds.size() < AUDITED_IDS) {
                    withheldIds.add(e.id());
                }
            } else if (out.size() < maxMatches) {
                out.add(new IndicatorMatch(h.origin(), h.kind().name().toLowerCase(java.util.Locale.ROOT), e.id(),
                        h.hit().tlp().orElse(null), h.hit().score(), List.copyOf(released)));
            } else {
                truncated[0] = true;
            }
        });
        for (ObservedValue v : values) {
            lookup.add(v, v.value());
        }
        lookup.flush();
        if (lookups != null) {
            lookups.increment(lookup.looked());
            hits.increment(out.size());
        }
        if (withheld[0] > 0) {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("reason", "no read right on the indicator's collections, or TLP does not allow release");
            details.put("count", withheld[0]);
            details.put("indicators", withheldIds);
            audit.append(actor, "access.withheld", "intel-index", null, null, details);
        }
        return new MatchReport(state(g), lookup.looked(), List.copyOf(out), withheld[0], truncated[0]);
    }

    /** A reader sees every change committed before it asked (the feed applies them in the background). */
    private void awaitFeed() {
        try {
            if (!feed.awaitApplied(java.time.Duration.ofSeconds(10))) {
                log.warn("indicator index: changes still being applied after 10 s; answering from the index as is");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the indicator index", e);
        }
    }

    private IndexState state(LiveIndicators.Generation g) {
        return new IndexState(g.number, g.builtAt, g.entries.size(), g.changes, Map.of());
    }

    @Override
    public IngestReport recordSightings(Actor actor, UUID collection, MatchReport report, Tlp marking) {
        if (actor.organisation() == null) {
            throw new IntelAccessDenied("sightings are recorded for an organisation; this account has none");
        }
        Map<String, long[]> perIndicator = new LinkedHashMap<>();
        for (IndicatorMatch m : report.matches()) {
            perIndicator.computeIfAbsent(m.indicatorId(), k -> new long[1])[0]++;
        }
        String identity = organisationIdentity(actor);
        Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        List<JsonNode> objects = new ArrayList<>();
        perIndicator.forEach((id, count) -> {
            StixObject s = Sightings.of(id, identity, identity, now, now, count[0], now);
            ObjectNode tree = s.toTree();
            tree.putArray("object_marking_refs").add(marking.markingId());
            objects.add(tree);
        });
        if (objects.isEmpty()) {
            return new IngestReport(collection, List.of());
        }
        return store.ingest(actor, collection, objects, "local");
    }

    /** The identity id this node gives an organisation (the same for every sighting it records). */
    static String organisationIdentity(Actor actor) {
        return StixIds.v5("identity", IDENTITY_NAMESPACE, "organisation:" + actor.organisation());
    }

    @Override
    public IndexState state(Actor actor) {
        if (!actor.isAuthorityStaff()) {
            audit.append(actor, "access.denied", "intel-index", null, null,
                    Map.of("action", "intel.index.read", "reason", "only the authority's staff"));
            throw new IntelAccessDenied("only the authority's staff see the indicator index");
        }
        awaitFeed();
        return live.state();
    }

    @Override
    public IndexState rebuild(Actor actor) {
        if (!actor.isAuthorityStaff() || !actor.has(Role.ADMIN)) {
            audit.append(actor, "access.denied", "intel-index", null, null,
                    Map.of("action", "intel.index.rebuild", "reason", "only administrators of the authority"));
            throw new IntelAccessDenied("only administrators of the national authority may rebuild the index");
        }
        IndexState s = live.rebuild();
        audit.append(actor, "intel.index.rebuild", "intel-index", null, null,
                Map.of("generation", s.generation(), "indicators", s.indicators()));
        return s;
    }
}
