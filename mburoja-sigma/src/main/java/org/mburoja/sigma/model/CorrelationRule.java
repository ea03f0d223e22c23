package org.mburoja.sigma.model;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** A Sigma correlation rule over the matches of other rules (or correlations). */
public record CorrelationRule(RuleMeta meta, Type type, List<String> rules, List<String> groupBy, Duration timespan,
                             Metric condition, Map<String, Map<String, String>> aliases, boolean generate,
                             String file, int line) implements SigmaDocument {

    public enum Type {
        EVENT_COUNT, VALUE_COUNT, TEMPORAL, TEMPORAL_ORDERED, VALUE_SUM, VALUE_AVG, VALUE_PERCENTILE;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** One bound of a condition range: {@code gt}, {@code gte}, {@code lt}, {@code lte} or {@code eq}. */
    public record Bound(String op, BigDecimal value) {
        public boolean test(double x) {
            int c = BigDecimal.valueOf(x).compareTo(value);
            return switch (op) {
                case "gt" -> c > 0;
                case "gte" -> c >= 0;
                case "lt" -> c < 0;
                case "lte" -> c <= 0;
                default -> c == 0;
            };
        }
    }

    /**
     * The metric condition: all bounds must hold (a range). {@code field} is the field a value_* correlation reads;
     * {@code percentile} is set only when a value_percentile rule names one.
     */
    public record Metric(String field, List<Bound> bounds, BigDecimal percentile) {
        public boolean test(double x) {
            for (Bound b : bounds) {
                if (!b.test(x)) {
                    return false;
                }
            }
            return true;
        }
    }
}
