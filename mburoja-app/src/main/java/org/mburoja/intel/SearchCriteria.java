package org.mburoja.intel;

import java.time.Instant;
import java.util.UUID;

/**
 * A search of the store; every non-null part must match.
 *
 * @param value        a value from an indicator pattern or an observable ({@code 198.51.100.7}, a hash, a domain),
 *                     matched exactly and case-insensitively
 * @param modifiedFrom versions modified at or after this instant
 * @param modifiedTo   versions modified before this instant
 * @param includeRevoked whether revoked objects are returned
 */
public record SearchCriteria(UUID collection, String type, String label, String value, Instant modifiedFrom,
                             Instant modifiedTo, boolean includeRevoked, int limit) {
}
