package org.mburoja.sigma.internal.parse;

import static org.mburoja.sigma.internal.parse.YamlNodes.error;
import static org.mburoja.sigma.internal.parse.YamlNodes.line;
import static org.mburoja.sigma.internal.parse.YamlNodes.mapping;
import static org.mburoja.sigma.internal.parse.YamlNodes.string;
import static org.mburoja.sigma.internal.parse.YamlNodes.strings;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mburoja.sigma.model.CorrelationRule;
import org.mburoja.sigma.model.CorrelationRule.Bound;
import org.mburoja.sigma.model.CorrelationRule.Metric;
import org.mburoja.sigma.model.CorrelationRule.Type;
import org.mburoja.sigma.model.RuleMeta;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

/** Reads the {@code correlation} block of a correlation rule (correlation rules specification, v2.1 types). */
final class CorrelationParser {

    private static final Pattern TIMESPAN = Pattern.compile("([1-9][0-9]{0,8})([smhdw])");
    private static final Set<String> OPS = Set.of("gt", "gte", "lt", "lte", "eq");
    private static final Set<String> KEYS = Set.of("type", "rules", "group-by", "timespan", "condition", "aliases",
            "generate");

    private CorrelationParser() {
    }

    static CorrelationRule parse(RuleMeta meta, Map<String, Node> top, Node doc, String file) {
        Node block = top.get("correlation");
        Map<String, Node> c = mapping(block, "correlation");
        for (Map.Entry<String, Node> e : c.entrySet()) {
            if (!KEYS.contains(e.getKey())) {
                throw error(e.getValue(), "correlation." + e.getKey(), "unknown correlation attribute '" + e.getKey() + "'");
            }
        }
        Node typeNode = c.get("type");
        if (typeNode == null) {
            throw error(block, "correlation.type", "'type' is mandatory");
        }
        String typeText = string(typeNode, "correlation.type");
        Type type;
        try {
            type = Type.valueOf(typeText.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw error(typeNode, "correlation.type", "unknown correlation type '" + typeText + "'");
        }
        List<String> rules = strings(c.get("rules"), "correlation.rules");
        if (rules.isEmpty()) {
            throw error(block, "correlation.rules", "'rules' must name at least one rule");
        }
        if ((type == Type.TEMPORAL || type == Type.TEMPORAL_ORDERED) && rules.size() < 2) {
            throw error(c.get("rules"), "correlation.rules", type.label() + " needs at least two rules");
        }
        List<String> groupBy = strings(c.get("group-by"), "correlation.group-by");
        Node ts = c.get("timespan");
        if (ts == null) {
            throw error(block, "correlation.timespan", "'timespan' is mandatory");
        }
        Duration timespan = timespan(ts);
        Metric metric = metric(c.get("condition"), type, block, rules.size());
        Map<String, Map<String, String>> aliases = aliases(c.get("aliases"), groupBy);
        boolean generate = bool(c.get("generate"), "correlation.generate") || bool(top.get("generate"), "generate");
        return new CorrelationRule(meta, type, List.copyOf(rules), List.copyOf(groupBy), timespan, metric, aliases,
                generate, file, line(doc));
    }

    private static Duration timespan(Node node) {
        String text = string(node, "correlation.timespan");
        Matcher m = TIMESPAN.matcher(text.trim());
        if (!m.matches()) {
            throw error(node, "correlation.timespan",
                    "timespan '" + text + "' is not a number followed by s, m, h, d or w (e.g. 90m)");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            case "d" -> Duration.ofDays(n);
            default -> Duration.ofDays(7 * n);
        };
    }

    private static Metric metric(Node node, Type type, Node block, int ruleCount) {
        boolean temporal = type == Type.TEMPORAL || type == Type.TEMPORAL_ORDERED;
        if (node == null) {
            if (temporal) {
                return new Metric(null, List.of(new Bound("gte", BigDecimal.valueOf(ruleCount))), null);
            }
            throw error(block, "correlation.condition", "'condition' is mandatory for " + type.label());
        }
        Map<String, Node> m = mapping(node, "correlation.condition");
        String field = null;
        BigDecimal percentile = null;
        List<Bound> bounds = new ArrayList<>();
        for (Map.Entry<String, Node> e : m.entrySet()) {
            String key = e.getKey();
            if (key.equals("field")) {
                field = string(e.getValue(), "correlation.condition.field");
            } else if (key.equals("percentile")) {
                percentile = number(e.getValue(), "correlation.condition.percentile");
                if (percentile.signum() <= 0 || percentile.compareTo(BigDecimal.valueOf(100)) > 0) {
                    throw error(e.getValue(), "correlation.condition.percentile", "percentile must be in (0, 100]");
                }
            } else if (OPS.contains(key)) {
                bounds.add(new Bound(key, number(e.getValue(), "correlation.condition." + key)));
            } else {
                throw error(e.getValue(), "correlation.condition." + key,
                        "unknown condition operator '" + key + "'; expected gt, gte, lt, lte, eq, field");
            }
        }
        if (bounds.isEmpty()) {
            throw error(node, "correlation.condition", "condition needs at least one of gt, gte, lt, lte, eq");
        }
        boolean needsField = type == Type.VALUE_COUNT || type == Type.VALUE_SUM || type == Type.VALUE_AVG
                || type == Type.VALUE_PERCENTILE;
        if (needsField && field == null) {
            throw error(node, "correlation.condition.field", type.label() + " needs 'field' in its condition");
        }
        if (!needsField && field != null) {
            throw error(node, "correlation.condition.field", type.label() + " does not take 'field'");
        }
        if (percentile != null && type != Type.VALUE_PERCENTILE) {
            throw error(node, "correlation.condition.percentile", "'percentile' only applies to value_percentile");
        }
        return new Metric(field, List.copyOf(bounds), percentile);
    }

    private static BigDecimal number(Node node, String field) {
        if (node instanceof ScalarNode s && (s.getTag().equals(Tag.INT) || s.getTag().equals(Tag.FLOAT))) {
            try {
                return new BigDecimal(s.getValue().replace("_", ""));
            } catch (NumberFormatException e) {
                throw error(node, field, "'" + s.getValue() + "' is not a decimal number");
            }
        }
        throw error(node, field, "expected a number, found " + YamlNodes.kind(node));
    }

    private static Map<String, Map<String, String>> aliases(Node node, List<String> groupBy) {
        if (node == null || YamlNodes.isNull(node)) {
            return Map.of();
        }
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        for (Map.Entry<String, Node> e : mapping(node, "correlation.aliases").entrySet()) {
            Map<String, String> perRule = new LinkedHashMap<>();
            for (Map.Entry<String, Node> r : mapping(e.getValue(), "correlation.aliases." + e.getKey()).entrySet()) {
                perRule.put(r.getKey(), string(r.getValue(), "correlation.aliases." + e.getKey() + "." + r.getKey()));
            }
            out.put(e.getKey(), Map.copyOf(perRule));
        }
        return Map.copyOf(out);
    }

    private static boolean bool(Node node, String field) {
        if (node == null || YamlNodes.isNull(node)) {
            return false;
        }
        if (node instanceof ScalarNode s && s.getTag().equals(Tag.BOOL)) {
            return Boolean.parseBoolean(s.getValue().toLowerCase(Locale.ROOT));
        }
        throw error(node, field, "expected true or false, found " + YamlNodes.kind(node));
    }
}
