package org.mburoja.sigma;

import java.util.List;
import java.util.Map;

/**
 * A rule that fired. For a detection rule: the event and the search identifiers that held. For a correlation rule:
 * the last event of the window, the group-by values and the measured value (count, distinct values, sum, ...).
 *
 * @param techniques ATT&CK technique ids from the rule's tags, e.g. {@code T1003.001}
 */
public record Match(String ruleId, String title, Level level, List<String> tags, List<String> techniques, Event event,
                    List<String> selections, Kind kind, Map<String, String> group, double value) {

    public enum Kind { DETECTION, CORRELATION }
}
