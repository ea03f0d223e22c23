package org.mburoja.leak;

/**
 * Receives every value the scanner finds or rejects, unmasked, and the person names it puts together from a
 * record's first-name and surname cells. Only for privileged callers (the analyst who must see
 * the full value, and the quality tests that diff against ground truth); reports carry masked samples only.
 */
@FunctionalInterface
public interface EntityListener {

    void found(String file, EntityType type, String value, boolean valid);

    /**
     * The same, with the number of the record the value stands in (from 1 in each file: a row, a JSON object, an SQL
     * tuple, a line or a block of labelled lines of a paste), so that the values of one person can be put together.
     * The scanner calls this one; by default the number is dropped.
     */
    default void found(String file, long record, EntityType type, String value, boolean valid) {
        found(file, type, value, valid);
    }
}
