package org.mburoja.sigma.model;

/** A Sigma detection rule: what to look for in events of one log source. */
public record DetectionRule(RuleMeta meta, LogSource logSource, Detection detection, String file, int line)
        implements SigmaDocument {
}
