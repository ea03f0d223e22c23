package org.mburoja.stix;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.mburoja.stix.model.ObjectKind;
import org.mburoja.stix.model.StixTypes;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One STIX object, kept as its JSON tree so that nothing is lost (custom properties, extensions, number precision,
 * property order), with typed accessors for the properties the platform reads.
 *
 * <p>The tree is copied on construction and never handed out mutable, so a {@code StixObject} is immutable. Typed
 * views ({@link IndicatorView}, ...) read from the tree on demand. Validation is separate ({@link StixValidator}):
 * accessors return empty for absent or malformed values rather than throw.
 */
public final class StixObject {

    private final ObjectNode tree;

    private StixObject(ObjectNode tree) {
        this.tree = tree;
    }

    /** Wraps a copy of a JSON object. */
    public static StixObject of(JsonNode node) {
        if (!node.isObject()) {
            throw new IllegalArgumentException("a STIX object must be a JSON object, found " + node.getNodeType());
        }
        return new StixObject(((ObjectNode) node).deepCopy());
    }

    /** Parses one object from JSON text (the tree is its own: no copy). */
    public static StixObject parse(String json) {
        JsonNode node = StixJson.read(json);
        if (!node.isObject()) {
            throw new IllegalArgumentException("a STIX object must be a JSON object, found " + node.getNodeType());
        }
        return new StixObject((ObjectNode) node);
    }

    /** A copy of the tree, for callers that need to change it (the original stays as it was). */
    public ObjectNode toTree() {
        return tree.deepCopy();
    }

    /** The JSON text, property order as read. */
    public String toJson() {
        return StixJson.write(tree);
    }

    public String type() {
        return tree.path("type").asString("");
    }

    public String id() {
        return tree.path("id").asString("");
    }

    public ObjectKind kind() {
        return StixTypes.kindOf(type());
    }

    /** A string property. */
    public Optional<String> string(String property) {
        JsonNode v = tree.get(property);
        return v != null && v.isString() ? Optional.of(v.stringValue()) : Optional.empty();
    }

    /** A timestamp property, empty when absent or not a valid STIX timestamp. */
    public Optional<Instant> timestamp(String property) {
        return string(property).filter(s -> StixTimestamp.problem(s).isEmpty()).map(StixTimestamp::parse);
    }

    public Optional<Instant> created() {
        return timestamp("created");
    }

    /** {@code modified}, or {@code created} for objects that are not versioned (marking definitions). */
    public Optional<Instant> modified() {
        return timestamp("modified").or(this::created);
    }

    public boolean revoked() {
        return tree.path("revoked").asBoolean(false);
    }

    public Optional<String> createdByRef() {
        return string("created_by_ref");
    }

    /** Identifiers in a {@code *_refs} list property (strings only). */
    public List<String> refs(String property) {
        List<String> out = new ArrayList<>();
        JsonNode v = tree.get(property);
        if (v != null && v.isArray()) {
            for (JsonNode n : v) {
                if (n.isString()) {
                    out.add(n.stringValue());
                }
            }
        }
        return out;
    }

    /** {@code object_marking_refs}. */
    public List<String> objectMarkingRefs() {
        return refs("object_marking_refs");
    }

    /** Marking refs of {@code granular_markings} (not the language ones). */
    public List<String> granularMarkingRefs() {
        List<String> out = new ArrayList<>();
        for (JsonNode g : tree.path("granular_markings")) {
            if (g.path("marking_ref").isString()) {
                out.add(g.get("marking_ref").stringValue());
            }
        }
        return out;
    }

    /** A read-only view of a property, or a missing node. */
    public JsonNode get(String property) {
        JsonNode v = tree.get(property);
        return v == null ? tree.missingNode() : v.deepCopy();
    }

    public boolean has(String property) {
        return tree.has(property);
    }

    /** The indicator view, if this is an indicator. */
    public Optional<IndicatorView> asIndicator() {
        return type().equals("indicator") ? Optional.of(new IndicatorView(this)) : Optional.empty();
    }

    /** Tree equality: same properties and values (number scale included, property order ignored). */
    @Override
    public boolean equals(Object o) {
        return o instanceof StixObject s && tree.equals(s.tree);
    }

    @Override
    public int hashCode() {
        return tree.hashCode();
    }

    @Override
    public String toString() {
        return type() + " " + id();
    }

    /** Typed reading of an indicator. */
    public record IndicatorView(StixObject object) {
        public String pattern() {
            return object.string("pattern").orElse("");
        }

        public String patternType() {
            return object.string("pattern_type").orElse("");
        }

        public Optional<Instant> validFrom() {
            return object.timestamp("valid_from");
        }

        public Optional<Instant> validUntil() {
            return object.timestamp("valid_until");
        }

        public Optional<Integer> confidence() {
            JsonNode c = object.tree.get("confidence");
            return c != null && c.canConvertToInt() ? Optional.of(c.intValue()) : Optional.empty();
        }

        /** Whether the indicator is in force at {@code at}: not revoked, after valid_from, before valid_until. */
        public boolean activeAt(Instant at) {
            return !object.revoked() && validFrom().map(f -> !at.isBefore(f)).orElse(false)
                    && validUntil().map(at::isBefore).orElse(true);
        }
    }
}
