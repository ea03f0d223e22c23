package org.mburoja.stix.index;

import java.time.Instant;
import java.util.Optional;

/** How often and how recently an indicator was sighted (summed from its STIX sighting objects). */
public record SightingSummary(long count, Optional<Instant> lastSeen) {

    public static final SightingSummary NONE = new SightingSummary(0, Optional.empty());
}
