package org.mburoja.sigma;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * How rules are compiled and correlations kept.
 *
 * @param mapping            log-source mapping (which events belong to which log source, field renames)
 * @param placeholders       values for {@code |expand} placeholders ({@code %name%} without the percent signs)
 * @param evaluateUnmapped   run rules whose log source the mapping cannot recognise on every event (default false:
 *                           they load but stay inactive, since they would match events of other sources)
 * @param regexStepFactor    budget of a regular-expression match: factor × text length + 10,000 character reads
 * @param timeFields         event fields holding the event time, first present wins (correlation windows)
 * @param store              creates the correlation state store
 */
public record EngineOptions(LogSourceMapping mapping, Map<String, List<String>> placeholders, boolean evaluateUnmapped,
                            int regexStepFactor, List<String> timeFields, Supplier<CorrelationStore> store) {

    public static final List<String> DEFAULT_TIME_FIELDS = List.of("TimeCreated_SystemTime", "@timestamp", "timestamp",
            "UtcTime", "EventTime", "time");

    public static EngineOptions defaults() {
        return new EngineOptions(LogSourceMapping.none(), Map.of(), false, 100, DEFAULT_TIME_FIELDS,
                () -> new InMemoryCorrelationStore(100_000, 10_000));
    }

    public EngineOptions withMapping(LogSourceMapping m) {
        return new EngineOptions(m, placeholders, evaluateUnmapped, regexStepFactor, timeFields, store);
    }

    public EngineOptions withPlaceholders(Map<String, List<String>> p) {
        return new EngineOptions(mapping, Map.copyOf(p), evaluateUnmapped, regexStepFactor, timeFields, store);
    }

    public EngineOptions withEvaluateUnmapped(boolean b) {
        return new EngineOptions(mapping, placeholders, b, regexStepFactor, timeFields, store);
    }

    public EngineOptions withStore(Supplier<CorrelationStore> s) {
        return new EngineOptions(mapping, placeholders, evaluateUnmapped, regexStepFactor, timeFields, s);
    }
}
