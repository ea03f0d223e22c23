package org.mburoja.stix;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.mburoja.stix.model.ObjectKind;
import org.mburoja.stix.model.StixTypes;
import tools.jackson.databind.JsonNode;

/** The OASIS STIX 2.1 JSON schemas (draft 2020-12) from the shared data, resolved offline. */
public final class StixSchemas {

    private static final String PREFIX =
            "http://raw.githubusercontent.com/oasis-open/cti-stix2-json-schemas/stix2.1/schemas/";
    private static final Path DIR = SharedData.dir("stix/schemas");
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(
            SpecificationVersion.DRAFT_2020_12, b -> b.schemas(allSchemas()));
    private static final Map<String, Schema> CACHE = new ConcurrentHashMap<>();

    private StixSchemas() {
    }

    /** Every schema file by its $id, so nothing is fetched from the network. */
    private static Map<String, String> allSchemas() {
        try (var files = Files.walk(DIR)) {
            Map<String, String> m = new java.util.HashMap<>();
            for (Path p : files.filter(f -> f.toString().endsWith(".json")).toList()) {
                m.put(PREFIX + DIR.relativize(p).toString().replace('\\', '/'), Files.readString(p));
            }
            return m;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Schema errors for one object (or a bundle, whose schema checks only the envelope). */
    public static List<String> errors(JsonNode object) {
        String type = object.path("type").asString("");
        String folder = switch (StixTypes.kindOf(type)) {
            case SDO -> "sdos";
            case SCO -> "observables";
            case SRO -> "sros";
            default -> "common";
        };
        Path file = DIR.resolve(folder).resolve(type + ".json");
        if (StixTypes.kindOf(type) == ObjectKind.CUSTOM || !Files.exists(file)) {
            return List.of("no OASIS schema for type '" + type + "'");
        }
        Schema schema = CACHE.computeIfAbsent(type,
                t -> REGISTRY.getSchema(SchemaLocation.of(PREFIX + folder + "/" + t + ".json")));
        List<String> out = new ArrayList<>();
        for (Error e : schema.validate(object)) {
            out.add(object.path("id").asString("?") + " " + e.getInstanceLocation() + ": " + e.getMessage());
        }
        return out;
    }

    /** Schema errors for a bundle and every object in it. */
    public static List<String> errorsDeep(JsonNode document) {
        List<String> out = new ArrayList<>(errors(document));
        if ("bundle".equals(document.path("type").asString(""))) {
            for (JsonNode o : document.path("objects")) {
                out.addAll(errors(o));
            }
        }
        return out;
    }
}
