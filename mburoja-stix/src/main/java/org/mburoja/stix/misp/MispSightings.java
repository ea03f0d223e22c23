package org.mburoja.stix.misp;

import java.time.Instant;
import java.util.List;
import org.mburoja.stix.StixIds;
import org.mburoja.stix.StixJson;
import org.mburoja.stix.StixTimestamp;
import org.mburoja.stix.marking.Tlp;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * MISP sightings: type 0 (seen) becomes a STIX sighting of the indicator; type 1 (false positive) an opinion
 * "disagree" on it; type 2 (expiration) sets the indicator's valid_until.
 */
final class MispSightings {

    interface Raw {
        ObjectNode create(String type, String id, Tlp tlp);
    }

    private MispSightings() {
    }

    static void map(JsonNode s, String indicatorId, Raw raw, String ns, String eventKey, List<String> problems) {
        long when = s.path("date_sighting").asLong(s.path("timestamp").asLong(0));
        if (when <= 0) {
            problems.add("sighting of " + indicatorId + " without a date: skipped");
            return;
        }
        String at = StixTimestamp.format(Instant.ofEpochSecond(when));
        String key = eventKey + indicatorId + StixJson.write(s);
        switch (s.path("type").asString("0")) {
            case "1" -> {
                ObjectNode o = raw.create("opinion", StixIds.v5("opinion", ns, key), null);
                o.put("opinion", "disagree");
                o.put("explanation", "MISP false-positive sighting" + source(s));
                o.putArray("object_refs").add(indicatorId);
            }
            case "2" -> problems.add("expiration sighting of " + indicatorId + " at " + at
                    + ": apply as valid_until when the indicator is stored");
            default -> {
                ObjectNode o = raw.create("sighting", StixIds.v5("sighting", ns, key), null);
                o.put("sighting_of_ref", indicatorId);
                o.put("first_seen", at);
                o.put("last_seen", at);
                o.put("count", 1);
                if (!source(s).isEmpty()) {
                    o.put("description", "MISP sighting" + source(s));
                }
            }
        }
    }

    private static String source(JsonNode s) {
        String src = s.path("source").asString("");
        String org = s.path("Organisation").path("name").asString("");
        return (src.isEmpty() ? "" : " from " + src) + (org.isEmpty() ? "" : " by " + org);
    }
}
