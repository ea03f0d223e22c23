package org.mburoja.sigma;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Correlation windows in a bounded, least-recently-used map: at most {@code maxGroups} windows of at most
 * {@code maxEntriesPerWindow} hits each, so memory stays bounded whatever the events (about 100 bytes per hit).
 */
public final class InMemoryCorrelationStore implements CorrelationStore {

    private final int maxGroups;
    private final int maxEntriesPerWindow;
    private long evicted;
    private final LinkedHashMap<String, CorrelationWindow> windows;

    public InMemoryCorrelationStore(int maxGroups, int maxEntriesPerWindow) {
        this.maxGroups = maxGroups;
        this.maxEntriesPerWindow = maxEntriesPerWindow;
        this.windows = new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, CorrelationWindow> eldest) {
                if (size() > InMemoryCorrelationStore.this.maxGroups) {
                    evicted++;
                    return true;
                }
                return false;
            }
        };
    }

    public int maxEntriesPerWindow() {
        return maxEntriesPerWindow;
    }

    @Override
    public CorrelationWindow get(String key) {
        return windows.get(key);
    }

    @Override
    public void put(String key, CorrelationWindow window) {
        windows.put(key, window);
    }

    @Override
    public void remove(String key) {
        windows.remove(key);
    }

    @Override
    public void expireBefore(long millis) {
        windows.values().removeIf(w -> w.newest() < millis);
    }

    @Override
    public int size() {
        return windows.size();
    }

    /** Windows dropped because the store was full. */
    public long evicted() {
        return evicted;
    }
}
