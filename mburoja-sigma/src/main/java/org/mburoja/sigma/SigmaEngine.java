package org.mburoja.sigma;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import org.mburoja.sigma.internal.compile.CompiledRule;
import org.mburoja.sigma.internal.compile.EventContext;
import org.mburoja.sigma.internal.correlate.Correlator;
import org.mburoja.sigma.internal.index.LiteralHits;
import org.mburoja.sigma.internal.index.RuleIndex;

/**
 * Compiled Sigma rules, ready to evaluate events one at a time.
 *
 * <p>{@link #detect(Event)} is stateless and thread-safe: run it on as many threads as there are cores.
 * {@link #correlate(Detected)} keeps the correlation windows and must see detections in event order, from one thread
 * at a time; {@link #evaluate(Event)} does both. Cost per event: one routing lookup, one Aho-Corasick pass over the
 * fields rules need literals from, then only the rules whose literals were found.
 */
public final class SigmaEngine {

    private final CompiledRule[] rules;
    private final RuleIndex index;
    private final Correlator correlator;
    private final List<RuleProblem> problems;
    private final EngineOptions options;
    private final int inactive;
    private final int correlationCount;
    private final int filterCount;
    private final ThreadLocal<LiteralHits> hits;
    private final LongAdder regexAborted = new LongAdder();

    SigmaEngine(CompiledRule[] rules, Correlator correlator, List<RuleProblem> problems, EngineOptions options,
                int correlationCount, int filterCount) {
        this.rules = rules;
        List<CompiledRule.Variant> variants = new ArrayList<>();
        int inactive = 0;
        for (CompiledRule r : rules) {
            variants.addAll(r.variants());
            if (r.variants().isEmpty()) {
                inactive++;
            }
        }
        this.index = new RuleIndex(variants);
        this.correlator = correlator;
        this.problems = List.copyOf(problems);
        this.options = options;
        this.inactive = inactive;
        this.correlationCount = correlationCount;
        this.filterCount = filterCount;
        this.hits = ThreadLocal.withInitial(index::newHits);
    }

    /** The rule index (for tests of the pre-filter). */
    RuleIndex index() {
        return index;
    }

    /** Compiles parsed rules; rules that fail to compile are left out and listed in {@link #problems()}. */
    public static SigmaEngine compile(SigmaRules rules, EngineOptions options) {
        return EngineBuilder.build(rules, options);
    }

    /** The matches of one event's detections, before correlation. */
    public static final class Detected {
        private final Event event;
        private final Long millis;
        private final List<Match> matches;
        private final List<CompiledRule> fed;

        Detected(Event event, Long millis, List<Match> matches, List<CompiledRule> fed) {
            this.event = event;
            this.millis = millis;
            this.matches = matches;
            this.fed = fed;
        }

        public Event event() {
            return event;
        }

        /** Detection matches to report (rules used only by correlations are not among them). */
        public List<Match> matches() {
            return matches;
        }
    }

    /** Detection rules only; thread-safe. */
    public Detected detect(Event event) {
        EventContext ctx = new EventContext(event);
        RuleIndex.Candidates cands = index.candidates(ctx);
        RuleIndex.Indexed[] candidates = cands.variants();
        List<Match> out = null;
        List<CompiledRule> fed = null;
        if (candidates.length > 0) {
            LiteralHits found = hits.get();
            long[] selected;
            if (cands.postings() != null) {
                index.scan(ctx, cands, found);
                selected = cands.select(found);
                found.clear();
            } else {
                selected = cands.always();
            }
            int lastRule = -1;
            for (int w = 0; w < selected.length; w++) {
                long bits = selected[w];
                while (bits != 0) {
                    int pos = (w << 6) + Long.numberOfTrailingZeros(bits);
                    bits &= bits - 1;
                    CompiledRule.Variant v = candidates[pos].variant();
                    if (v.rule() == lastRule || !v.logSource().test(ctx) || !v.detection().test(ctx)) {
                        continue;
                    }
                    lastRule = v.rule();
                    CompiledRule rule = rules[v.rule()];
                    if (rule.emits()) {
                        if (out == null) {
                            out = new ArrayList<>(2);
                        }
                        out.add(match(rule, v, ctx));
                    }
                    if (!correlator.isEmpty() && (correlator.reads(rule.source().meta().id()) || correlator.reads(rule.source().meta().name()))) {
                        if (fed == null) {
                            fed = new ArrayList<>(2);
                        }
                        fed.add(rule);
                    }
                }
            }
        }
        if (ctx.regexAbortedCount() > 0) {
            regexAborted.add(ctx.regexAbortedCount());
        }
        Long millis = null;
        if (fed != null) {
            java.time.Instant t = event.time(options.timeFields());
            millis = t == null ? null : t.toEpochMilli();
        }
        return new Detected(event, millis, out == null ? List.of() : out, fed == null ? List.of() : fed);
    }

    private static Match match(CompiledRule rule, CompiledRule.Variant v, EventContext ctx) {
        List<String> selections = new ArrayList<>();
        v.searches().forEach((name, check) -> {
            if (check.test(ctx)) {
                selections.add(name);
            }
        });
        var meta = rule.source().meta();
        return new Match(meta.id() != null ? meta.id() : rule.source().key(), meta.title(), meta.level(), meta.tags(),
                rule.techniques(), ctx.event(), List.copyOf(selections), Match.Kind.DETECTION, Map.of(), 1);
    }

    /** Feeds detections to the correlation rules; call in event order, from one thread at a time. */
    public synchronized List<Match> correlate(Detected d) {
        if (d.fed.isEmpty()) {
            return d.matches;
        }
        List<Match> out = new ArrayList<>(d.matches);
        for (CompiledRule r : d.fed) {
            Set<String> keys = new HashSet<>();
            if (r.source().meta().id() != null) {
                keys.add(r.source().meta().id());
            }
            if (r.source().meta().name() != null) {
                keys.add(r.source().meta().name());
            }
            out.addAll(correlator.accept(keys, r.source().meta().name(), d.event, d.millis));
        }
        return out;
    }

    /** Detection and correlation for one event. */
    public List<Match> evaluate(Event event) {
        return correlate(detect(event));
    }

    /** Why some rules did not compile (with file, line, field). */
    public List<RuleProblem> problems() {
        return problems;
    }

    /** Detection rules compiled (active or not). */
    public int detectionRuleCount() {
        return rules.length;
    }

    /** Rules compiled but not evaluated because the log-source mapping cannot recognise their events. */
    public int inactiveRuleCount() {
        return inactive;
    }

    public int correlationRuleCount() {
        return correlationCount;
    }

    public int filterCount() {
        return filterCount;
    }

    /** Distinct literals in the shared pre-filter automaton. */
    public int literalCount() {
        return index.literalCount();
    }

    /** Regular-expression matches abandoned because they exceeded their step budget (hostile input). */
    public long regexAborted() {
        return regexAborted.sum();
    }

    public int openCorrelationWindows() {
        return correlator.openWindows();
    }
}
