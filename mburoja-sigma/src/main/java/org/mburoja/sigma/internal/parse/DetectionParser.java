package org.mburoja.sigma.internal.parse;

import static org.mburoja.sigma.internal.parse.YamlNodes.error;
import static org.mburoja.sigma.internal.parse.YamlNodes.line;
import static org.mburoja.sigma.internal.parse.YamlNodes.mapping;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.mburoja.sigma.model.Condition;
import org.mburoja.sigma.model.Detection;
import org.mburoja.sigma.model.FieldMatch;
import org.mburoja.sigma.model.Modifier;
import org.mburoja.sigma.model.Search;
import org.mburoja.sigma.model.SigmaValue;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/** Reads a {@code detection} (or a filter's) block: search identifiers, field entries with modifiers, condition. */
final class DetectionParser {

    private DetectionParser() {
    }

    static Detection parse(Node node, String prefix, Set<String> skip) {
        if (node == null) {
            throw new RuleSyntaxException(0, prefix, "'" + prefix + "' is mandatory");
        }
        Map<String, Node> block = mapping(node, prefix);
        Map<String, Search> searches = new LinkedHashMap<>();
        Node conditionNode = null;
        for (Map.Entry<String, Node> e : block.entrySet()) {
            String name = e.getKey();
            if (name.equals("condition")) {
                conditionNode = e.getValue();
            } else if (name.equals("timeframe")) {
                throw error(e.getValue(), prefix + ".timeframe",
                        "'timeframe' belongs to Sigma 1 aggregations; use a correlation rule's 'timespan'");
            } else if (!skip.contains(name)) {
                searches.put(name, search(e.getValue(), prefix + "." + name));
            }
        }
        if (conditionNode == null) {
            throw error(node, prefix + ".condition", "'condition' is mandatory");
        }
        if (searches.isEmpty()) {
            throw error(node, prefix, "no search identifier is defined");
        }
        List<Condition> conditions = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        for (String c : YamlNodes.strings(conditionNode, prefix + ".condition")) {
            Condition parsed = ConditionParser.parse(c, line(conditionNode), prefix + ".condition");
            checkReferences(parsed, searches, line(conditionNode), prefix + ".condition");
            conditions.add(parsed);
            text.append(text.isEmpty() ? "" : " | ").append(c);
        }
        if (conditions.isEmpty()) {
            throw error(conditionNode, prefix + ".condition", "condition is empty");
        }
        Condition condition = conditions.size() == 1 ? conditions.getFirst() : new Condition.Or(List.copyOf(conditions));
        return new Detection(java.util.Collections.unmodifiableMap(searches), condition, text.toString());
    }

    private static void checkReferences(Condition c, Map<String, Search> searches, int line, String field) {
        switch (c) {
            case Condition.And a -> a.items().forEach(i -> checkReferences(i, searches, line, field));
            case Condition.Or o -> o.items().forEach(i -> checkReferences(i, searches, line, field));
            case Condition.Not n -> checkReferences(n.item(), searches, line, field);
            case Condition.Ref r -> {
                if (!searches.containsKey(r.name())) {
                    throw new RuleSyntaxException(line, field,
                            "condition refers to '" + r.name() + "', which is not a search identifier of this rule");
                }
            }
            case Condition.Of o -> {
                if (!o.pattern().equals("them") && searches.keySet().stream().noneMatch(k -> OfPatterns.matches(o.pattern(), k))) {
                    throw new RuleSyntaxException(line, field,
                            "pattern '" + o.pattern() + "' matches no search identifier of this rule");
                }
            }
        }
    }

    private static Search search(Node node, String path) {
        return switch (node) {
            case MappingNode m -> allOf(m, path);
            case SequenceNode seq -> {
                if (seq.getValue().isEmpty()) {
                    throw error(node, path, "empty list");
                }
                List<Search> items = new ArrayList<>();
                List<SigmaValue> keywords = new ArrayList<>();
                for (Node item : seq.getValue()) {
                    if (item instanceof MappingNode im) {
                        items.add(allOf(im, path));
                    } else if (item instanceof ScalarNode s) {
                        keywords.add(value(s));
                    } else {
                        throw error(item, path, "a list item must be a value or a map, found " + YamlNodes.kind(item));
                    }
                }
                if (!keywords.isEmpty()) {
                    items.add(new Search.Field(new FieldMatch(null, List.of(), List.copyOf(keywords), path, line(node))));
                }
                yield items.size() == 1 ? items.getFirst() : new Search.AnyOf(List.copyOf(items));
            }
            case ScalarNode s when !YamlNodes.isNull(s) ->
                    new Search.Field(new FieldMatch(null, List.of(), List.of(value(s)), path, line(node)));
            default -> throw error(node, path, "a search identifier must be a map or a list, found " + YamlNodes.kind(node));
        };
    }

    private static Search allOf(MappingNode m, String path) {
        Map<String, Node> entries = mapping(m, path);
        Map<String, Node> keys = YamlNodes.keyNodes(m);
        if (entries.isEmpty()) {
            throw error(m, path, "empty map");
        }
        List<Search> items = new ArrayList<>();
        for (Map.Entry<String, Node> e : entries.entrySet()) {
            items.add(new Search.Field(fieldMatch(e.getKey(), e.getValue(), keys.get(e.getKey()), path)));
        }
        return items.size() == 1 ? items.getFirst() : new Search.AllOf(List.copyOf(items));
    }

    private static FieldMatch fieldMatch(String key, Node valueNode, Node keyNode, String parent) {
        String path = parent + "." + key;
        String[] parts = key.split("\\|", -1);
        String field = parts[0].isEmpty() ? null : parts[0];
        List<Modifier> modifiers = new ArrayList<>();
        for (int i = 1; i < parts.length; i++) {
            Modifier m = Modifier.parse(parts[i]);
            if (m == null) {
                throw error(keyNode, path, "unknown modifier '" + parts[i] + "'");
            }
            if (modifiers.contains(m)) {
                throw error(keyNode, path, "modifier '" + parts[i] + "' is given twice");
            }
            modifiers.add(m);
        }
        List<SigmaValue> values = new ArrayList<>();
        if (valueNode instanceof SequenceNode seq) {
            if (seq.getValue().isEmpty()) {
                throw error(valueNode, path, "empty value list");
            }
            for (Node item : seq.getValue()) {
                if (!(item instanceof ScalarNode s)) {
                    throw error(item, path, "values must be scalars, found " + YamlNodes.kind(item));
                }
                values.add(value(s));
            }
        } else if (valueNode instanceof ScalarNode s) {
            values.add(value(s));
        } else {
            throw error(valueNode, path, "values must be scalars or a list of scalars, found " + YamlNodes.kind(valueNode));
        }
        FieldMatch fm = new FieldMatch(field, List.copyOf(modifiers), List.copyOf(values), path, line(keyNode));
        ModifierChains.check(fm);
        return fm;
    }

    /** YAML 1.1 resolves yes/no/on/off as booleans; Sigma authors mean the words, so only true/false are booleans. */
    static SigmaValue value(ScalarNode s) {
        Tag tag = s.getTag();
        String v = s.getValue();
        if (tag.equals(Tag.NULL)) {
            return new SigmaValue.Null();
        }
        if (tag.equals(Tag.INT) || tag.equals(Tag.FLOAT)) {
            return new SigmaValue.Num(v);
        }
        if (tag.equals(Tag.BOOL) && (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false"))) {
            return new SigmaValue.Bool(Boolean.parseBoolean(v.toLowerCase(java.util.Locale.ROOT)));
        }
        return new SigmaValue.Str(v);
    }
}
