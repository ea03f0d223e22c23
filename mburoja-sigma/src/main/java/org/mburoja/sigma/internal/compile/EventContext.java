package org.mburoja.sigma.internal.compile;

import java.util.HashMap;
import java.util.Map;
import org.mburoja.sigma.Event;

/**
 * The per-event scratch space of one evaluation: folded (lower-cased) field values computed once and shared by every
 * rule that tests the field, and counters of aborted regular expressions. Not thread-safe; one per event.
 */
public final class EventContext {

    private final Event event;
    private final Map<String, String> folded = new HashMap<>(32);
    private int regexAborted;

    public EventContext(Event event) {
        this.event = event;
    }

    public Event event() {
        return event;
    }

    public Object get(String field) {
        return event.get(field);
    }

    /** The case-folded text of a scalar value of {@code field}, computed once per event. */
    public String folded(String field, Object value) {
        String f = folded.get(field);
        if (f == null) {
            f = Text.fold(Text.of(value));
            folded.put(field, f);
        }
        return f;
    }

    void regexAborted() {
        regexAborted++;
    }

    public int regexAbortedCount() {
        return regexAborted;
    }
}
