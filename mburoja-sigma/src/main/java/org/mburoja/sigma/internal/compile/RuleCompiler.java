package org.mburoja.sigma.internal.compile;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mburoja.sigma.EngineOptions;
import org.mburoja.sigma.LogSourceMapping;
import org.mburoja.sigma.model.DetectionRule;
import org.mburoja.sigma.model.FilterRule;

/**
 * Compiles one detection rule with the filters that apply to it, once per log-source alternative of the mapping.
 * Alternatives that rename no field share one compiled detection.
 */
public final class RuleCompiler {

    private final EngineOptions options;

    public RuleCompiler(EngineOptions options) {
        this.options = options;
    }

    /** Shared by the value compilers of all rules this compiler compiles. */
    private final ValueCompiler.Memo memo = new ValueCompiler.Memo();

    /**
     * Compiles the rule; an unmapped rule is compiled too (so its errors are reported) but gets no variant unless
     * unmapped rules are evaluated on every event.
     */
    public CompiledRule compile(int index, DetectionRule rule, List<FilterRule> filters, boolean emits) {
        List<LogSourceMapping.Alternative> alts = options.mapping().resolve(rule.logSource());
        if (alts.isEmpty()) {
            LogSourceMapping.Alternative all = new LogSourceMapping.Alternative("(unmapped)", Map.of(),
                    options.mapping().globalFieldMappings());
            CompiledRule.Variant v = variant(index, rule, filters, all);
            return new CompiledRule(index, rule, options.evaluateUnmapped() ? List.of(v) : List.of(), emits);
        }
        List<CompiledRule.Variant> variants = new ArrayList<>();
        Map<Map<String, String>, CompiledRule.Variant> byMapping = new HashMap<>();
        for (LogSourceMapping.Alternative alt : alts) {
            CompiledRule.Variant shared = byMapping.get(alt.fieldMappings());
            if (shared == null) {
                shared = variant(index, rule, filters, alt);
                byMapping.put(alt.fieldMappings(), shared);
                variants.add(shared);
            } else {
                variants.add(new CompiledRule.Variant(index, logSourceCheck(alt), shared.detection(), shared.searches(),
                        shared.requirement(), alt.conditions()));
            }
        }
        return new CompiledRule(index, rule, List.copyOf(variants), emits);
    }

    private CompiledRule.Variant variant(int index, DetectionRule rule, List<FilterRule> filters,
                                         LogSourceMapping.Alternative alt) {
        Map<String, String> names = alt.fieldMappings();
        ValueCompiler values = new ValueCompiler(options.placeholders(), options.regexStepFactor(),
                f -> names.getOrDefault(f, f), memo);
        DetectionCompiler dc = new DetectionCompiler(values);
        DetectionCompiler.Result main = dc.compile(rule.detection());
        Check check = main.condition().check();
        Requirement req = main.condition().requirement();
        Map<String, Check> searches = new LinkedHashMap<>(main.searches());
        if (!filters.isEmpty()) {
            List<Check> all = new ArrayList<>();
            all.add(check);
            for (FilterRule f : filters) {
                DetectionCompiler.Result fr = dc.compile(f.detection());
                all.add(fr.condition().check());
                req = Requirement.and(req, fr.condition().requirement());
            }
            check = Check.and(all);
        }
        return new CompiledRule.Variant(index, logSourceCheck(alt), check, java.util.Collections.unmodifiableMap(searches),
                req, alt.conditions());
    }

    private static Check logSourceCheck(LogSourceMapping.Alternative alt) {
        List<Check> checks = new ArrayList<>();
        alt.conditions().forEach((field, values) -> {
            TextTest[] tests = new TextTest[values.size()];
            for (int i = 0; i < tests.length; i++) {
                tests[i] = new TextTest.Equals(Text.fold(values.get(i)));
            }
            checks.add(new FieldChecks.TextCheck(field, tests, new RegexMatcher[0], false, false));
        });
        return checks.isEmpty() ? Check.TRUE : Check.and(checks);
    }
}
