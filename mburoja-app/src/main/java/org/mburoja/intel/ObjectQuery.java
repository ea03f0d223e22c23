package org.mburoja.intel;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * A read of one collection in {@code date_added} order: the TAXII filters plus a paging position.
 *
 * @param addedAfter   only objects added strictly after this instant (null: from the start)
 * @param ids          {@code match[id]} (empty: any)
 * @param types        {@code match[type]} (empty: any)
 * @param specVersions {@code match[spec_version]} (empty: any)
 * @param after        continue after this position (from a previous page's {@code next}), or null
 * @param limit        most objects to return
 */
public record ObjectQuery(UUID collection, Instant addedAfter, Set<String> ids, Set<String> types,
                          VersionMatch versions, Set<String> specVersions, PagePosition after, int limit) {

    public ObjectQuery {
        ids = Set.copyOf(ids);
        types = Set.copyOf(types);
        specVersions = Set.copyOf(specVersions);
    }

    /** A position in a collection's {@code date_added} order (ties broken by the row sequence). */
    public record PagePosition(Instant dateAdded, long seq) {
    }
}
