package org.mburoja.sigma.internal.correlate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.mburoja.sigma.CorrelationStore;
import org.mburoja.sigma.CorrelationWindow;
import org.mburoja.sigma.Event;
import org.mburoja.sigma.InMemoryCorrelationStore;
import org.mburoja.sigma.Match;
import org.mburoja.sigma.internal.compile.Text;
import org.mburoja.sigma.model.CorrelationRule;
import org.mburoja.sigma.model.CorrelationRule.Type;

/**
 * Runs correlation rules over the stream of matches, in event order, on one thread. Each (correlation, group-by
 * values) pair has a sliding event-time window in the {@link CorrelationStore}; when the condition holds the
 * correlation fires once and its window is cleared, so a burst of 1,000 failed logons raises one alert per threshold
 * crossing rather than one per event. A firing correlation is itself a match that chained correlations consume.
 */
public final class Correlator {

    /** A correlation resolved against the loaded rules: {@code sources} are the keys of the rules it reads. */
    public record Spec(CorrelationRule rule, List<String> sources, boolean emits) {
    }

    private final List<Spec> specs;
    private final Map<String, List<int[]>> bySource = new HashMap<>();
    private final CorrelationStore store;
    private final int maxEntries;
    private long lastMillis = Long.MIN_VALUE;
    private long sinceSweep;
    private final long longestSpan;

    public Correlator(List<Spec> specs, CorrelationStore store) {
        this.specs = List.copyOf(specs);
        this.store = store;
        this.maxEntries = store instanceof InMemoryCorrelationStore m ? m.maxEntriesPerWindow() : 10_000;
        long longest = 0;
        for (int i = 0; i < specs.size(); i++) {
            List<String> src = specs.get(i).sources();
            for (int p = 0; p < src.size(); p++) {
                bySource.computeIfAbsent(src.get(p), k -> new ArrayList<>()).add(new int[] {i, p});
            }
            longest = Math.max(longest, specs.get(i).rule().timespan().toMillis());
        }
        longestSpan = longest;
    }

    public boolean isEmpty() {
        return specs.isEmpty();
    }

    /** Whether any correlation reads the rule with this key (id or name). */
    public boolean reads(String key) {
        return key != null && bySource.containsKey(key);
    }

    /**
     * Feeds one match of the rule known by {@code keys} (its id and name) and returns the correlations that fired
     * (including chained ones) that are to be reported.
     */
    public List<Match> accept(Set<String> keys, String ruleName, Event event, Long eventMillis) {
        long t = eventMillis != null ? eventMillis : (lastMillis == Long.MIN_VALUE ? System.currentTimeMillis() : lastMillis);
        lastMillis = Math.max(lastMillis, t);
        List<Match> out = new ArrayList<>();
        feed(keys, ruleName, event, t, out, 0);
        if (++sinceSweep >= 10_000) {
            sinceSweep = 0;
            store.expireBefore(lastMillis - longestSpan);
        }
        return out;
    }

    private void feed(Set<String> keys, String ruleName, Event event, long t, List<Match> out, int depth) {
        if (depth > 16) {
            return;
        }
        // in the order the correlations were loaded (identity of the shared arrays dedups a rule named twice)
        Set<int[]> targets = new java.util.LinkedHashSet<>();
        for (String k : keys) {
            List<int[]> l = bySource.get(k);
            if (l != null) {
                targets.addAll(l);
            }
        }
        for (int[] target : targets) {
            Spec spec = specs.get(target[0]);
            CorrelationRule c = spec.rule();
            Map<String, String> group = new LinkedHashMap<>();
            boolean complete = true;
            for (String g : c.groupBy()) {
                String field = g;
                Map<String, String> alias = c.aliases().get(g);
                if (alias != null) {
                    field = alias.getOrDefault(ruleName, alias.values().stream().findFirst().orElse(g));
                    for (String k : keys) {
                        if (alias.containsKey(k)) {
                            field = alias.get(k);
                        }
                    }
                }
                Object v = event.get(field);
                if (v == null) {
                    complete = false;
                    break;
                }
                group.put(g, Text.of(v));
            }
            if (!complete) {
                continue;
            }
            String value = null;
            if (c.condition().field() != null) {
                Object v = event.get(c.condition().field());
                if (v == null && (c.type() != Type.VALUE_COUNT)) {
                    continue;
                }
                value = v == null ? null : Text.of(v);
            }
            String key = c.key() + '\u0000' + String.join("\u001f", group.values());
            CorrelationWindow w = store.get(key);
            if (w == null) {
                w = new CorrelationWindow(maxEntries);
            }
            w.add(new CorrelationWindow.Hit(t, target[1], value), c.timespan().toMillis());
            store.put(key, w);
            Double measured = Metrics.measure(c, w, value);
            if (measured != null) {
                w.clear();
                store.remove(key);
                Map<String, Object> fields = new LinkedHashMap<>(group);
                fields.put("@timestamp", java.time.Instant.ofEpochMilli(t).toString());
                Event synthetic = Event.of(fields);
                if (spec.emits()) {
                    out.add(new Match(c.meta().id() != null ? c.meta().id() : c.key(), c.meta().title(), c.meta().level(),
                            c.meta().tags(), c.meta().techniques(), event, List.copyOf(spec.sources()),
                            Match.Kind.CORRELATION, Map.copyOf(group), measured));
                }
                Set<String> ownKeys = new HashSet<>();
                if (c.meta().id() != null) {
                    ownKeys.add(c.meta().id());
                }
                if (c.meta().name() != null) {
                    ownKeys.add(c.meta().name());
                }
                feed(ownKeys, c.meta().name(), synthetic, t, out, depth + 1);
            }
        }
    }

    public int openWindows() {
        return store.size();
    }
}
