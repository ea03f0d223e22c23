package org.mburoja.sigma.internal.compile;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.mburoja.sigma.Event;

/**
 * The per-event scratch space of one evaluation: each field read once (one hash lookup for every later test of the
 * same field, by any rule), its text and case-folded text computed on first use, and a counter of abandoned regular
 * expressions. Not thread-safe; one per event.
 */
public final class EventContext {

    /** A field of the event as the tests see it. {@code raw} is null when the value is absent, a list or a map. */
    public static final class FieldText {
        final Object value;
        final String raw;
        private String folded;

        FieldText(Object value) {
            this.value = value;
            this.raw = value == null || value instanceof List || value instanceof Map ? null : Text.of(value);
        }

        public Object value() {
            return value;
        }

        public String raw() {
            return raw;
        }

        public String folded() {
            if (folded == null && raw != null) {
                folded = Text.fold(raw);
            }
            return folded;
        }
    }

    private final Event event;
    private final Map<String, FieldText> fields = new HashMap<>(32);
    private int regexAborted;

    public EventContext(Event event) {
        this.event = event;
    }

    public Event event() {
        return event;
    }

    public Object get(String field) {
        return text(field).value;
    }

    /** The field, read from the event once per evaluation. */
    public FieldText text(String field) {
        FieldText t = fields.get(field);
        if (t == null) {
            t = new FieldText(event.get(field));
            fields.put(field, t);
        }
        return t;
    }

    /** The case-folded text of a scalar value of {@code field}, computed once per event. */
    public String folded(String field, Object value) {
        FieldText t = text(field);
        return t.raw != null ? t.folded() : Text.fold(Text.of(value));
    }

    void regexAborted() {
        regexAborted++;
    }

    public int regexAbortedCount() {
        return regexAborted;
    }
}
