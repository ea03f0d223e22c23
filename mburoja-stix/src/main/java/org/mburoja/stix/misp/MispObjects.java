package org.mburoja.stix.misp;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.mburoja.stix.marking.Tlp;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * MISP objects (file, domain-ip, ...): the mapped IDS attributes form one indicator whose pattern ANDs them (a MISP
 * object describes one thing); attributes without a mapping are kept in {@code x_misp_attributes}. An object without
 * IDS attributes becomes a note holding all its attributes.
 */
final class MispObjects {

    /** Creates a registered SDO of a type with the uuid part of its id. */
    interface Factory {
        ObjectNode create(String type, String uuid, Optional<Tlp> tlp);
    }

    private MispObjects() {
    }

    /** Maps one object; returns the indicator id when one was made. */
    static Optional<String> map(JsonNode o, Factory factory, List<String> problems, Optional<Tlp> eventTlp) {
        if (o.path("deleted").asBoolean(false)) {
            return Optional.empty();
        }
        String uuid = MispImporter.uuidOf(o.path("uuid").asString(""), org.mburoja.stix.StixJson.write(o));
        Optional<Tlp> tlp = MispImporter.max(eventTlp, MispImporter.tlp(o.path("Tag")));
        List<MispPatterns.Part> parts = new ArrayList<>();
        ArrayNode unmapped = org.mburoja.stix.StixJson.mapper().createArrayNode();
        for (JsonNode a : o.path("Attribute")) {
            if (a.path("deleted").asBoolean(false)) {
                continue;
            }
            tlp = MispImporter.max(tlp, MispImporter.tlp(a.path("Tag")));
            String type = a.path("type").asString("");
            String value = a.path("value").asString("");
            Optional<List<String>> paths = MispTypes.paths(type, value);
            if (paths.isPresent() && a.path("to_ids").asBoolean(false)) {
                parts.add(new MispPatterns.Part(paths.get(), value));
            } else {
                ObjectNode u = unmapped.addObject();
                u.put("object_relation", a.path("object_relation").asString(""));
                u.put("type", type);
                u.put("value", value);
            }
        }
        String name = o.path("name").asString("object");
        Optional<String> pattern = parts.isEmpty() ? Optional.empty() : MispPatterns.pattern(parts);
        ObjectNode made;
        Optional<String> indicator = Optional.empty();
        if (pattern.isPresent()) {
            made = factory.create("indicator", uuid, tlp);
            made.put("name", "MISP " + name + (o.path("comment").asString("").isEmpty() ? ""
                    : ": " + o.get("comment").asString()));
            made.put("pattern", pattern.get());
            made.put("pattern_type", "stix");
            made.put("valid_from", made.get("created").asString());
            made.putArray("indicator_types").add("malicious-activity");
            indicator = Optional.of(made.get("id").asString());
        } else {
            if (!parts.isEmpty()) {
                problems.add("object " + uuid + " (" + name + "): values do not make a valid STIX pattern;"
                        + " kept as a note");
                for (MispPatterns.Part p : parts) {
                    ObjectNode u = unmapped.addObject();
                    u.put("paths", String.join(",", p.paths()));
                    u.put("value", p.value());
                }
            }
            made = factory.create("note", uuid, tlp);
            made.put("abstract", "MISP object " + name);
            made.put("content", org.mburoja.stix.StixJson.write(unmapped));
            made.putArray("object_refs").add(made.get("created_by_ref") != null
                    ? made.get("created_by_ref").asString() : made.get("id").asString());
        }
        made.put("x_misp_object_name", name);
        if (!unmapped.isEmpty()) {
            made.set("x_misp_attributes", unmapped);
        }
        return indicator;
    }
}
