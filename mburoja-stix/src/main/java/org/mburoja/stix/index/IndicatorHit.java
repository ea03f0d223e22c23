package org.mburoja.stix.index;

import java.util.Optional;
import java.util.UUID;
import org.mburoja.stix.marking.Tlp;

/**
 * One indicator matching a looked-up value. Holds the UUID of the indicator id (the id text is made on demand, so a
 * hit costs one small allocation on the detection hot path).
 *
 * @param tlp   the indicator's most restrictive TLP marking; empty when unmarked (treat per the sharing policy)
 * @param score the decayed score in (0, 1] at the time the index was last built, see {@link IndicatorScore}
 */
public record IndicatorHit(UUID indicatorUuid, ObservableKind kind, Optional<Tlp> tlp, double score) {

    /** The STIX id, {@code indicator--<uuid>}. */
    public String indicatorId() {
        return "indicator--" + indicatorUuid;
    }
}
