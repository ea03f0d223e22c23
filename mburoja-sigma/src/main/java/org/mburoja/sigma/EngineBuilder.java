package org.mburoja.sigma;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.mburoja.sigma.internal.compile.CompiledRule;
import org.mburoja.sigma.internal.compile.DetectionCompiler;
import org.mburoja.sigma.internal.compile.RuleCompiler;
import org.mburoja.sigma.internal.compile.ValueCompiler;
import org.mburoja.sigma.internal.correlate.Correlator;
import org.mburoja.sigma.internal.parse.RuleSyntaxException;
import org.mburoja.sigma.model.CorrelationRule;
import org.mburoja.sigma.model.DetectionRule;
import org.mburoja.sigma.model.FilterRule;
import org.mburoja.sigma.model.SigmaDocument;

/**
 * Puts a rule set together: resolves what correlations and filters refer to, decides which rules report their own
 * matches (a rule used by correlations reports only if one of them says {@code generate: true}), compiles every
 * detection rule with its filters, and rejects (as {@link RuleProblem}s) what does not fit.
 */
final class EngineBuilder {

    private EngineBuilder() {
    }

    static SigmaEngine build(SigmaRules set, EngineOptions options) {
        List<RuleProblem> problems = new ArrayList<>();
        List<DetectionRule> detections = new ArrayList<>();
        List<FilterRule> filters = new ArrayList<>();
        List<CorrelationRule> correlations = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (SigmaDocument d : set.documents()) {
            String id = d.meta().id();
            if (id != null && !ids.add(id)) {
                problems.add(new RuleProblem(d.file(), d.line(), "id", "duplicate rule id '" + id + "'; first one kept"));
                continue;
            }
            switch (d) {
                case DetectionRule r -> detections.add(r);
                case FilterRule f -> filters.add(f);
                case CorrelationRule c -> correlations.add(c);
            }
        }
        List<FilterRule> goodFilters = new ArrayList<>();
        for (FilterRule f : filters) {
            try {
                new DetectionCompiler(new ValueCompiler(options.placeholders(), options.regexStepFactor(), n -> n))
                        .compile(f.detection());
                goodFilters.add(f);
            } catch (RuleSyntaxException e) {
                problems.add(e.toProblem(f.file()));
            }
        }
        Map<String, SigmaDocument> byKey = new HashMap<>();
        for (DetectionRule r : detections) {
            register(byKey, r);
        }
        for (CorrelationRule c : correlations) {
            register(byKey, c);
        }
        List<CorrelationRule> goodCorrelations = new ArrayList<>();
        for (CorrelationRule c : correlations) {
            String missing = c.rules().stream().filter(k -> !byKey.containsKey(k)).findFirst().orElse(null);
            if (missing != null) {
                problems.add(new RuleProblem(c.file(), c.line(), "correlation.rules",
                        "refers to '" + missing + "', which is neither the id nor the name of a loaded rule"));
            } else if (c.rules().stream().anyMatch(k -> byKey.get(k) == c)) {
                problems.add(new RuleProblem(c.file(), c.line(), "correlation.rules", "a correlation cannot refer to itself"));
            } else {
                goodCorrelations.add(c);
            }
        }
        Set<SigmaDocument> referenced = new HashSet<>();
        Set<SigmaDocument> generated = new HashSet<>();
        for (CorrelationRule c : goodCorrelations) {
            for (String k : c.rules()) {
                referenced.add(byKey.get(k));
                if (c.generate()) {
                    generated.add(byKey.get(k));
                }
            }
        }
        List<CompiledRule> compiled = new ArrayList<>();
        RuleCompiler compiler = new RuleCompiler(options);
        for (DetectionRule r : detections) {
            List<FilterRule> applicable = goodFilters.stream().filter(f -> applies(f, r)).toList();
            boolean emits = !referenced.contains(r) || generated.contains(r);
            try {
                compiled.add(compiler.compile(compiled.size(), r, applicable, emits));
            } catch (RuleSyntaxException e) {
                problems.add(e.toProblem(r.file()));
            }
        }
        List<Correlator.Spec> specs = new ArrayList<>();
        for (CorrelationRule c : goodCorrelations) {
            boolean emits = !referenced.contains(c) || generated.contains(c);
            specs.add(new Correlator.Spec(c, c.rules(), emits));
        }
        Correlator correlator = new Correlator(specs, options.store().get());
        return new SigmaEngine(compiled.toArray(CompiledRule[]::new), correlator, problems, options, specs.size(),
                goodFilters.size());
    }

    private static void register(Map<String, SigmaDocument> byKey, SigmaDocument d) {
        if (d.meta().id() != null) {
            byKey.putIfAbsent(d.meta().id(), d);
        }
        if (d.meta().name() != null) {
            byKey.putIfAbsent(d.meta().name(), d);
        }
    }

    private static boolean applies(FilterRule f, DetectionRule r) {
        if (f.rules().isEmpty()) {
            return f.logSource().covers(r.logSource());
        }
        return f.rules().contains(r.meta().id()) || (r.meta().name() != null && f.rules().contains(r.meta().name()));
    }
}
