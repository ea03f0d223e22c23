package org.mburoja.sigma.model;

/** One YAML document of a rule file: a detection rule, a correlation rule or a filter. */
public sealed interface SigmaDocument permits DetectionRule, CorrelationRule, FilterRule {

    RuleMeta meta();

    String file();

    int line();

    /** How other documents refer to this one: its id, or else its name, or else its title. */
    default String key() {
        return meta().id() != null ? meta().id() : meta().name() != null ? meta().name() : meta().title();
    }
}
