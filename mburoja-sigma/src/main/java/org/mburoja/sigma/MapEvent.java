package org.mburoja.sigma;

import java.util.Map;
import java.util.function.BiConsumer;

/** An {@link Event} backed by a map (flat, or with dotted names resolved through nested maps). */
public record MapEvent(Map<String, ?> fields) implements Event {

    @Override
    public Object get(String field) {
        Object v = fields.get(field);
        if (v != null || fields.containsKey(field)) {
            return v;
        }
        return field.indexOf('.') > 0 ? nested(field) : null;
    }

    @Override
    public boolean has(String field) {
        return fields.containsKey(field) || (field.indexOf('.') > 0 && nested(field) != null);
    }

    @Override
    public void forEach(BiConsumer<String, Object> visitor) {
        fields.forEach(visitor);
    }

    private Object nested(String dotted) {
        Object cur = fields;
        for (String part : dotted.split("\\.")) {
            if (!(cur instanceof Map<?, ?> m)) {
                return null;
            }
            cur = m.get(part);
        }
        return cur;
    }
}
