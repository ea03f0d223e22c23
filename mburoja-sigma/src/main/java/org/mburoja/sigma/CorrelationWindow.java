package org.mburoja.sigma;

import java.util.ArrayDeque;
import java.util.Iterator;

/**
 * The sliding event-time window of one correlation group: the base-rule hits seen within the timespan, oldest first.
 * Bounded: past {@code maxEntries} the oldest hit is dropped (counted in {@link #dropped()}), so a flood of events
 * in one group cannot exhaust memory.
 */
public final class CorrelationWindow {

    /** One hit: event time, which referenced rule (position in the correlation's rule list), the field value. */
    public record Hit(long millis, int rule, String value) {
    }

    private final ArrayDeque<Hit> hits = new ArrayDeque<>();
    private final int maxEntries;
    private long newest = Long.MIN_VALUE;
    private long dropped;

    public CorrelationWindow(int maxEntries) {
        this.maxEntries = maxEntries;
    }

    /** Adds a hit and forgets those older than {@code spanMillis} before the newest. */
    public void add(Hit hit, long spanMillis) {
        hits.addLast(hit);
        newest = Math.max(newest, hit.millis());
        long cutoff = newest - spanMillis;
        hits.removeIf(h -> h.millis() < cutoff);
        while (hits.size() > maxEntries) {
            hits.removeFirst();
            dropped++;
        }
    }

    public Iterable<Hit> hits() {
        return hits;
    }

    public Iterator<Hit> iterator() {
        return hits.iterator();
    }

    public int size() {
        return hits.size();
    }

    public long newest() {
        return newest;
    }

    public long dropped() {
        return dropped;
    }

    public void clear() {
        hits.clear();
    }
}
