package org.mburoja.leak;

import java.util.List;
import java.util.Map;

/**
 * What one file (or archive member, named {@code archive.zip!/member.csv}) holds.
 *
 * @param bytes     bytes read from the file (expanded bytes for an archive member)
 * @param samples   masked samples per entity type, never full values
 * @param problems  what could not be read, and where
 */
public record FileReport(String name, String format, String encoding, long bytes, long records,
                         Map<EntityType, Long> entities, Map<EntityType, Long> rejected, long distinctNids,
                         long distinctPersons, Map<EntityType, List<String>> samples, List<String> problems) {

    public long count(EntityType t) {
        return entities.getOrDefault(t, 0L);
    }
}
