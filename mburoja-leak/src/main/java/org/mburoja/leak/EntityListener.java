package org.mburoja.leak;

/**
 * Receives every value the scanner finds or rejects, unmasked. Only for privileged callers (the analyst who must see
 * the full value, and the quality tests that diff against ground truth); reports carry masked samples only.
 */
@FunctionalInterface
public interface EntityListener {

    void found(String file, EntityType type, String value, boolean valid);
}
