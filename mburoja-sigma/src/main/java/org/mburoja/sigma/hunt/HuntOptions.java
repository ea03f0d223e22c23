package org.mburoja.sigma.hunt;

import java.nio.file.Path;
import java.util.List;
import org.mburoja.sigma.Level;

/**
 * What to hunt with and over.
 *
 * @param mapping      log-source mapping file; null runs every rule on every event (log sources not checked)
 * @param placeholders YAML map of placeholder name to list of values, for {@code |expand}; may be null
 * @param minLevel     matches of rules below this level are not reported; null reports all
 * @param unmappedAll  with a mapping, also run rules whose log source it cannot recognise, on every event
 * @param maxLineChars longer event lines are skipped and counted as malformed
 * @param progress     print progress (events, events/s, matches) to stderr once a second
 * @param ruleCache    file keeping the parse results of unchanged rule files between runs
 *                     ({@link org.mburoja.sigma.SigmaRules#load(java.util.Collection, Path)}); null parses every file
 */
public record HuntOptions(List<Path> rules, List<String> events, Path mapping, Path placeholders, Level minLevel,
                          int threads, Output output, Path summaryJson, boolean unmappedAll, int maxLineChars,
                          boolean progress, Path ruleCache) {

    /** Options without a rule cache. */
    public HuntOptions(List<Path> rules, List<String> events, Path mapping, Path placeholders, Level minLevel,
                       int threads, Output output, Path summaryJson, boolean unmappedAll, int maxLineChars,
                       boolean progress) {
        this(rules, events, mapping, placeholders, minLevel, threads, output, summaryJson, unmappedAll, maxLineChars,
                progress, null);
    }

    public enum Output { TABLE, JSONL, CSV }

    public static final int DEFAULT_MAX_LINE = 16 * 1024 * 1024;
}
