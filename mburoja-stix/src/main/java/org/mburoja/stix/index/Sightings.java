package org.mburoja.stix.index;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.mburoja.stix.StixIds;
import org.mburoja.stix.StixJson;
import org.mburoja.stix.StixObject;
import org.mburoja.stix.StixTimestamp;
import tools.jackson.databind.node.ObjectNode;

/**
 * Detection hits recorded as STIX 2.1 sighting objects, and sightings summed back into the {@link SightingSummary}
 * that raises an indicator's score. The sighting is what travels to partners; the summary is what the index uses.
 */
public final class Sightings {

    private Sightings() {
    }

    /**
     * A sighting of an indicator by an organisation's sensors.
     *
     * @param sightedBy identity id of the organisation whose systems saw it ({@code where_sighted_refs})
     * @param createdBy identity id of the producer of the sighting (this node)
     */
    public static StixObject of(String indicatorId, String sightedBy, String createdBy, Instant firstSeen,
                                Instant lastSeen, long count, Instant now) {
        if (count < 0 || count > 999_999_999L || lastSeen.isBefore(firstSeen)) {
            throw new IllegalArgumentException("count must be 0-999999999 and lastSeen not before firstSeen");
        }
        ObjectNode o = StixJson.mapper().createObjectNode();
        o.put("type", "sighting");
        o.put("spec_version", "2.1");
        o.put("id", StixIds.random("sighting"));
        o.put("created", StixTimestamp.format(now));
        o.put("modified", StixTimestamp.format(now));
        o.put("created_by_ref", createdBy);
        o.put("sighting_of_ref", indicatorId);
        o.putArray("where_sighted_refs").add(sightedBy);
        o.put("first_seen", StixTimestamp.format(firstSeen));
        o.put("last_seen", StixTimestamp.format(lastSeen));
        o.put("count", count);
        return StixObject.of(o);
    }

    /** Sums the sightings of one indicator: total count (1 when absent) and the latest last_seen. */
    public static SightingSummary summarise(String indicatorId, List<StixObject> sightings) {
        long count = 0;
        Optional<Instant> last = Optional.empty();
        List<StixObject> mine = new ArrayList<>();
        for (StixObject s : sightings) {
            if (s.type().equals("sighting") && s.string("sighting_of_ref").orElse("").equals(indicatorId)) {
                mine.add(s);
            }
        }
        for (StixObject s : mine) {
            JsonCount c = new JsonCount(s);
            count += c.value();
            Optional<Instant> seen = s.timestamp("last_seen").or(() -> s.timestamp("first_seen")).or(s::created);
            if (seen.isPresent() && (last.isEmpty() || seen.get().isAfter(last.get()))) {
                last = seen;
            }
        }
        return new SightingSummary(count, last);
    }

    private record JsonCount(StixObject s) {
        long value() {
            var c = s.get("count");
            return c.canConvertToLong() ? Math.max(0, c.longValue()) : 1;
        }
    }
}
