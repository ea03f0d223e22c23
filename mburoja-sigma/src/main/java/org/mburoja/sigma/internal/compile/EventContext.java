package org.mburoja.sigma.internal.compile;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.mburoja.sigma.Event;
import org.mburoja.sigma.internal.event.FlatEvent;

/**
 * The per-event scratch space of one evaluation: each field read once (for a {@link FlatEvent}, kept by the event's
 * slot; for other events, in a map: one lookup for every later test of the same field, by any rule), its text and
 * case-folded text computed on first use, and a counter of abandoned regular expressions. Not thread-safe; one per
 * event.
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

    /** What an absent field reads as; shared, as it never changes (no text to fold). */
    private static final FieldText ABSENT = new FieldText(null);

    private final Event event;
    /** For a {@link FlatEvent}: its fields by slot, so a field costs one probe of the event's own index. */
    private final FlatEvent flat;
    private final FieldText[] slots;
    private Map<String, FieldText> fields;
    private int regexAborted;

    public EventContext(Event event) {
        this.event = event;
        this.flat = event instanceof FlatEvent f ? f : null;
        this.slots = flat == null ? null : new FieldText[flat.size()];
    }

    public Event event() {
        return event;
    }

    public Object get(String field) {
        return text(field).value;
    }

    /** The field, read from the event once per evaluation. */
    public FieldText text(String field) {
        if (flat != null) {
            int slot = flat.slot(field);
            if (slot >= 0) {
                FieldText t = slots[slot];
                if (t == null) {
                    t = new FieldText(flat.value(slot));
                    slots[slot] = t;
                }
                return t;
            }
            if (field.indexOf('.') <= 0) {
                return ABSENT;
            }
        }
        if (fields == null) {
            fields = new HashMap<>(32);
        }
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
