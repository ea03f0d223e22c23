package org.mburoja.intel;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.mburoja.kernel.Actor;
import tools.jackson.databind.JsonNode;

/**
 * The STIX 2.1 store: every version of every object per collection, kept as the exact JSON received, with
 * revocation and deduplication (the same id and version is stored once). Reads enforce collection rights and TLP
 * for the acting organisation and audit every withheld object and every refused request; writes are audited.
 *
 * <p>Ingest serialises writers of one collection (a row lock on the collection) so that {@code date_added} grows
 * in commit order, which is what makes incremental TAXII polling with {@code added_after} lose nothing.
 */
public interface StixStore {

    /**
     * Validates and stores objects; one bad object is rejected with its reason and never blocks the others.
     *
     * @param source provenance: {@code local}, or the federation peer the objects came from
     * @throws IntelAccessDenied when the actor may not write to the collection
     * @throws UnknownCollection when the collection does not exist
     */
    IngestReport ingest(Actor actor, UUID collection, List<JsonNode> objects, String source);

    /** One page of a collection, in {@code date_added} order, with what TLP forbids withheld (and audited). */
    ObjectPage read(Actor actor, ObjectQuery query);

    /**
     * Deletes the matching versions of one object (TAXII object DELETE). Only authority staff and the publishing
     * organisation may delete, and only with write access.
     *
     * @return the number of versions removed
     */
    int delete(Actor actor, UUID collection, String id, VersionMatch versions, Set<String> specVersions);

    /**
     * Revokes an object: stores a new version of its latest version with {@code revoked: true} and a new
     * {@code modified}. Only authority staff and the publishing organisation may revoke.
     */
    IngestReport revoke(Actor actor, UUID collection, String id);

    /** The latest versions matching the criteria in the collections the actor may read, TLP enforced. */
    List<StoredObject> search(Actor actor, SearchCriteria criteria);

    /**
     * The latest, unrevoked versions that mention any of the values (pattern literals, observable values and
     * hashes, compared case-insensitively), in the collections the actor may read, TLP enforced and withheld
     * objects audited; newest first, at most {@code limit} (1..1000). One object mentioning several of the values
     * appears once per value. At most 512 values per call.
     *
     * @throws IllegalArgumentException when more than 512 values are given
     */
    List<ValueMention> mentions(Actor actor, java.util.Collection<String> values, int limit);
}
