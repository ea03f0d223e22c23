package org.mburoja.sigma;

import java.time.Instant;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * One log event as the engine sees it: a field lookup. The engine never needs the event's shape, so the app can feed
 * Map-based events, parsed JSON lines, or a view over its own records.
 *
 * <p>Values are {@link String}, {@link Number}, {@link Boolean}, {@link java.util.List} of those, or {@code null}.
 */
public interface Event {

    /** The value of a field, or {@code null} when the event does not carry it. */
    Object get(String field);

    /** Whether the field is present (a present field may still hold {@code null}). */
    boolean has(String field);

    /** Visits every field; used by keyword searches and the literal pre-filter. */
    void forEach(BiConsumer<String, Object> visitor);

    /** An event over a map; the map is not copied, so it must not change while the engine looks at it. */
    static Event of(Map<String, ?> fields) {
        return new MapEvent(fields);
    }

    /** The event time when the event carries one in a known field, for correlation windows. */
    default Instant time(java.util.List<String> timeFields) {
        for (String f : timeFields) {
            Object v = get(f);
            if (v != null) {
                Instant t = EventTimes.parse(v.toString());
                if (t != null) {
                    return t;
                }
            }
        }
        return null;
    }
}
