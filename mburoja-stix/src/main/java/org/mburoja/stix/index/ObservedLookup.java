package org.mburoja.stix.index;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Looks up the observables of many events' values in an {@link IndicatorIndex} with its batch lookups: values are
 * classified by shape ({@link ObservedValues}), gathered per kind, and looked up {@code batchSize} at a time, which is
 * what detection should do on its hot path. Hits are handed out in the order the values were added, each indicator
 * at most once per value, with the origin the caller gave the value (an event, a field).
 *
 * <p>Not thread-safe: one per event stream. The index itself may change meanwhile; each flush reads one snapshot of
 * it per kind.
 *
 * @param <T> where a value came from (e.g. file, line and field)
 */
public final class ObservedLookup<T> {

    /** One indicator hit on one observed value. */
    public record Hit<T>(T origin, ObservableKind kind, String value, IndicatorHit hit) {
    }

    private record Looked<T>(long order, T origin, String value) {
    }

    private record PositionHit(int position, UUID indicator) {
    }

    private final IndicatorIndex index;
    private final int batchSize;
    private final Consumer<Hit<T>> out;
    private final Map<ObservableKind, List<Looked<T>>> byKind = new EnumMap<>(ObservableKind.class);
    private int pending;
    private long order;
    private long looked;
    private long hits;

    /**
     * @param batchSize values per lookup round (at least 1; 1024 is a good size)
     * @param out       receives the hits
     */
    public ObservedLookup(IndicatorIndex index, int batchSize, Consumer<Hit<T>> out) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1, got " + batchSize);
        }
        this.index = Objects.requireNonNull(index, "index");
        this.batchSize = batchSize;
        this.out = Objects.requireNonNull(out, "out");
    }

    /** Adds one value; the values that are observables are looked up with the next batch. */
    public void add(T origin, String value) {
        ObservedValues.of(value, (kind, v) -> {
            ObservableKind k = switch (kind) {
                case MD5, SHA1 -> ObservableKind.SHA256; // one batch for every hash length
                case IPV6 -> ObservableKind.IPV4; // one batch for both address families
                default -> kind;
            };
            byKind.computeIfAbsent(k, x -> new ArrayList<>()).add(new Looked<>(order++, origin, v));
            pending++;
        });
        if (pending >= batchSize) {
            flush();
        }
    }

    /** Looks up every value still waiting and hands out their hits. */
    public void flush() {
        if (pending == 0) {
            return;
        }
        List<Hit<T>> found = new ArrayList<>();
        List<Long> orders = new ArrayList<>();
        for (Map.Entry<ObservableKind, List<Looked<T>>> e : byKind.entrySet()) {
            List<Looked<T>> l = e.getValue();
            String[] v = new String[l.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = l.get(i).value();
            }
            Set<PositionHit> seen = new HashSet<>();
            IndicatorIndex.BatchHits sink = (pos, h) -> {
                // an indicator may match one value through several of its keys: report it once
                if (seen.add(new PositionHit(pos, h.indicatorUuid()))) {
                    Looked<T> src = l.get(pos);
                    found.add(new Hit<>(src.origin(), h.kind(), src.value(), h));
                    orders.add(src.order());
                }
            };
            switch (e.getKey()) {
                case IPV4 -> index.lookupIps(v, v.length, sink);
                case DOMAIN -> index.lookupDomains(v, v.length, sink);
                case URL -> index.lookupUrls(v, v.length, sink);
                case EMAIL -> index.lookupEmails(v, v.length, sink);
                default -> index.lookupHashes(v, v.length, sink);
            }
            looked += v.length;
        }
        byKind.clear();
        pending = 0;
        Integer[] rank = new Integer[found.size()];
        for (int i = 0; i < rank.length; i++) {
            rank[i] = i;
        }
        java.util.Arrays.sort(rank, (a, b) -> Long.compare(orders.get(a), orders.get(b)));
        for (Integer r : rank) {
            hits++;
            out.accept(found.get(r));
        }
    }

    /** Observables looked up so far. */
    public long looked() {
        return looked;
    }

    /** Hits handed out so far. */
    public long hits() {
        return hits;
    }
}
