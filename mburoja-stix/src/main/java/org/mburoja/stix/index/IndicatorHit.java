package org.mburoja.stix.index;

import java.util.Optional;
import org.mburoja.stix.marking.Tlp;

/**
 * One indicator matching a looked-up value.
 *
 * @param tlp   the indicator's most restrictive TLP marking; empty when unmarked (treat per the sharing policy)
 * @param score the decayed score in (0, 1] at the time the index was last built, see {@link IndicatorScore}
 */
public record IndicatorHit(String indicatorId, ObservableKind kind, Optional<Tlp> tlp, double score) {
}
