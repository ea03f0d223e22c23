package org.mburoja.operators;

import java.util.Map;

/**
 * Counts of registered operators for the home dashboard: by sector code (reference-list order) and by entity class.
 * Computed by the database on each call (two grouped counts), so it is always current.
 */
public record OperatorStatistics(long total, Map<String, Long> bySector, Map<EntityClass, Long> byEntityClass) {

    public OperatorStatistics {
        bySector = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(bySector));
        byEntityClass = java.util.Collections.unmodifiableMap(new java.util.EnumMap<>(byEntityClass));
    }
}
