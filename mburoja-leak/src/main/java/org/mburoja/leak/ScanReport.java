package org.mburoja.leak;

import java.util.List;
import java.util.Map;

/**
 * The result of a scan over one or more inputs: totals, the exact number of distinct personal numbers, the number
 * of people (NID, else linked by name and birth date, phone or e-mail), special categories present, risk, and one
 * {@link FileReport} per file or archive member.
 */
public record ScanReport(int files, long bytes, Map<EntityType, Long> entities, Map<EntityType, Long> rejected,
                         long distinctNids, long distinctPersons, List<String> specialCategories,
                         RiskAssessment risk, List<FileReport> perFile, long elapsedMillis) {

    public long count(EntityType t) {
        return entities.getOrDefault(t, 0L);
    }
}
