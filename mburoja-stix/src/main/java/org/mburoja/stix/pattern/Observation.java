package org.mburoja.stix.pattern;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mburoja.stix.StixObject;
import org.mburoja.stix.StixTimestamp;
import tools.jackson.databind.JsonNode;

/**
 * One observation for the pattern evaluator: what an observed-data object saw (its cyber-observable objects, which may
 * refer to each other) and when ({@code first_observed}, {@code last_observed}).
 *
 * @param id      the observed-data id (for reporting which observations matched)
 * @param objects the cyber-observable objects by the key references use: the SCO id (STIX 2.1 {@code object_refs})
 *                or the local key ({@code "0"}, {@code "1"}) of the deprecated {@code objects} dictionary
 */
public record Observation(String id, Instant firstObserved, Instant lastObserved, int numberObserved,
                          Map<String, JsonNode> objects) {

    public Observation {
        objects = Map.copyOf(objects);
    }

    /**
     * The observations of a bundle's contents: every observed-data object, with its SCOs resolved from
     * {@code object_refs} (and, transitively, the SCOs they refer to) or taken from the deprecated {@code objects}
     * dictionary. Observed-data with invalid timestamps are skipped; validate first.
     */
    public static List<Observation> fromBundle(List<StixObject> contents) {
        Map<String, JsonNode> byId = new HashMap<>();
        for (StixObject o : contents) {
            byId.put(o.id(), o.toTree());
        }
        List<Observation> out = new ArrayList<>();
        for (StixObject o : contents) {
            if (!o.type().equals("observed-data")) {
                continue;
            }
            String first = o.string("first_observed").orElse("");
            String last = o.string("last_observed").orElse("");
            if (StixTimestamp.problem(first).isPresent() || StixTimestamp.problem(last).isPresent()) {
                continue;
            }
            Map<String, JsonNode> objects = new LinkedHashMap<>();
            JsonNode embedded = o.get("objects");
            if (embedded.isObject()) {
                embedded.properties().forEach(e -> objects.put(e.getKey(), e.getValue()));
            } else {
                List<String> pending = new ArrayList<>(o.refs("object_refs"));
                while (!pending.isEmpty() && objects.size() < 100_000) {
                    String ref = pending.removeLast();
                    JsonNode sco = byId.get(ref);
                    if (sco != null && !objects.containsKey(ref)) {
                        objects.put(ref, sco);
                        collectRefs(sco, pending, 0);
                    }
                }
            }
            int count = o.get("number_observed").asInt(1);
            out.add(new Observation(o.id(), StixTimestamp.parse(first), StixTimestamp.parse(last), count, objects));
        }
        return out;
    }

    private static void collectRefs(JsonNode node, List<String> into, int depth) {
        if (depth > 16) {
            return;
        }
        if (node.isObject()) {
            node.properties().forEach(e -> {
                if (e.getKey().endsWith("_ref") && e.getValue().isString()) {
                    into.add(e.getValue().stringValue());
                } else if (e.getKey().endsWith("_refs")) {
                    e.getValue().forEach(v -> {
                        if (v.isString()) {
                            into.add(v.stringValue());
                        }
                    });
                } else {
                    collectRefs(e.getValue(), into, depth + 1);
                }
            });
        } else if (node.isArray()) {
            node.forEach(n -> collectRefs(n, into, depth + 1));
        }
    }
}
