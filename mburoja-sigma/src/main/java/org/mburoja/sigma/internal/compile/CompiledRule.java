package org.mburoja.sigma.internal.compile;

import java.util.List;
import java.util.Map;
import org.mburoja.sigma.model.DetectionRule;

/**
 * A detection rule ready to run: one {@link Variant} per way its log source is recognised (each with the field
 * names of that variant), the filters already folded into each variant's check.
 *
 * @param emits whether its own matches are reported (false when only correlations use it)
 * @param techniques the rule's ATT&CK technique ids ({@code RuleMeta.techniques}), made once for all its matches
 */
public record CompiledRule(int index, DetectionRule source, List<Variant> variants, boolean emits,
                           List<String> techniques) {

    public CompiledRule(int index, DetectionRule source, List<Variant> variants, boolean emits) {
        this(index, source, variants, emits, source.meta().techniques());
    }

    /**
     * @param logSource the log-source conditions (the index routes on some of them; checked again here)
     * @param detection the rule's condition with filters applied
     * @param searches  each search identifier's own check, for reporting which selections held
     * @param requirement literals one of which must occur, or null
     * @param conditions the mapping conditions, for routing
     */
    public record Variant(int rule, Check logSource, Check detection, Map<String, Check> searches,
                          Requirement requirement, Map<String, List<String>> conditions) {
    }
}
