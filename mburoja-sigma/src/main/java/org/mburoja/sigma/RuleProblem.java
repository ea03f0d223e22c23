package org.mburoja.sigma;

/**
 * Why a rule (or a part of a rule file) was not accepted: the file, the 1-based line, the field in the rule and the
 * reason. Problems are values, not exceptions, so one broken rule never stops the others from loading.
 *
 * @param file   where the rule came from (a path, or a name given by the caller)
 * @param line   1-based line of the offending YAML node, 0 when unknown
 * @param field  the rule attribute at fault, e.g. {@code detection.selection.Image|foo}
 * @param reason what is wrong, in words an analyst can act on
 */
public record RuleProblem(String file, int line, String field, String reason) {

    /** A short, grep-friendly form: {@code file:line: field: reason}. */
    @Override
    public String toString() {
        return file + ":" + line + ": " + field + ": " + reason;
    }

    /** The reason with anything rule-specific (quoted values) removed, for grouping rejections in summaries. */
    public String kind() {
        return reason.replaceAll("'[^']*'", "'…'");
    }
}
