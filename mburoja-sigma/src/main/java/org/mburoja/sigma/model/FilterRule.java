package org.mburoja.sigma.model;

import java.util.List;

/**
 * A Sigma filter (meta filter): its condition is added with {@code and} to the condition of every rule it names, or,
 * when it names none, of every rule of its log source.
 */
public record FilterRule(RuleMeta meta, LogSource logSource, List<String> rules, Detection detection, String file,
                         int line) implements SigmaDocument {
}
