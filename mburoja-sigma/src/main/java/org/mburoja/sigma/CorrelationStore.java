package org.mburoja.sigma;

/**
 * Where correlation windows live, one per (correlation rule, group-by values). The engine calls it from one thread
 * at a time. The in-memory store suits one process; a store backed by a shared cache lets several engine instances
 * (a streaming deployment) see the same windows.
 */
public interface CorrelationStore {

    /** The window under {@code key}, or null. */
    CorrelationWindow get(String key);

    /** Stores or replaces a window; a bounded store may evict another window to make room. */
    void put(String key, CorrelationWindow window);

    void remove(String key);

    /** Drops every window whose newest entry is older than {@code millis} (event time). */
    void expireBefore(long millis);

    int size();
}
