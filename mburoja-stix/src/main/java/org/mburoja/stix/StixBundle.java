package org.mburoja.stix;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A STIX 2.1 bundle: an envelope with an id and objects. Reading keeps each member as its own tree so a bad member
 * can be rejected without losing the others, and keeps any other envelope property (a STIX 2.0 spec_version, custom
 * properties) so a read bundle writes back unchanged; a new bundle emits {@code type}, {@code id}, {@code objects}.
 */
public final class StixBundle {

    private final String id;
    private final List<StixObject> objects;
    private final ObjectNode envelope;

    private StixBundle(String id, List<StixObject> objects, ObjectNode envelope) {
        this.id = id;
        this.objects = List.copyOf(objects);
        this.envelope = envelope;
    }

    /** A bundle with the given id. */
    public StixBundle(String id, List<StixObject> objects) {
        this(id, objects, null);
    }

    /** A bundle with a fresh random id. */
    public static StixBundle of(List<StixObject> objects) {
        return new StixBundle("bundle--" + UUID.randomUUID(), objects);
    }

    public String id() {
        return id;
    }

    public List<StixObject> objects() {
        return objects;
    }

    /**
     * Reads a bundle tree. Members that are not JSON objects are skipped here; the validator reports them.
     *
     * @throws IllegalArgumentException when the tree is not a bundle
     */
    public static StixBundle from(JsonNode tree) {
        if (!tree.isObject() || !"bundle".equals(tree.path("type").asString(""))) {
            throw new IllegalArgumentException("not a STIX bundle (type must be \"bundle\")");
        }
        List<StixObject> members = new ArrayList<>();
        for (JsonNode o : tree.path("objects")) {
            if (o.isObject()) {
                members.add(StixObject.of(o));
            }
        }
        ObjectNode envelope = ((ObjectNode) tree).deepCopy();
        envelope.remove("objects");
        return new StixBundle(tree.path("id").asString(""), members, envelope);
    }

    public static StixBundle parse(String json) {
        return from(StixJson.read(json));
    }

    public ObjectNode toTree() {
        ObjectNode b = StixJson.mapper().createObjectNode();
        b.put("type", "bundle");
        b.put("id", id);
        if (envelope != null) {
            envelope.properties().forEach(e -> b.set(e.getKey(), e.getValue().deepCopy()));
        }
        ArrayNode arr = b.putArray("objects");
        objects.forEach(o -> arr.add(o.toTree()));
        return b;
    }

    public String toJson() {
        return StixJson.write(toTree());
    }
}
