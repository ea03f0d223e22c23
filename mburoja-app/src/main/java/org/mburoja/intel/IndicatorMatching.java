package org.mburoja.intel;

import java.util.List;
import java.util.UUID;
import org.mburoja.kernel.Actor;
import org.mburoja.stix.marking.Tlp;

/**
 * Detection's view of the intelligence: every active indicator of the store (not revoked, inside its
 * {@code valid_from}/{@code valid_until}, scoring at least the threshold) compiled into an in-memory index that
 * answers per event value. The index follows the store: every ingest, revocation and deletion applies to it when
 * its transaction commits, indicators enter and leave it at their {@code valid_from} and {@code valid_until}, and it
 * is rebuilt from the store periodically to refresh the scores' age decay. Matches are filtered like every read:
 * a reader gets only indicators of collections it may read whose TLP releases them to it.
 */
public interface IndicatorMatching {

    /** Most values (observables or not) one request may give. */
    int MAX_VALUES = 200_000;

    /**
     * Looks up the values.
     *
     * @param maxMatches most matches returned (1..100,000)
     * @throws IndexNotReady while the first build is still loading
     * @throws IllegalArgumentException with more than {@link #MAX_VALUES} values or a bad maximum
     */
    MatchReport match(Actor actor, List<ObservedValue> values, int maxMatches);

    /**
     * Records the report's matches as STIX sightings (one per indicator, {@code count} = its matches,
     * {@code where_sighted_refs} and {@code created_by_ref} = the reader's organisation) in a collection the actor
     * may write, marked with {@code marking}; the sightings raise the indicators' scores.
     */
    IngestReport recordSightings(Actor actor, UUID collection, MatchReport report, Tlp marking);

    /** The index's state (authority staff only: it tells how many indicators the node holds). */
    IndexState state(Actor actor);

    /** Rebuilds the index from the store now (authority administrators). */
    IndexState rebuild(Actor actor);

    /** The index has not finished its first build since the server started. */
    final class IndexNotReady extends RuntimeException {
        public IndexNotReady() {
            super("the indicator index is still loading from the store; try again shortly", null, false, false);
        }
    }
}
